// What became of the queue's tickets over some days, per service: the reg-3 figure among them.
// reg-3: a visitor who agrees to be received by an authorised head is received the same day
// they come. Whether the room kept that is read from the tickets as they stand: a ticket of a
// day that has ended and still waiting (or called, nobody having come to the desk) was not
// received that day. Nothing is written when a day ends: every terminal reads the same figure
// from the same records, and a ticket served late by a desk that finishes it still counts
// as received.
#pragma once

#include "base/date.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

struct ServiceFigures {
    std::string service;   // the profile's code, in the profile's order
    std::string item;      // the service's item ("reg-3" for same_day)
    int tickets = 0;       // every ticket of the service (one moved here from another counts)
    int received = 0;      // at a desk or served there
    int no_show = 0;       // called and recalled, nobody came (the no-show policy)
    int transferred = 0;   // sent on to another service
    int not_received = 0;  // still waiting or called when its day ended
    int waiting_today = 0; // still waiting or called today: its day is not over
};

// For the queue days from..to (inclusive) of every room; `today` is the day not over yet.
// Every service of the profile has a row, with zeros when it had no ticket.
std::vector<ServiceFigures> queue_figures(Store& store, const RegulationProfile& profile, Date from,
                                          Date to, Date today);

// reg-3 before it is too late: in the last kSameDayWarnMinutes before the room closes, how many
// of the room's same-day visitors (services of item reg-3) still wait or are called, so the
// desks can see them all that day. Nothing (nullopt) outside that hour, on a closed day, or
// when nobody waits.
constexpr int kSameDayWarnMinutes = 60;
struct SameDayLeft {
    int minutes_to_closing = 0;
    int waiting = 0;
    int closes_at = 0;   // local minute of the day
    std::string service; // the first of those services (profile order) with someone waiting
};
std::optional<SameDayLeft> same_day_left(Store& store, const RegulationProfile& profile,
                                         const WorkCalendar& cal, const std::string& room,
                                         Instant now);

} // namespace reception
