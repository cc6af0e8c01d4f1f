#include "server/write_rules.hpp"

#include "server/numbers.hpp"
#include "server/server_store.hpp"
#include "server/turn_texts.hpp"

#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

[[noreturn]] static void forbidden(const std::string& what) {
    throw HttpError(403, "forbidden", what);
}

static std::string text_of(const json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

static bool one_of(const std::string& v, std::initializer_list<const char*> allowed) {
    for (const char* a : allowed)
        if (v == a) return true;
    return false;
}

ExistingRecord find_record(ServerStore& db, const std::string& entity, const std::string& uuid) {
    return db.record(entity, uuid);
}

// The role's records
// Everything the apps of a console write (shared/*.cpp, append_outbox); another entity is a
// program this server does not know, and its records would be kept without any rule.
static bool console_entity(const std::string& e) {
    return one_of(e, {"ticket", "application", "event", "notice", "room", "official", "session",
                      "desk", "staff", "reception_record", "hearing", "instruction", "survey",
                      "reception_protocol", "walk_in_survey"});
}

// A kiosk issues a ticket and leaves it: calling, moving and transferring are a desk's.
static void check_kiosk_ticket(const Terminal& t, PushOp& op, const std::string& where) {
    json& p = op.payload;
    if (op.kind != "ticket.issued")
        forbidden(where + "a kiosk issues tickets, it does not move them");
    if (text_of(p, "state") != "waiting" || !text_of(p, "desk").empty() ||
        !text_of(p, "called_at").empty() || !text_of(p, "transferred_from").empty())
        forbidden(where + "a kiosk issues waiting tickets only, at no desk, not transferred");
    if (!in_ticket_series(text_of(p, "number"), t.series))
        forbidden(where + "ticket number " + text_of(p, "number") + " is not of series " +
                  t.series + " (terminal " + t.name + ")");
    p["kiosk"] = t.name; // the issuing kiosk is the credential, whatever the payload says
}

// A kiosk registers an application and, when an APPC art. 63 item is missing, sends it for
// correction at once (reg-6); any later decision is staff's.
static void check_kiosk_application(const Terminal& t, PushOp& op, const std::string& where) {
    json& p = op.payload;
    if (!one_of(op.kind, {"application.registered", "application.state_changed"}))
        forbidden(where + "a kiosk registers applications; " + op.kind + " is staff's");
    if (!one_of(text_of(p, "state"), {"registered", "needs_correction"}) ||
        text_of(p, "channel") != "kiosk" || !text_of(p, "assigned_to").empty())
        forbidden(where + "a kiosk's application is registered or sent for correction, "
                          "by the kiosk channel, assigned to no one");
    p["accepted_by"] = t.name;
}

static void check_kiosk_event(const Terminal& t, PushOp& op, const std::string& where) {
    json& p = op.payload;
    std::string kind = text_of(p, "kind"), to = text_of(p, "to");
    bool registered = kind == "registered" && to == "registered";
    bool correction = kind == "state_changed" && to == "needs_correction";
    if (text_of(p, "entity") != "application" || !(registered || correction))
        forbidden(where +
                  "a kiosk records only an application's registration and its reg-6 "
                  "correction, not " +
                  text_of(p, "entity") + " " + kind + " to " + to);
    p["actor"] = t.name; // the history names the machine that did it
}

static void check_kiosk_notice(PushOp& op, const std::string& where) {
    const json& p = op.payload;
    if (op.kind != "notice.planned" || !p.value("sent_on", json()).is_null() ||
        !text_of(p, "sent_by").empty())
        forbidden(where + "a kiosk plans a reg-6 notice; sending it is staff's");
}

// What the server sends is the server's to report: a terminal that writes a notice_delivered
// event, or any event in the server's name, would stop a clock with a notice nobody sent. (The
// delivery records, notice_delivery, are no console entity at all.)
static void check_not_server_history(const PushOp& op, const std::string& where) {
    if (op.entity != "event") return;
    if (text_of(op.payload, "kind") == "notice_delivered" ||
        text_of(op.payload, "actor") == "server")
        forbidden(where + "only the server records that it delivered a notice");
}

void check_role(const Terminal& t, PushOp& op, const std::string& where) {
    switch (t.role) {
    case TerminalRole::Board:
        forbidden("a board writes nothing");
    case TerminalRole::Reader:
        forbidden("a region reader writes nothing");
    case TerminalRole::Console:
        if (!console_entity(op.entity)) forbidden(where + "unknown entity " + op.entity);
        check_not_server_history(op, where);
        return;
    case TerminalRole::Kiosk:
        break;
    }
    if (op.entity == "ticket")
        check_kiosk_ticket(t, op, where);
    else if (op.entity == "application")
        check_kiosk_application(t, op, where);
    else if (op.entity == "event")
        check_kiosk_event(t, op, where);
    else if (op.entity == "notice")
        check_kiosk_notice(op, where);
    else if (op.entity == "turn_text")
        check_kiosk_turn_text(t, op, where);
    else
        forbidden(where + "a kiosk does not write " + op.entity);
}

// Against the store
static void check_room(const Terminal& t, const ExistingRecord& e, const std::string& what) {
    if (e.found && e.room != t.room)
        throw HttpError(403, "wrong_room", what + " is of room " + e.room);
}

// What an event or a notice is about must be of the terminal's room and, for a kiosk, its own.
// It may not be on the server yet: a record's first event comes before the record in the
// outbox (shared/store.cpp), and UUIDs are not guessed.
static void check_subject(ServerStore& db, const Terminal& t, const std::string& entity,
                          const std::string& uuid) {
    ExistingRecord s = find_record(db, entity, uuid);
    check_room(t, s, entity + " " + uuid);
    if (t.role == TerminalRole::Kiosk && s.found && s.origin != t.name)
        forbidden("a kiosk writes only about what it created; " + entity + " " + uuid + " is of " +
                  s.origin);
}

// A transferred ticket keeps the number of the ticket it came from (docs/sync.md).
static void check_transfer(ServerStore& db, const PushOp& op) {
    std::string from = text_of(op.payload, "transferred_from");
    ExistingRecord old = find_record(db, "ticket", from);
    if (!old.found || text_of(json::parse(old.payload), "number") != text_of(op.payload, "number"))
        forbidden("ticket " + op.entity_uuid + " is transferred from " + from +
                  ", which the server does not hold under the same number");
}

void check_against_store(ServerStore& db, const Terminal& t, const PushOp& op,
                         const ExistingRecord& e) {
    const json& p = op.payload;
    if (op.entity == "ticket" && text_of(p, "room") != t.room)
        throw HttpError(403, "wrong_room",
                        "ticket of room " + p["room"].dump() + " from a terminal of room " +
                            t.room);
    check_room(t, e, op.entity + " " + op.entity_uuid);
    if (t.role == TerminalRole::Kiosk && e.found && (e.origin != t.name || op.entity == "ticket"))
        forbidden("a kiosk changes only what it created, and never a ticket once issued");
    if (op.entity == "event") check_subject(db, t, text_of(p, "entity"), text_of(p, "entity_uuid"));
    if (op.entity == "notice") check_subject(db, t, "application", text_of(p, "application_uuid"));
    if (op.entity == "turn_text") {
        if (e.found) forbidden("a turn text is asked once and never changed");
        check_turn_text_ticket(db, t, op);
    }
    if (op.entity != "ticket" || e.found) return;
    // A new ticket: a console's in its own series too, or transferred from one the room has.
    // An update of a ticket the server lost (re-offered after a restore) claims it by UUID.
    if (!text_of(p, "transferred_from").empty())
        check_transfer(db, op);
    else if (op.kind == "ticket.issued" && !in_ticket_series(text_of(p, "number"), t.series))
        forbidden("ticket number " + text_of(p, "number") + " is not of series " + t.series +
                  " (terminal " + t.name + ")");
}

} // namespace reception
