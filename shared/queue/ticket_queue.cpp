#include "queue/ticket_queue.hpp"

#include "base/uuid.hpp"
#include "regulation/profile.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

namespace reception {
using nlohmann::json;

// Rows <-> structs
static const char* const kTicketColumns =
    "uuid, room, day, service, number, category, language, state, desk, kiosk, "
    "transferred_from, issued_at, called_at, updated_at";

static Ticket ticket_from_row(const Stmt& st) {
    Ticket t;
    t.uuid = st.text(0);
    t.room = st.text(1);
    t.day = parse_date(st.text(2)).value_or(Date{});
    t.service = st.text(3);
    t.number = st.text(4);
    t.category = st.text(5);
    t.language = st.text(6);
    from_code(st.text(7), &t.state);
    t.desk = st.text(8);
    t.kiosk = st.text(9);
    t.transferred_from = st.text(10);
    t.issued_at = parse_instant(st.text(11)).value_or(Instant{});
    t.called_at = parse_instant(st.text(12)).value_or(Instant{});
    t.updated_at = parse_instant(st.text(13)).value_or(Instant{});
    return t;
}

static json ticket_json(const Ticket& t) {
    return json{{"uuid", t.uuid},
                {"room", t.room},
                {"day", format_date(t.day)},
                {"service", t.service},
                {"number", t.number},
                {"category", t.category},
                {"language", t.language},
                {"state", to_code(t.state)},
                {"desk", t.desk},
                {"kiosk", t.kiosk},
                {"transferred_from", t.transferred_from},
                {"issued_at", format_instant(t.issued_at)},
                {"called_at", t.called_at == Instant{} ? "" : format_instant(t.called_at)},
                {"updated_at", format_instant(t.updated_at)}};
}

static void insert_ticket(Store& store, const Ticket& t) {
    store
        .prepare(
            "INSERT INTO tickets(uuid, room, day, service, number, category, priority, "
            "language, state, desk, kiosk, transferred_from, issued_at, called_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
        .bind(1, t.uuid)
        .bind(2, t.room)
        .bind(3, format_date(t.day))
        .bind(4, t.service)
        .bind(5, t.number)
        .bind(6, t.category)
        .bind(7, t.category.empty() ? 1 : 0)
        .bind(8, t.language)
        .bind(9, to_code(t.state))
        .bind(10, t.desk)
        .bind(11, t.kiosk)
        .bind(12, t.transferred_from)
        .bind(13, format_instant(t.issued_at))
        .bind(14, t.called_at == Instant{} ? std::string() : format_instant(t.called_at))
        .bind(15, format_instant(t.updated_at))
        .run();
}

std::optional<Ticket> find_ticket(Store& store, const std::string& uuid) {
    static const std::string sql =
        std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE uuid = ?1";
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
    t.day = local_date(now);
    t.service = req.service;
    t.category = req.category;
    t.language = req.language;
    t.kiosk = req.kiosk;
    t.issued_at = t.updated_at = now;
    store.transaction([&] {
        // A terminal that syncs numbers in its own series given at enrolment ("A2-017"), so
        // two kiosks of one room working offline never print the same number (docs/sync.md).
        std::string prefix = service->prefix + store.meta("ticket_series").value_or("");
        t.number = ticket_label(prefix, next_ticket_number(store, t.room, t.day, prefix));
        insert_ticket(store, t);
        store.append_outbox("ticket", t.uuid, "ticket.issued", ticket_json(t));
    });
    return t;
}

int people_ahead(Store& store, const Ticket& t) {
    Stmt st = store.prepare(
        "SELECT count(*) FROM tickets WHERE room = ?1 AND day = ?2 AND service = ?3 "
        "AND state = 'waiting' AND uuid <> ?4 AND (priority < ?5 OR (priority = ?5 AND "
        "(issued_at < ?6 OR (issued_at = ?6 AND rowid < (SELECT rowid FROM tickets WHERE uuid = "
        "?4)))))");
    st.bind(1, t.room)
        .bind(2, format_date(t.day))
        .bind(3, t.service)
        .bind(4, t.uuid)
        .bind(5, t.category.empty() ? 1 : 0)
        .bind(6, format_instant(t.issued_at));
    st.step();
    return int(st.integer(0));
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
        return false; // done, no_show and transferred are final
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
    store
        .prepare("UPDATE tickets SET state = ?2, desk = ?3, called_at = ?4, category = ?5, "
                 "priority = ?6, updated_at = ?7 WHERE uuid = ?1")
        .bind(1, t.uuid)
        .bind(2, to_code(t.state))
        .bind(3, t.desk)
        .bind(4, t.called_at == Instant{} ? std::string() : format_instant(t.called_at))
        .bind(5, t.category)
        .bind(6, t.category.empty() ? 1 : 0)
        .bind(7, format_instant(now))
        .run();
    data["number"] = t.number;
    data["desk"] = t.desk;
    store.append_event("ticket", t.uuid, kind, to_code(from), to_code(t.state), actor, reason, data,
                       now);
    store.append_outbox("ticket", t.uuid, "ticket." + kind, ticket_json(t));
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

std::optional<Ticket> call_next(Store& store, const std::string& room, Date day,
                                const std::vector<std::string>& services, const std::string& desk,
                                const std::string& actor, Instant now) {
    static const std::string sql = std::string("SELECT ") + kTicketColumns +
                                   " FROM tickets WHERE room = ?1 AND day = ?2 AND state = "
                                   "'waiting' ORDER BY priority, issued_at, rowid";
    std::optional<Ticket> called;
    store.transaction([&] {
        Stmt st = store.prepare(sql.c_str());
        st.bind(1, room).bind(2, format_date(day));
        // The waiting index walks in calling order; the first ticket of a served service wins.
        while (st.step()) {
            Ticket t = ticket_from_row(st);
            bool served = services.empty();
            for (const auto& s : services) served = served || s == t.service;
            // A ticket transferred to a named desk waits for that desk only.
            if (!served || (!t.desk.empty() && t.desk != desk)) continue;
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

Ticket recall_ticket(Store& store, const std::string& uuid, const std::string& actor, Instant now) {
    return move_ticket(store, uuid, TicketState::Called, "recalled", actor, now);
}
Ticket start_ticket(Store& store, const std::string& uuid, const std::string& actor, Instant now) {
    return move_ticket(store, uuid, TicketState::Serving, "started", actor, now);
}
Ticket finish_ticket(Store& store, const std::string& uuid, const std::string& actor, Instant now) {
    return move_ticket(store, uuid, TicketState::Done, "finished", actor, now);
}
Ticket no_show_ticket(Store& store, const std::string& uuid, const std::string& actor,
                      Instant now) {
    return move_ticket(store, uuid, TicketState::NoShow, "no_show", actor, now);
}

Ticket transfer_ticket(Store& store, const RegulationProfile& profile, const std::string& uuid,
                       const std::string& service, const std::string& desk,
                       const std::string& actor, Instant now) {
    if (!profile.service(service)) throw InputError("service", "unknown_service");
    Ticket next;
    store.transaction([&] {
        Ticket old = load_for_move(store, uuid, TicketState::Transferred);
        TicketState from = old.state;
        old.state = TicketState::Transferred;
        save_move(store, old, from, "transferred", actor, "to " + service, now);
        next = old;
        next.uuid = new_uuid();
        next.service = service;
        next.desk = desk;
        next.state = TicketState::Waiting;
        next.called_at = Instant{};
        next.transferred_from = old.uuid;
        next.updated_at = now;
        insert_ticket(store, next);
        store.append_outbox("ticket", next.uuid, "ticket.issued", ticket_json(next));
    });
    return next;
}

Ticket remove_category(Store& store, const std::string& uuid, const std::string& actor,
                       const std::string& reason, Instant now) {
    Ticket t;
    store.transaction([&] {
        auto found = find_ticket(store, uuid);
        if (!found) throw StoreError("ticket_not_found", "no ticket " + uuid);
        t = *found;
        if (t.category.empty()) return;
        json claimed{{"claimed_category", t.category}};
        t.category.clear();
        save_move(store, t, t.state, "category_removed", actor, reason, now, claimed);
    });
    return t;
}

// Views
std::vector<Ticket> recent_calls(Store& store, const std::string& room, Date day, int limit) {
    static const std::string sql = std::string("SELECT ") + kTicketColumns +
                                   " FROM tickets WHERE room = ?1 AND day = ?2 AND called_at <> ''"
                                   " ORDER BY called_at DESC, rowid DESC LIMIT ?3";
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, room).bind(2, format_date(day)).bind(3, limit);
    std::vector<Ticket> out;
    while (st.step()) out.push_back(ticket_from_row(st));
    return out;
}

// Calls that are no transfer, newest first: the first call of each desk may be "calling".
static void board_desk_calls(Store& store, const std::string& room, Date day, int limit,
                             BoardCalls& out) {
    static const std::string sql = std::string("SELECT ") + kTicketColumns +
                                   " FROM tickets WHERE room = ?1 AND day = ?2 AND called_at <> ''"
                                   " AND state <> 'transferred'"
                                   " ORDER BY called_at DESC, rowid DESC LIMIT ?3";
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
        std::string("SELECT ") + kTicketColumns +
        ", moved_to FROM tickets JOIN (SELECT transferred_from AS old, service AS moved_to "
        "FROM tickets WHERE room = ?1 AND day = ?2 AND state = 'waiting' AND transferred_from "
        "<> '') ON uuid = old WHERE called_at <> '' AND updated_at > ?3 ORDER BY updated_at DESC";
    auto shown = std::chrono::minutes(kTransferShownMinutes);
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, room).bind(2, format_date(day)).bind(3, format_instant(now - shown));
    std::vector<BoardCall> out;
    while (st.step()) {
        Ticket t = ticket_from_row(st);
        out.push_back({t, st.text(14), t.updated_at + shown});
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
