// A ticket's place in the queue and the wait it announces, as rules over one day's tickets of
// a room (reg-12). The kiosk reads the list from its store (ticket_queue.hpp, wait_estimate.hpp)
// and the central server from the records terminals synced (the visitor's phone page), so the
// ticket, the screen, the board and the phone say the same.
#pragma once

#include "base/domain.hpp"
#include "base/i18n.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

// Calls of a service needed today before an estimate is given.
constexpr int kWaitEstimateMinCalls = 3;
// The estimate looks at this many of the service's latest calls.
constexpr int kWaitEstimateCalls = 20;

// How many people will be called before t for its service: waiting tickets of the same room,
// day and service with an out-of-turn category when t has none, else by issue time; tickets
// issued in the same instant by their order in `day` (the order they arrived).
int people_ahead_in(const std::vector<Ticket>& day, const Ticket& t);

// The average minutes between the day's calls of the service (over its latest
// kWaitEstimateCalls), times people_ahead, rounded up; nullopt when fewer than
// kWaitEstimateMinCalls of its tickets were called: with too little history the honest answer
// is "not known", never a made-up number.
std::optional<int> wait_minutes_in(const std::vector<Ticket>& day, const std::string& service,
                                   int people_ahead);

// What a ticket's visitor is told of the wait, on the ticket, the kiosk's screen and the phone:
// "you are next", "about N min", or "not known yet".
std::string wait_words(const Catalog& texts, Lang lang, int people_ahead,
                       std::optional<int> minutes);

// Before a ticket is taken (the kiosk's service screen, the board): how many wait for the
// service now, all of whom a new ticket without a category comes after, and what that ticket
// would be told.
struct ServiceWait {
    std::string service;
    int waiting = 0;
    std::optional<int> minutes; // nullopt: not known yet
};
ServiceWait service_wait_in(const std::vector<Ticket>& day, const std::string& service);

} // namespace reception
