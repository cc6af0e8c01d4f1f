#include "queue/ticket_queue.hpp"

#include "base/public_code.hpp"
#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "queue/queue_position.hpp"
#include "regulation/profile.hpp"
#include "store/outbox.hpp"
#include "store/record_fields.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

namespace reception {
using nlohmann::json;

// Rows <-> structs
// A ticket's fields, in one list: the row's columns in this order, the outbox payload's keys,
// and the write that inserts a ticket or saves its move. Every column is text; priority is
// derived from the category (out of turn first, reg-12) and written beside them.
using TicketField = RecordField<Ticket>;

static std::string instant_text(Instant at) {
    return at == Instant{} ? "" : format_instant(at);
}

static const TicketField kTicketFields[] = {
    RECORD_TEXT(Ticket, uuid, uuid),
    RECORD_TEXT(Ticket, room, room),
    RECORD_DATE(Ticket, day, day),
    RECORD_TEXT(Ticket, service, service),
    RECORD_TEXT(Ticket, number, number),
    RECORD_TEXT(Ticket, category, category),
    RECORD_TEXT(Ticket, language, language),
    RECORD_CODE(Ticket, state, state),
    RECORD_TEXT(Ticket, desk, desk),
    RECORD_TEXT(Ticket, kiosk, kiosk),
    RECORD_TEXT(Ticket, transferred_from, transferred_from),
    RECORD_INSTANT(Ticket, issued_at, issued_at),
    {"called_at", Kept::Text, [](const Ticket& t) { return instant_text(t.called_at); },
     [](Ticket& t, const std::string& v) { t.called_at = parse_instant(v).value_or(Instant{}); }},
    RECORD_INSTANT(Ticket, updated_at, updated_at),
    RECORD_TEXT(Ticket, public_code, public_code),
};
constexpr int kTicketFieldCount = int(sizeof kTicketFields / sizeof kTicketFields[0]);

static std::string select_tickets(const char* rest) {
    return "SELECT " + select_columns(kTicketFields) + " FROM tickets " + rest;
}

static Ticket ticket_from_row(const Stmt& st) {
    return record_from_row(kTicketFields, st);
}

static json ticket_json(const Ticket& t) {
    return record_json(kTicketFields, t);
}

// Inserts the ticket, or saves every field of one already there; priority beside them.
static void write_ticket(Store& store, const Ticket& t) {
    static const std::string sql = upsert_sql("tickets", kTicketFields, {"priority"});
    Stmt st = store.prepare(sql.c_str());
    bind_record(kTicketFields, t, st);
    st.bind(kTicketFieldCount + 1, t.category.empty() ? 1 : 0);
    st.run();
}

std::optional<Ticket> find_ticket(Store& store, const std::string& uuid) {
    static const std::string sql = select_tickets("WHERE uuid = ?1");
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    return ticket_from_row(st);
}

// Issuing
// The next number for a room, day and prefix. The counter row is updated inside the caller's
// IMMEDIATE transaction, so two kiosks on one store can never read the same value.
static int next_ticket_number(Store& store, const std::string& room, Date day,
                              const std::string& prefix) {
    Stmt st = store.prepare("INSERT INTO ticket_counters(room, day, prefix, last) "
                            "VALUES (?1, ?2, ?3, 1) ON CONFLICT(room, day, prefix) "
                            "DO UPDATE SET last = last + 1 RETURNING last");
    st.bind(1, room).bind(2, format_date(day)).bind(3, prefix);
    st.step();
    return int(st.integer(0));
}

// "A-012": a letter and three digits a clerk can call out and a visitor can read.
static std::string ticket_label(const std::string& prefix, int n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s-%03d", prefix.c_str(), n);
    return buf;
}

Date queue_day(Instant now, const QueuePolicy& policy) {
    return local_date(now - std::chrono::minutes(policy.day_starts_minute));
}

Ticket issue_ticket(Store& store, const RegulationProfile& profile, const TicketRequest& req,
                    Instant now) {
    const Service* service = profile.service(req.service);
    if (!service) throw InputError("service", "unknown_service");
    if (!req.category.empty() && !profile.category(req.category))
        throw InputError("category", "unknown_category");
    if (req.language != "kk" && req.language != "ru") throw InputError("language", "bad_language");
    if (req.room.empty()) throw InputError("room", "unknown_room");

    Ticket t;
    t.uuid = new_uuid();
    t.room = req.room;
    t.day = queue_day(now, profile.queue_policy);
    t.service = req.service;
    t.category = req.category;
    t.language = req.language;
    t.kiosk = req.kiosk;
    t.issued_at = t.updated_at = now;
    t.public_code = new_public_code();
    store.transaction([&] {
        // A terminal that syncs numbers in its own series given at enrolment ("A2-017"), so
        // two kiosks of one room working offline never print the same number (docs/sync.md).
        std::string prefix = service->prefix + store.meta("ticket_series").value_or("");
        t.number = ticket_label(prefix, next_ticket_number(store, t.room, t.day, prefix));
        write_ticket(store, t);
        append_outbox(store, "ticket", t.uuid, "ticket.issued", ticket_json(t));
    });
    return t;
}

int people_ahead(Store& store, const Ticket& t) {
    return people_ahead_in(day_tickets(store, t.room, t.day), t);
}

std::vector<Ticket> day_tickets(Store& store, const std::string& room, Date day) {
    // By rowid: the order they came into this store breaks a tie of issue times.
    static const std::string sql = select_tickets("WHERE room = ?1 AND day = ?2 ORDER BY rowid");
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, room).bind(2, format_date(day));
    std::vector<Ticket> out;
    while (st.step()) out.push_back(ticket_from_row(st));
    return out;
}

