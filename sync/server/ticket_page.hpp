// What a ticket's public page says (public_pages.hpp draws it): the ticket its code points to
// now, the people ahead and the estimated wait by the kiosk's own rules
// (queue/queue_position.hpp) over the room's records of the day, and how fresh that is.
#pragma once

#include "base/domain.hpp"
#include "server/server_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct TicketPage {
    bool found = false; // false: no ticket has the code yet (a kiosk offline still), or never
    Ticket ticket;
    std::string moved_from; // the service it was transferred from, "" when it was not
    int ahead = 0;
    std::optional<int> minutes; // nullopt: not known yet
    Instant as_of{};            // the newest news of the room the server has
    long long head = 0;         // the room's feed head: the page waits for news past it
};

// room_last_seen: when a kiosk or console of the room last reached this server.
TicketPage ticket_page(ServerStore& db, const std::string& code, Instant room_last_seen);
// The room's tickets of the day as the server holds them, in the order they were issued (what
// people_ahead_in counts over): the phone page's and the turn SMS's (turn_texts.hpp).
std::vector<Ticket> room_day_tickets(ServerStore& db, const std::string& room, Date day);

} // namespace reception
