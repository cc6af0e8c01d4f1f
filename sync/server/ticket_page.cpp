#include "server/ticket_page.hpp"

#include "queue/queue_position.hpp"
#include "queue/ticket_queue.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

static Ticket parsed(const std::string& payload) {
    json j = json::parse(payload, nullptr, false);
    return j.is_object() ? ticket_from_json(j) : Ticket{};
}

// The room's tickets of the day in the order they were issued: a tie of issue times (they
// count seconds) by number, which a kiosk's series gives in the order it printed them, then by
// UUID: the server's stand-in for the order they came into a kiosk's store.
std::vector<Ticket> room_day_tickets(ServerStore& db, const std::string& room, Date day) {
    std::vector<Ticket> day_tickets;
    for (const auto& p : db.day_ticket_payloads(room, format_date(day)))
        day_tickets.push_back(parsed(p));
    std::sort(day_tickets.begin(), day_tickets.end(), [](const Ticket& a, const Ticket& b) {
        if (a.issued_at != b.issued_at) return a.issued_at < b.issued_at;
        return a.number != b.number ? a.number < b.number : a.uuid < b.uuid;
    });
    return day_tickets;
}

TicketPage ticket_page(ServerStore& db, const std::string& code, Instant room_last_seen) {
    TicketPage page;
    auto where = db.public_code(code);
    if (!where || where->entity != "ticket") return page;
    ExistingRecord r = db.record("ticket", where->uuid);
    if (!r.found) return page;
    page.found = true;
    page.ticket = parsed(r.payload);
    page.head = db.feed_head(where->room);
    if (!page.ticket.transferred_from.empty()) {
        ExistingRecord from = db.record("ticket", page.ticket.transferred_from);
        std::string service = from.found ? parsed(from.payload).service : "";
        if (service != page.ticket.service) page.moved_from = service;
    }
    std::vector<Ticket> day = room_day_tickets(db, page.ticket.room, page.ticket.day);
    page.ahead = people_ahead_in(day, page.ticket);
    page.minutes = wait_minutes_in(day, page.ticket.service, page.ahead);
    page.as_of = room_last_seen;
    for (const auto& t : day) page.as_of = std::max(page.as_of, t.updated_at);
    return page;
}

} // namespace reception
