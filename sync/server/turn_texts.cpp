#include "server/turn_texts.hpp"

#include "queue/ticket_queue.hpp"
#include "queue/turn_text.hpp"
#include "server/delivery.hpp"
#include "server/ticket_page.hpp"

namespace reception {
using nlohmann::json;

[[noreturn]] static void forbidden(const std::string& what) {
    throw HttpError(403, "forbidden", what);
}

static Ticket ticket_of(const ExistingRecord& r) {
    json j = json::parse(r.payload, nullptr, false);
    return j.is_object() ? ticket_from_json(j) : Ticket{};
}

// Rules
void check_kiosk_turn_text(const Terminal& t, const PushOp& op, const std::string& where) {
    if (op.kind != "turn_text.asked")
        forbidden(where + "a kiosk asks for a turn text; " + op.kind + " is not a kiosk's");
    auto turn = turn_text_from_json(op.payload);
    if (!turn)
        throw HttpError(400, "bad_field",
                        where + "turn_text: uuid, ticket_uuid, room, a Kazakh mobile phone "
                                "(+77XXXXXXXXX), language kk or ru, created_at");
    if (turn->uuid != op.entity_uuid)
        throw HttpError(400, "bad_field", where + "turn_text: uuid is not the op's entity_uuid");
    if (turn->room != t.room)
        throw HttpError(403, "wrong_room",
                        where + "turn_text of room " + turn->room + " from a terminal of room " +
                            t.room);
}

void check_turn_text_ticket(ServerStore& db, const Terminal& t, const PushOp& op) {
    std::string uuid = op.payload.value("ticket_uuid", "");
    ExistingRecord r = db.record("ticket", uuid);
    // The ticket comes first in the kiosk's outbox, so it is on the server by now.
    if (!r.found || r.room != t.room || r.origin != t.name)
        forbidden("a kiosk asks for a turn text only for a ticket it issued; " + uuid + " is not");
    if (ticket_of(r).state != TicketState::Waiting)
        forbidden("ticket " + uuid + " no longer waits: no turn text");
}

// Watching
// Each watch of the room: its SMS queued when due, or the watch ended when its ticket no
// longer waits. `moved` is the ticket the push just wrote (the day's list may not have it yet
// when a group holds the push uncommitted on PostgreSQL).
static void check_watches(ServerStore& db, const std::string& room, const Ticket* moved,
                          Instant now) {
    std::vector<TurnWatch> watches = db.watched_turns(room);
    if (watches.empty()) return;
    std::map<std::string, std::vector<Ticket>> days; // read once per day of the room
    for (const TurnWatch& w : watches) {
        ExistingRecord r = db.record("ticket", w.ticket_uuid);
        if (!r.found) continue;
        Ticket ticket = ticket_of(r);
        if (ticket.state != TicketState::Waiting) {
            db.unwatch_turn(w.turn_uuid); // called or gone before it was near: nothing to send
            continue;
        }
        std::string day = format_date(ticket.day);
        if (!days.count(day)) {
            std::vector<Ticket> list = room_day_tickets(db, room, ticket.day);
            if (moved && moved->day == ticket.day) {
                auto same = [&](const Ticket& x) { return x.uuid == moved->uuid; };
                auto it = std::find_if(list.begin(), list.end(), same);
                if (it != list.end()) *it = *moved;
            }
            days[day] = std::move(list);
        }
        if (!turn_text_due(days[day], ticket)) continue;
        queue_turn_sms(db, w, now);
        db.unwatch_turn(w.turn_uuid);
    }
}

void on_turn_pushed(ServerStore& db, const Terminal& t, const PushOp& op, Instant now) {
    if (op.entity == "turn_text") {
        db.watch_turn({op.entity_uuid, t.room, op.payload.value("ticket_uuid", "")});
        check_watches(db, t.room, nullptr, now); // already near when asked: at once
        return;
    }
    if (op.entity != "ticket" || op.kind == "ticket.issued") return; // a new ticket moves no one up
    Ticket moved = ticket_from_json(op.payload);
    check_watches(db, t.room, &moved, now);
}

// Keeping
long long forget_turn_texts(ServerStore& db, Instant now) {
    return db.forget_turn_texts(format_instant(turn_texts_kept_from(now)), format_instant(now));
}

} // namespace reception