Ticket ticket_from_json(const nlohmann::json& j) {
    return record_from_json(kTicketFields, j);
}

// Moving tickets
bool ticket_move_allowed(TicketState from, TicketState to) {
    using S = TicketState;
    switch (from) {
    case S::Waiting:
        return to == S::Called || to == S::Transferred;
    case S::Called:
        return to == S::Called || to == S::Serving || to == S::NoShow || to == S::Transferred;
    case S::Serving:
        return to == S::Done || to == S::Transferred;
    default:
        return false; // done, no_show and transferred are final (a reactivation is a new row)
    }
}

static Ticket load_for_move(Store& store, const std::string& uuid, TicketState to) {
    auto t = find_ticket(store, uuid);
    if (!t) throw StoreError("ticket_not_found", "no ticket " + uuid);
    if (!ticket_move_allowed(t->state, to))
        throw StoreError("ticket_move_not_allowed", std::string("ticket ") + t->number + ": " +
                                                        to_code(t->state) + " -> " + to_code(to));
    return *t;
}

// Writes the new state, its event and its outbox row (inside the caller's transaction).
static void save_move(Store& store, Ticket& t, TicketState from, const std::string& kind,
                      const std::string& actor, const std::string& reason, Instant now,
                      json data = json::object()) {
    t.updated_at = now;
    write_ticket(store, t);
    data["number"] = t.number;
    data["desk"] = t.desk;
    store.append_event("ticket", t.uuid, kind, to_code(from), to_code(t.state), actor, reason, data,
                       now);
    append_outbox(store, "ticket", t.uuid, "ticket." + kind, ticket_json(t));
}

// A reason a clerk gives for a move past the usual order: required, and one line long.
static std::string checked_reason(const std::string& reason, const char* field) {
    std::string why = trim(reason);
    if (why.empty()) throw InputError(field, "empty");
    if (utf8_length(why) > 200) throw InputError(field, "too_long");
    return why;
}

static Ticket move_ticket(Store& store, const std::string& uuid, TicketState to,
                          const std::string& kind, const std::string& actor, Instant now) {
    Ticket t;
    store.transaction([&] {
        t = load_for_move(store, uuid, to);
        TicketState from = t.state;
        t.state = to;
        if (to == TicketState::Called) t.called_at = now;
        save_move(store, t, from, kind, actor, "", now);
    });
    return t;
}

// Whether a desk serving these services may call the waiting ticket.
static bool desk_may_call(const Ticket& t, const std::vector<std::string>& services,
                          const std::string& desk) {
    bool served = services.empty();
    for (const auto& s : services) served = served || s == t.service;
    // A ticket transferred to a named desk waits for that desk only.
    return served && (t.desk.empty() || t.desk == desk);
}

static const std::string& waiting_in_order_sql() {
    static const std::string sql = select_tickets(
        "WHERE room = ?1 AND day = ?2 AND state = 'waiting' ORDER BY priority, issued_at, rowid");
    return sql;
}

