#include "server/pg_pending_writes.hpp"

#include <set>

namespace reception {

bool PendingWrites::empty() const {
    return batches.empty() && ops.empty() && records.empty() && tickets.empty() && regs.empty() &&
           day_tickets.empty() && codes.empty() && deliveries.empty() && changes.empty();
}

void PendingWrites::clear() {
    *this = PendingWrites{};
}

template <class Map> static void move_map(Map& from, Map& to) {
    for (auto& [key, value] : from) to.insert_or_assign(key, std::move(value));
    from.clear();
}

void PendingWrites::move_into(PendingWrites& group) {
    move_map(batches, group.batches);
    move_map(ops, group.ops);
    move_map(records, group.records);
    move_map(tickets, group.tickets);
    move_map(regs, group.regs);
    group.day_tickets.insert(day_tickets.begin(), day_tickets.end());
    day_tickets.clear();
    move_map(codes, group.codes);
    move_map(deliveries, group.deliveries);
    for (FeedChange& c : changes) group.changes.push_back(std::move(c));
    changes.clear();
}

// "(a, b, c)" of literals.
static std::string row_of(std::initializer_list<std::string> literals) {
    std::string out = "(";
    for (const std::string& l : literals) out += (out.size() > 1 ? ", " : "") + l;
    return out + ")";
}

static void add_row(std::string& values, const std::string& row) {
    values += values.empty() ? "" : ",\n";
    values += row;
}

static std::string in_list(const std::set<std::string>& keys, const Quote& q) {
    std::string out;
    for (const std::string& k : keys) out += (out.empty() ? "" : ", ") + q(k);
    return "(" + out + ")";
}

// The rooms' heads move by their number of changes; each change's seq is its room's new head
// plus d (d = its place in the room's changes minus their number: the last one's is 0). A room
// new to the feed starts from the frozen base of server schema 3, as on SQLite.
static std::string changes_sql(const std::vector<FeedChange>& changes, const Quote& q) {
    std::map<std::string, long long> per_room;
    for (const FeedChange& c : changes) ++per_room[c.room];
    std::string grow;
    for (const auto& [room, n] : per_room) add_row(grow, row_of({q(room), std::to_string(n)}));
    std::map<std::string, long long> place;
    std::string values;
    for (const FeedChange& c : changes) {
        long long d = ++place[c.room] - per_room[c.room];
        add_row(values, row_of({q(c.room), std::to_string(d), q(c.op_id), q(c.terminal),
                                q(c.entity), q(c.entity_uuid), q(c.kind), q(c.payload), q(c.at),
                                c.public_payload.empty() ? "NULL" : q(c.public_payload)}));
    }
    return "WITH g(room, n) AS (VALUES " + grow +
           "),\n"
           "h AS (INSERT INTO srv_room_feeds AS f(room, head) SELECT g.room, c.value + g.n FROM "
           "g, srv_counters c WHERE c.name = 'feed' ORDER BY g.room ON CONFLICT (room) DO UPDATE "
           "SET head = f.head + excluded.head - (SELECT value FROM srv_counters WHERE name = "
           "'feed') RETURNING room, head)\n"
           "INSERT INTO srv_changes(room, seq, op_id, terminal, entity, entity_uuid, kind, "
           "payload, at, public_payload) SELECT v.room, h.head + v.d, v.op_id, v.terminal, "
           "v.entity, v.entity_uuid, v.kind, v.payload, v.at, v.public_payload FROM (VALUES " +
           values +
           ") AS v(room, d, op_id, terminal, entity, entity_uuid, kind, payload, at, "
           "public_payload) JOIN h ON h.room = v.room;\n";
}

static std::string records_sql(const std::map<RecordKey, ExistingRecord>& records, const Quote& q) {
    std::string values;
    for (const auto& [key, e] : records) // in key order: two instances lock rows in one order
        add_row(values, row_of({q(key.first), q(key.second), q(e.room), q(e.origin),
                                std::to_string(e.version.rank), q(e.version.updated_at),
                                q(e.version.tiebreak), q(e.payload)}));
    // Only over an older or equal version, as the push's rule decided against what it read
    // (push.cpp, newer()): another instance may have committed a newer one since, and the last
    // commit must not win over it. Compared byte by byte (COLLATE "C") as std::string does.
    return "INSERT INTO srv_records AS s(entity, uuid, room, origin, rank, updated_at, tiebreak, "
           "payload) VALUES " +
           values +
           " ON CONFLICT (entity, uuid) DO UPDATE SET rank = excluded.rank, updated_at = "
           "excluded.updated_at, tiebreak = excluded.tiebreak, payload = excluded.payload WHERE "
           "(s.rank, s.updated_at COLLATE \"C\", s.tiebreak COLLATE \"C\") <= (excluded.rank, "
           "excluded.updated_at COLLATE \"C\", excluded.tiebreak COLLATE \"C\");\n";
}

// The public pages' index: a ticket is listed once per day, a code points at its latest holder.
static std::string public_index_sql(const PendingWrites& w, const Quote& q) {
    std::string sql, values;
    for (const DayTicketKey& key : w.day_tickets)
        add_row(values, row_of({q(key[0]), q(key[1]), q(key[2])}));
    if (!values.empty())
        sql += "INSERT INTO srv_day_tickets(room, day, uuid) VALUES " + values +
               " ON CONFLICT DO NOTHING;\n";
    values.clear();
    for (const auto& [code, c] : w.codes)
        add_row(values, row_of({q(code), q(c.entity), q(c.uuid), q(c.room)}));
    if (!values.empty())
        sql += "INSERT INTO srv_public_codes(code, entity, uuid, room) VALUES " + values +
               " ON CONFLICT(code) DO UPDATE SET entity = excluded.entity, uuid = excluded.uuid, "
               "room = excluded.room;\n";
    return sql;
}

// A notice queued by two instances at once is queued once: the first commit's row stays.
static std::string deliveries_sql(const std::map<std::string, DeliveryRow>& rows, const Quote& q) {
    std::string values;
    for (const auto& [id, r] : rows)
        add_row(values,
                row_of({q(id), q(r.room), q(r.application_uuid), q(r.channel), q(r.state),
                        q(r.reason), std::to_string(r.attempts), q(r.queued_at), q(r.next_at),
                        q(r.last_attempt_at), q(r.sent_at), q(r.updated_at)}));
    if (values.empty()) return "";
    return "INSERT INTO srv_notice_deliveries(notice_uuid, room, application_uuid, channel, "
           "state, reason, attempts, queued_at, next_at, last_attempt_at, sent_at, updated_at) "
           "VALUES " +
           values + " ON CONFLICT(notice_uuid) DO NOTHING;\n";
}

std::string commit_sql(const PendingWrites& w, const Quote& q) {
    std::string sql;
    if (!w.changes.empty()) sql += changes_sql(w.changes, q);
    if (!w.records.empty()) sql += records_sql(w.records, q);
    std::string values;
    for (const auto& [id, o] : w.ops)
        add_row(values, row_of({q(id), q(o.terminal), q(o.seen.outcome), q(o.seen.reason),
                                q(o.created_at)}));
    if (!values.empty())
        sql += "INSERT INTO srv_applied_ops(op_id, terminal, outcome, reason, created_at) "
               "VALUES " +
               values + ";\n";
    values.clear();
    for (const auto& [id, b] : w.batches)
        add_row(values, row_of({q(id), q(b.seen.terminal), q(b.seen.digest), q(b.at)}));
    if (!values.empty())
        sql += "INSERT INTO srv_batches(batch_id, terminal, digest, at) VALUES " + values + ";\n";
    values.clear();
    for (const auto& [key, uuid] : w.tickets)
        add_row(values, row_of({q(key[0]), q(key[1]), q(key[2]), q(uuid)}));
    if (!values.empty())
        sql += "INSERT INTO srv_ticket_numbers(room, day, number, uuid) VALUES " + values + ";\n";
    values.clear();
    for (const auto& [key, uuid] : w.regs)
        add_row(values, row_of({q(key.first), q(key.second), q(uuid)}));
    if (!values.empty())
        sql += "INSERT INTO srv_reg_numbers(room, number, uuid) VALUES " + values + ";\n";
    sql += public_index_sql(w, q);
    sql += deliveries_sql(w.deliveries, q);
    std::set<std::string> rooms;
    for (const FeedChange& c : w.changes) rooms.insert(c.room);
    std::string grown = in_list(rooms, q);
    // Delivered at the commit to every instance's listening connection (pg_feed_listener.cpp).
    if (!rooms.empty())
        sql += "SELECT pg_notify('reception_feed', room || ' ' || head) FROM srv_room_feeds "
               "WHERE room IN " +
               grown + ";\n";
    sql += "COMMIT;\n";
    // Read after the commit: a head no smaller than this group's (another instance may have
    // moved it since, which is committed too).
    if (!rooms.empty())
        sql += "SELECT room, head FROM srv_room_feeds WHERE room IN " + grown + ";\n";
    return sql;
}

void KnownRows::add(const pqxx::row& row) {
    std::string kind = row[0].c_str();
    auto text = [&](int i) { return std::string(row[i].is_null() ? "" : row[i].c_str()); };
    if (kind == "b") {
        batches[text(1)] = SeenBatch{text(4), text(5)};
    } else if (kind == "o") {
        ops[text(1)] = SeenOp{text(4), text(5)};
    } else if (kind == "r") {
        records[{text(1), text(2)}] = ExistingRecord{
            true, text(4), text(5), Version{std::atoi(text(6).c_str()), text(7), text(8)}, text(9)};
    } else if (kind == "t") {
        tickets[{text(1), text(2), text(3)}] = text(4);
    } else if (kind == "c") {
        codes[text(1)] = PublicCode{text(1), text(4), text(5), text(6)};
    }
}

void KnownRows::mark_absent(const ReadAhead& a) {
    for (const std::string& id : a.batches) batches.try_emplace(id);
    for (const std::string& id : a.ops) ops.try_emplace(id);
    for (const auto& key : a.records) records.try_emplace(key);
    for (const auto& key : a.tickets) tickets.try_emplace(key);
    for (const std::string& code : a.codes) codes.try_emplace(code);
}

void KnownRows::clear() {
    *this = KnownRows{};
}

// "ARRAY[a, b]::text[]" of literals.
static std::string array_of(const std::vector<std::string>& values, const Quote& q) {
    std::string out;
    for (const std::string& v : values) out += (out.empty() ? "" : ", ") + q(v);
    return "ARRAY[" + out + "]::text[]";
}

// One part of the read-ahead: the keys unnested, each looked up by its primary key in a LATERAL
// subquery. Not `key IN (...)`: with a few hundred keys against a table of some ten thousand
// rows the planner chose a sequential scan, hashing every row against the list (350 of 671 group
// commits scanned srv_applied_ops so in one bench run, docs/performance.md); the LIMIT keeps
// the subquery a subquery, so each key is one index probe whatever the table's statistics say.
static std::string probe(const char* kind, const std::vector<std::vector<std::string>>& keys,
                         const char* key_names, const char* select, const char* table,
                         const char* match, const Quote& q) {
    std::string arrays;
    for (const auto& column : keys) arrays += (arrays.empty() ? "" : ", ") + array_of(column, q);
    return std::string("SELECT '") + kind + "', " + select + " FROM unnest(" + arrays + ") AS k(" +
           key_names + ") CROSS JOIN LATERAL (SELECT * FROM " + table + " WHERE " + match +
           " LIMIT 1) x";
}

// Ten text columns: what the row is, its key (up to three columns), its values (up to six).
std::string read_ahead_sql(const ReadAhead& a, const Quote& q) {
    std::vector<std::string> parts;
    std::set<std::string> batches(a.batches.begin(), a.batches.end());
    if (!batches.empty())
        parts.push_back(probe("b", {{batches.begin(), batches.end()}}, "id",
                              "x.batch_id, NULL, NULL, x.digest, x.terminal, NULL, NULL, NULL, "
                              "NULL",
                              "srv_batches", "batch_id = k.id", q));
    std::set<std::string> ops(a.ops.begin(), a.ops.end());
    if (!ops.empty())
        parts.push_back(probe("o", {{ops.begin(), ops.end()}}, "id",
                              "x.op_id, NULL, NULL, x.outcome, x.reason, NULL, NULL, NULL, NULL",
                              "srv_applied_ops", "op_id = k.id", q));
    std::set<std::pair<std::string, std::string>> records(a.records.begin(), a.records.end());
    if (!records.empty()) {
        std::vector<std::vector<std::string>> keys(2);
        for (const auto& [entity, uuid] : records) {
            keys[0].push_back(entity);
            keys[1].push_back(uuid);
        }
        parts.push_back(probe("r", keys, "e, u",
                              "x.entity, x.uuid, NULL, x.room, x.origin, x.rank::text, "
                              "x.updated_at, x.tiebreak, x.payload",
                              "srv_records", "entity = k.e AND uuid = k.u", q));
    }
    std::set<std::array<std::string, 3>> tickets(a.tickets.begin(), a.tickets.end());
    if (!tickets.empty()) {
        std::vector<std::vector<std::string>> keys(3);
        for (const auto& key : tickets)
            for (size_t i = 0; i < 3; ++i) keys[i].push_back(key[i]);
        parts.push_back(probe(
            "t", keys, "r, d, n", "x.room, x.day, x.number, x.uuid, NULL, NULL, NULL, NULL, NULL",
            "srv_ticket_numbers", "room = k.r AND day = k.d AND number = k.n", q));
    }
    std::set<std::string> codes(a.codes.begin(), a.codes.end());
    if (!codes.empty())
        parts.push_back(probe("c", {{codes.begin(), codes.end()}}, "id",
                              "x.code, NULL, NULL, x.entity, x.uuid, x.room, NULL, NULL, NULL",
                              "srv_public_codes", "code = k.id", q));
    std::string sql;
    for (const std::string& p : parts) sql += (sql.empty() ? "" : "\nUNION ALL ") + p;
    return sql;
}

} // namespace reception