std::optional<Ticket> call_next(Store& store, const std::string& room, Date day,
                                const std::vector<std::string>& services, const std::string& desk,
                                const std::string& actor, Instant now) {
    std::optional<Ticket> called;
    store.transaction([&] {
        Stmt st = store.prepare(waiting_in_order_sql().c_str());
        st.bind(1, room).bind(2, format_date(day));
        // The waiting index walks in calling order; the first ticket of a served service wins.
        while (st.step()) {
            Ticket t = ticket_from_row(st);
            if (!desk_may_call(t, services, desk)) continue;
            called = t;
            break;
        }
        if (!called) return;
        called->state = TicketState::Called;
        called->desk = desk;
        called->called_at = now;
        save_move(store, *called, TicketState::Waiting, "called", actor, "", now);
    });
    return called;
}

std::vector<Ticket> waiting_for_desk(Store& store, const std::string& room, Date day,
                                     const std::vector<std::string>& services,
                                     const std::string& desk) {
    Stmt st = store.prepare(waiting_in_order_sql().c_str());
    st.bind(1, room).bind(2, format_date(day));
    std::vector<Ticket> out;
    while (st.step()) {
        Ticket t = ticket_from_row(st);
        if (desk_may_call(t, services, desk)) out.push_back(t);
    }
    return out;
}

Ticket call_chosen(Store& store, const std::string& room, Date day,
                   const std::vector<std::string>& services, const std::string& desk,
                   const std::string& ticket_uuid, const std::string& actor,
                   const std::string& reason, Instant now) {
    // reg-12 is the order of arrival: whoever calls past it says why, for whoever checks later.
    const std::string why = checked_reason(reason, "call_reason");
    Ticket t;
    store.transaction([&] {
        auto found = find_ticket(store, ticket_uuid);
        if (!found || found->room != room || found->day != day ||
            found->state != TicketState::Waiting)
            throw InputError("ticket", "ticket_not_waiting");
        if (!desk_may_call(*found, services, desk))
            throw InputError("ticket", "ticket_not_served_here");
        t = *found;
        t.state = TicketState::Called;
        t.desk = desk;
        t.called_at = now;
        save_move(store, t, TicketState::Waiting, "called_out_of_order", actor, why, now);
    });
    return t;
}
Ticket start_ticket(Store& store, const std::string& uuid, const std::string& actor, Instant now) {
    return move_ticket(store, uuid, TicketState::Serving, "started", actor, now);
}
Ticket finish_ticket(Store& store, const std::string& uuid, const std::string& actor, Instant now) {
    return move_ticket(store, uuid, TicketState::Done, "finished", actor, now);
}

Ticket transfer_ticket(Store& store, const RegulationProfile& profile, const std::string& uuid,
                       const std::string& service, const std::string& desk,
                       const std::string& actor, Instant now) {
    if (service.empty()) throw InputError("transfer_service", "empty");
    if (!profile.service(service)) throw InputError("transfer_service", "unknown_service");
    const std::string to_desk = trim(desk);
    for (char c : to_desk)
        if (c < '0' || c > '9') throw InputError("transfer_desk", "not_digits");
    Ticket next;
    store.transaction([&] {
        Ticket old = load_for_move(store, uuid, TicketState::Transferred);
        // Sent back to the desk that called it, the visitor would only wait again for nothing.
        if (!to_desk.empty() && to_desk == old.desk)
            throw InputError("transfer_desk", "transfer_same_desk");
        TicketState from = old.state;
        old.state = TicketState::Transferred;
        save_move(store, old, from, "transferred", actor, "to " + service, now);
        next = old;
        next.uuid = new_uuid();
        next.service = service;
        next.desk = to_desk;
        next.state = TicketState::Waiting;
        next.called_at = Instant{};
        next.transferred_from = old.uuid;
        next.updated_at = now;
        write_ticket(store, next);
        append_outbox(store, "ticket", next.uuid, "ticket.issued", ticket_json(next));
    });
    return next;
}

Ticket remove_category(Store& store, const std::string& uuid, const std::string& actor,
                       const std::string& reason, Instant now) {
    // reg-12: the clerk says why the category did not hold (no document shown): it is in the
    // ticket's history for whoever checks the out-of-turn order later.
    const std::string why = checked_reason(reason, "category_reason");
    Ticket t;
    store.transaction([&] {
        auto found = find_ticket(store, uuid);
        if (!found) throw StoreError("ticket_not_found", "no ticket " + uuid);
        t = *found;
        if (t.category.empty()) return;
        json claimed{{"claimed_category", t.category}};
        t.category.clear();
        save_move(store, t, t.state, "category_removed", actor, why, now, claimed);
    });
    return t;
}

// The no-show policy (reg-12)
int recalls_made(Store& store, const std::string& uuid) {
    Stmt st = store.prepare("SELECT count(*) FROM events WHERE entity_uuid = ?1 AND entity = "
                            "'ticket' AND kind = 'recalled'");
    st.bind(1, uuid);
    st.step();
    return int(st.integer(0));
}

Instant next_call_allowed(const QueuePolicy& policy, const Ticket& t) {
    return t.called_at + std::chrono::seconds(policy.recall_gap_seconds);
}

// Loads a ticket that is called now, for a recall or a no-show.
static Ticket load_called(Store& store, const std::string& uuid, TicketState to) {
    Ticket t = load_for_move(store, uuid, to);
    if (t.state != TicketState::Called)
        throw StoreError("ticket_move_not_allowed",
                         std::string("ticket ") + t.number + " is not called now");
    return t;
}

Ticket recall_ticket(Store& store, const QueuePolicy& policy, const std::string& uuid,
                     const std::string& actor, Instant now) {
    store.transaction([&] {
        Ticket t = load_called(store, uuid, TicketState::Called);
        if (recalls_made(store, uuid) >= policy.recalls) throw InputError("ticket", "recall_limit");
        // The visitor needs the time to hear the call and walk to the desk.
        if (now < next_call_allowed(policy, t)) throw InputError("ticket", "recall_too_soon");
    });
    return move_ticket(store, uuid, TicketState::Called, "recalled", actor, now);
}

Ticket no_show_ticket(Store& store, const QueuePolicy& policy, const std::string& uuid,
                      const std::string& actor, Instant now) {
    store.transaction([&] {
        Ticket t = load_called(store, uuid, TicketState::NoShow);
        // Nobody loses their turn before they were called every time the room promises.
        if (recalls_made(store, uuid) < policy.recalls) throw InputError("ticket", "recall_first");
        if (now < next_call_allowed(policy, t)) throw InputError("ticket", "no_show_too_soon");
    });
    return move_ticket(store, uuid, TicketState::NoShow, "no_show", actor, now);
}

static bool was_reactivated(Store& store, const std::string& uuid) {
    Stmt st = store.prepare("SELECT 1 FROM tickets WHERE transferred_from = ?1 LIMIT 1");
    st.bind(1, uuid);
    return st.step();
}

Ticket reactivate_ticket(Store& store, const QueuePolicy& policy, const std::string& uuid,
                         const std::string& actor, Instant now) {
    Ticket next;
    store.transaction([&] {
        auto old = find_ticket(store, uuid);
        if (!old) throw StoreError("ticket_not_found", "no ticket " + uuid);
        if (old->state != TicketState::NoShow) throw InputError("ticket", "not_no_show");
        auto window = std::chrono::minutes(policy.reactivate_minutes);
        if (old->day != queue_day(now, policy) || now > old->updated_at + window)
            throw InputError("ticket", "reactivate_too_late");
        if (was_reactivated(store, uuid)) throw InputError("ticket", "already_reactivated");
        // Its issue time and category keep its place; a new row keeps the states moving
        // forward only, as a transfer does (the server takes it by the same rule).
        next = *old;
        next.uuid = new_uuid();
        next.state = TicketState::Waiting;
        next.desk.clear();
        next.called_at = Instant{};
        next.transferred_from = old->uuid;
        next.updated_at = now;
        write_ticket(store, next);
        append_outbox(store, "ticket", next.uuid, "ticket.issued", ticket_json(next));
        store.append_event("ticket", old->uuid, "reactivated", "no_show", "no_show", actor, "",
                           json{{"number", old->number}, {"new_ticket", next.uuid}}, now);
    });
    return next;
}

std::vector<Ticket> reactivatable_no_shows(Store& store, const QueuePolicy& policy,
                                           const std::string& room,
                                           const std::vector<std::string>& services, Instant now) {
    static const std::string sql = select_tickets(
        "AS t WHERE room = ?1 AND day = ?2 AND state = 'no_show' AND updated_at >= ?3 AND NOT "
        "EXISTS (SELECT 1 FROM tickets n WHERE n.transferred_from = t.uuid) "
        "ORDER BY updated_at DESC, rowid DESC");
    Stmt st = store.prepare(sql.c_str());
    auto window = std::chrono::minutes(policy.reactivate_minutes);
    st.bind(1, room)
        .bind(2, format_date(queue_day(now, policy)))
        .bind(3, format_instant(now - window));
    std::vector<Ticket> out;
    while (st.step()) {
        Ticket t = ticket_from_row(st);
        if (services.empty() || std::count(services.begin(), services.end(), t.service))
            out.push_back(t);
    }
    return out;
}

// Views
std::vector<Ticket> recent_calls(Store& store, const std::string& room, Date day, int limit) {
    static const std::string sql =
        select_tickets("WHERE room = ?1 AND day = ?2 AND called_at <> '' "
                       "ORDER BY called_at DESC, rowid DESC LIMIT ?3");
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, room).bind(2, format_date(day)).bind(3, limit);
    std::vector<Ticket> out;
    while (st.step()) out.push_back(ticket_from_row(st));
    return out;
}

// Calls that are no transfer, newest first: the first call of each desk may be "calling".
static void board_desk_calls(Store& store, const std::string& room, Date day, int limit,
                             BoardCalls& out) {
    static const std::string sql =
        select_tickets("WHERE room = ?1 AND day = ?2 AND called_at <> '' AND state <> "
                       "'transferred' ORDER BY called_at DESC, rowid DESC LIMIT ?3");
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, room).bind(2, format_date(day)).bind(3, limit);
    // A desk that called someone since no longer calls an older ticket it left "called".
    std::set<std::string> desks_moved_on;
    while (st.step()) {
        Ticket t = ticket_from_row(st);
        bool calling = t.state == TicketState::Called && !desks_moved_on.count(t.desk);
        desks_moved_on.insert(t.desk);
        if (calling)
            out.calling.push_back(t);
        else
            out.recent.push_back({t, "", Instant::max()});
    }
}

// Called tickets transferred lately whose new ticket still waits, by transfer time, newest
// first. The waiting index finds the new tickets; each old one is found by its key.
static std::vector<BoardCall> board_transfers(Store& store, const std::string& room, Date day,
                                              Instant now) {
    static const std::string sql =
        "SELECT " + select_columns(kTicketFields) +
        ", moved_to FROM tickets JOIN (SELECT transferred_from AS old, service AS moved_to "
        "FROM tickets WHERE room = ?1 AND day = ?2 AND state = 'waiting' AND transferred_from "
        "<> '') ON uuid = old WHERE state = 'transferred' AND called_at <> '' AND updated_at > ?3 "
        "ORDER BY updated_at DESC";
    auto shown = std::chrono::minutes(kTransferShownMinutes);
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, room).bind(2, format_date(day)).bind(3, format_instant(now - shown));
    std::vector<BoardCall> out;
    while (st.step()) {
        Ticket t = ticket_from_row(st);
        out.push_back({t, st.text(kTicketFieldCount), t.updated_at + shown});
    }
    return out;
}

BoardCalls board_calls(Store& store, const std::string& room, Date day, Instant now, int limit) {
    BoardCalls out;
    board_desk_calls(store, room, day, limit, out);
    // Merged by when the board saw each one happen: its call, or its transfer.
    auto when = [](const BoardCall& c) {
        return c.moved_to.empty() ? c.ticket.called_at : c.ticket.updated_at;
    };
    std::vector<BoardCall> merged = board_transfers(store, room, day, now);
    merged.insert(merged.end(), out.recent.begin(), out.recent.end());
    std::stable_sort(merged.begin(), merged.end(),
                     [&](const BoardCall& a, const BoardCall& b) { return when(a) > when(b); });
    if (merged.size() > size_t(limit)) merged.resize(size_t(limit));
    out.recent = std::move(merged);
    return out;
}

std::vector<ServiceWaiting> waiting_by_service(Store& store, const std::string& room, Date day,
                                               Instant now) {
    Stmt st = store.prepare("SELECT service, count(*), min(issued_at) FROM tickets "
                            "WHERE room = ?1 AND day = ?2 AND state = 'waiting' "
                            "GROUP BY service ORDER BY service");
    st.bind(1, room).bind(2, format_date(day));
    std::vector<ServiceWaiting> out;
    while (st.step()) {
        ServiceWaiting w;
        w.service = st.text(0);
        w.waiting = int(st.integer(1));
        auto oldest = parse_instant(st.text(2));
        if (oldest && *oldest < now)
            w.longest_wait_minutes =
                int(std::chrono::duration_cast<std::chrono::minutes>(now - *oldest).count());
        out.push_back(w);
    }
    return out;
}

} // namespace reception
