// The server store on PostgreSQL 15 (libpqxx): for a region or the country, several server
// instances on one database. The same tables as on SQLite, the feed keyed by (room, seq) from
// the start. Every transaction commits with synchronous_commit = on, so "applied" is answered
// only after the commit is durable (on a replica too with remote_apply: docs/scale.md), and it
// ends with a NOTIFY per room whose feed grew: every instance's listening connection hears it at
// the commit and wakes its long-polls of the room (http_server.cpp).
//
// Round trips, not statements, are what a push costs here (a unix socket's is 30 to 100 us, and
// the writer runs a group's pushes one after the other): a group commit is two of them. The
// first opens the transaction and reads what the whole group will look up (ReadAhead: batches,
// op ids, records, ticket numbers). The pushes then run in memory: their writes are kept
// (PendingWrites) and read back by later pushes of the group, a refused push's are dropped. The
// second sends everything at once: the rooms' heads moved by the number of changes (the rows
// locked in room order, so two instances' groups cannot deadlock on them), one multi-row INSERT
// per table, the NOTIFYs, COMMIT, and the heads read back for the long-polls. A write that
// races another instance's (the same batch id, op id or number at the same moment) fails the
// group at the commit by its unique key: its pushes are answered 503 and sent again, and then
// find the other's. Writes outside a push (enrolment, status, health) go at once, under a real
// savepoint opened for them.
#include "server/pg_pending_writes.hpp"
#include "server/server_store.hpp"

#include <iterator>
#include <pqxx/pqxx>
#include <unordered_map>

namespace reception {

// A room's feed window (floor, head) as two columns; $1 is the room. The head of a room with no
// row yet is the old global counter's (before per-room feeds) or 0.
#define PG_FEED_WINDOW                                                                             \
    "coalesce((SELECT floor FROM srv_room_feeds WHERE room = $1), 0) AS floor, coalesce((SELECT "  \
    "head FROM srv_room_feeds WHERE room = $1), (SELECT value FROM srv_counters WHERE name = "     \
    "'feed'), 0) AS head"

// The server's tables, by numbered migrations (their version in srv_meta's server_schema).
// Never edit a released one: add the next. Texts compare as bytes (COLLATE "C"), as on SQLite.
static constexpr const char* kPgSchemaV1 = R"SQL(
CREATE TABLE srv_terminals (
    name         TEXT COLLATE "C" PRIMARY KEY,
    room         TEXT COLLATE "C" NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('kiosk', 'console', 'board')),
    series       TEXT NOT NULL DEFAULT '',
    code_hash    TEXT UNIQUE,
    code_expires TEXT NOT NULL DEFAULT '',
    token_hash   TEXT UNIQUE,
    created_at   TEXT NOT NULL,
    enrolled_at  TEXT NOT NULL DEFAULT '',
    revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);
CREATE TABLE srv_counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO srv_counters(name, value) VALUES ('feed', 0);
CREATE TABLE srv_applied_ops (
    op_id    TEXT PRIMARY KEY,
    terminal TEXT NOT NULL,
    outcome  TEXT NOT NULL CHECK (outcome IN ('applied', 'superseded', 'rejected')),
    reason   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE srv_batches (
    batch_id TEXT PRIMARY KEY,
    terminal TEXT NOT NULL,
    digest   TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE TABLE srv_records (
    entity     TEXT NOT NULL,
    uuid       TEXT NOT NULL,
    room       TEXT NOT NULL,
    origin     TEXT NOT NULL,
    rank       INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    tiebreak   TEXT NOT NULL,
    payload    TEXT NOT NULL,
    PRIMARY KEY (entity, uuid)
);
CREATE TABLE srv_ticket_numbers (
    room TEXT NOT NULL, day TEXT NOT NULL, number TEXT NOT NULL, uuid TEXT NOT NULL,
    PRIMARY KEY (room, day, number)
);
CREATE TABLE srv_reg_numbers (
    room TEXT NOT NULL, number TEXT NOT NULL, uuid TEXT NOT NULL,
    PRIMARY KEY (room, number)
);
CREATE TABLE srv_room_feeds (room TEXT PRIMARY KEY, head BIGINT NOT NULL);
CREATE TABLE srv_changes (
    room           TEXT NOT NULL,
    seq            BIGINT NOT NULL,
    op_id          TEXT NOT NULL,
    terminal       TEXT NOT NULL,
    entity         TEXT NOT NULL,
    entity_uuid    TEXT NOT NULL,
    kind           TEXT NOT NULL,
    payload        TEXT NOT NULL,
    at             TEXT NOT NULL,
    public_payload TEXT,
    PRIMARY KEY (room, seq)
);
CREATE TABLE srv_terminal_status (
    name TEXT PRIMARY KEY, last_seen TEXT NOT NULL, pending BIGINT NOT NULL,
    dead_letters BIGINT NOT NULL
);
)SQL";

// Version 4, as on SQLite: token rotation. A terminal's next token waits beside
// its current one until the terminal first presents it (auth.hpp).
static const char* const kPgSchemaV4 = R"SQL(
ALTER TABLE srv_terminals ADD COLUMN next_token_hash TEXT UNIQUE;
)SQL";

// Version 5, as on SQLite: the notices the server sends, one row per notice (server/delivery.hpp).
// Version 1 holds what SQLite's 1 to 3 made; the numbers from 4 on are the same on both stores.
static constexpr const char* kPgSchemaV5 = R"SQL(
CREATE TABLE srv_notice_deliveries (
    notice_uuid      TEXT COLLATE "C" PRIMARY KEY,
    room             TEXT COLLATE "C" NOT NULL,
    application_uuid TEXT COLLATE "C" NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'retrying', 'sent',
                       'delivered', 'failed', 'cancelled')),
    reason           TEXT NOT NULL DEFAULT '',
    attempts         INTEGER NOT NULL DEFAULT 0,
    queued_at        TEXT COLLATE "C" NOT NULL,
    next_at          TEXT COLLATE "C" NOT NULL,
    last_attempt_at  TEXT COLLATE "C" NOT NULL DEFAULT '',
    sent_at          TEXT COLLATE "C" NOT NULL DEFAULT '',
    updated_at       TEXT COLLATE "C" NOT NULL
);
CREATE INDEX srv_notice_deliveries_due ON srv_notice_deliveries(state, next_at);
)SQL";

// Version 6, as on SQLite: the tickets of each room's day and the public pages' codes
// (sync/server/public_pages.hpp).
static const char* const kPgSchemaV6 = R"SQL(
CREATE TABLE srv_day_tickets (
    room TEXT NOT NULL, day TEXT NOT NULL, uuid TEXT NOT NULL,
    PRIMARY KEY (room, day, uuid)
);
INSERT INTO srv_day_tickets(room, day, uuid)
    SELECT room, payload::json->>'day', uuid FROM srv_records WHERE entity = 'ticket'
    ON CONFLICT DO NOTHING;
CREATE TABLE srv_public_codes (
    code TEXT PRIMARY KEY, entity TEXT NOT NULL, uuid TEXT NOT NULL, room TEXT NOT NULL
);
)SQL";

// Version 7, as on SQLite: retention of the idempotency records (retention.hpp) and of the feed
// (feed.hpp).
static const char* const kPgSchemaV7 = R"SQL(
ALTER TABLE srv_applied_ops ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
UPDATE srv_applied_ops SET created_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
CREATE INDEX srv_applied_ops_by_time ON srv_applied_ops(created_at);
CREATE INDEX srv_batches_by_time ON srv_batches(at);
ALTER TABLE srv_room_feeds ADD COLUMN floor BIGINT NOT NULL DEFAULT 0;
CREATE INDEX srv_records_by_room ON srv_records(room, entity, uuid);
ALTER TABLE srv_terminals DROP CONSTRAINT srv_terminals_kind_check;
ALTER TABLE srv_terminals ADD CONSTRAINT srv_terminals_kind_check
    CHECK (kind IN ('kiosk', 'console', 'board', 'reader'));
CREATE TABLE srv_region_rooms (
    region TEXT NOT NULL,
    room   TEXT NOT NULL,
    PRIMARY KEY (region, room)
);
)SQL";

// Version 8: the turn SMS watch (as on SQLite).
static constexpr const char* kPgSchemaV8 = R"SQL(
CREATE TABLE srv_turn_watch (
    turn_uuid   TEXT COLLATE "C" PRIMARY KEY,
    room        TEXT COLLATE "C" NOT NULL,
    ticket_uuid TEXT COLLATE "C" NOT NULL
);
CREATE INDEX srv_turn_watch_by_room ON srv_turn_watch(room);
)SQL";

// Version 9: the events about a record, for an application's status page (as on SQLite).
static constexpr const char* kPgSchemaV9 = R"SQL(
CREATE INDEX srv_events_by_subject ON srv_records ((payload::json ->> 'entity_uuid'))
    WHERE entity = 'event';
)SQL";

// Version 10: no turn_text in the feed (as on SQLite).
static constexpr const char* kPgSchemaV10 = R"SQL(
DELETE FROM srv_changes WHERE entity = 'turn_text';
)SQL";

// Version 11: every group commit that grows a room's feed rewrites the room's head row, and the
// old versions stay on its page, chained (HOT), until the page is pruned, which PostgreSQL does
// only when the page is nearly full. With the rooms' rows packed on one page every look-up of a
// head walked those chains: 15 % of the writer backend's CPU in one bench run
// (heap_hot_search_buffer, docs/performance.md). A page kept 90 % free is pruned as soon as it
// holds a few dead versions.
static constexpr const char* kPgSchemaV11 = R"SQL(
ALTER TABLE srv_room_feeds SET (fillfactor = 10);
)SQL";

// Numbered like the SQLite store's server schema (the same number for the same change; the
// first PostgreSQL version holds SQLite's first three). 11 is PostgreSQL's alone: SQLite's next
// migration is 12.
struct PgMigration {
    int version;
    const char* sql;
};
static constexpr PgMigration kPgMigrations[] = {
    {1, kPgSchemaV1}, {4, kPgSchemaV4}, {5, kPgSchemaV5},   {6, kPgSchemaV6},  {7, kPgSchemaV7},
    {8, kPgSchemaV8}, {9, kPgSchemaV9}, {10, kPgSchemaV10}, {11, kPgSchemaV11}};
constexpr int kPgSchemaVersion = kPgMigrations[std::size(kPgMigrations) - 1].version;

// The channel every instance listens on; the payload is "ROOM HEAD".
const char* const kFeedChannel = "reception_feed";

// The turn texts made before $1 whose SMS is not being sent at this moment.
#define PG_OLD_TURN_TEXTS                                                                          \
    "SELECT uuid FROM srv_records WHERE entity = 'turn_text' AND payload::json ->> "               \
    "'created_at' < $1 AND uuid NOT IN (SELECT notice_uuid FROM srv_notice_deliveries WHERE "      \
    "state = 'sending')"

#define PG_DELIVERY_COLUMNS                                                                        \
    "notice_uuid, room, application_uuid, channel, state, reason, attempts, queued_at, next_at, "  \
    "last_attempt_at, sent_at, updated_at"

namespace {

[[noreturn]] void store_error(const std::exception& e) {
    throw StoreError("store_io", std::string("PostgreSQL: ") + e.what());
}

class PgServerStore final : public ServerStore {
  public:
    explicit PgServerStore(std::string db) : db_(std::move(db)) {
        connect();
        migrate();
    }

    void transaction(const std::function<void()>& body) override {
        if (depth_ > 0) return body(); // nested: part of the caller's
        depth_ = 1;
        begun_ = false;
        try {
            body();
            commit();
        } catch (...) {
            bool begun = begun_;
            end_transaction();
            try {
                if (begun && conn_ && conn_->is_open()) tx_->exec("ROLLBACK");
            } catch (const std::exception&) {
            }
            throw;
        }
        end_transaction();
    }
    bool in_transaction() override { return depth_ > 0; }
    // The job's kept writes are dropped when it throws; a real savepoint is opened only when
    // it writes at once (write()).
    void savepoint(const std::function<void()>& body) override {
        if (in_job_) return body();
        in_job_ = true;
        try {
            body();
        } catch (...) {
            in_job_ = false;
            job_.clear();
            if (db_savepoint_) {
                db_savepoint_ = false;
                run("ROLLBACK TO SAVEPOINT job");
                run("RELEASE SAVEPOINT job");
            }
            throw;
        }
        in_job_ = false;
        job_.move_into(group_);
        if (db_savepoint_) {
            db_savepoint_ = false;
            run("RELEASE SAVEPOINT job");
        }
    }

    std::string epoch() override { return meta("server_epoch"); }
    std::string new_epoch() override {
        std::string epoch = random_hex(8);
        // Heard by every running instance at the commit (pg_feed_listener.hpp).
        transaction([&] {
            set_meta("server_epoch", epoch);
            write("SELECT pg_notify('" PG_EPOCH_CHANNEL "', $1)", epoch);
        });
        return epoch;
    }
    long long feed_head(const std::string& room) override { return feed_window(room).head; }
    FeedWindow feed_window(const std::string& room) override {
        auto r = run("SELECT " PG_FEED_WINDOW, room);
        return FeedWindow{r[0][0].as<long long>(), r[0][1].as<long long>()};
    }
    long long credentials_version() override {
        return number("SELECT coalesce((SELECT value FROM srv_counters WHERE name = "
                      "'credentials'), 0)");
    }
    std::map<std::string, long long>
    heads_after_commit(const std::vector<std::string>& rooms) override {
        std::map<std::string, long long> heads;
        for (const std::string& room : rooms) {
            auto it = committed_heads_.find(room);
            heads[room] = it != committed_heads_.end() ? it->second : feed_head(room);
        }
        return heads;
    }
    void record_health() override {
        write("INSERT INTO srv_counters(name, value) VALUES ('health', 1) "
              "ON CONFLICT(name) DO UPDATE SET value = srv_counters.value + 1");
    }

    std::optional<TerminalSlot> terminal_slot(const std::string& name) override {
        auto r = run("SELECT enrolled_at, revoked FROM srv_terminals WHERE name = $1", name);
        if (r.empty()) return std::nullopt;
        return TerminalSlot{r[0][1].as<int>() == 1, r[0][0].c_str()};
    }
    int series_in_room(const std::string& room, const std::string& name) override {
        return int(number("SELECT count(*) FROM srv_terminals WHERE room = $1 AND series <> '' "
                          "AND name <> $2",
                          room, name));
    }
    void put_terminal_code(const Terminal& t, const std::string& code_hash,
                           const std::string& expires, const std::string& created_at) override {
        write("INSERT INTO srv_terminals(name, room, kind, series, code_hash, code_expires, "
              "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(name) DO UPDATE SET "
              "room = excluded.room, kind = excluded.kind, series = excluded.series, code_hash = "
              "excluded.code_hash, code_expires = excluded.code_expires",
              t.name, t.room, std::string(to_code(t.role)), t.series, code_hash, expires,
              created_at);
    }
    std::optional<PendingCode> pending_code(const std::string& code_hash) override {
        auto r = run("SELECT name, room, kind, series, code_expires FROM srv_terminals WHERE "
                     "code_hash = $1 AND enrolled_at = ''",
                     code_hash);
        if (r.empty()) return std::nullopt;
        return PendingCode{terminal_of(r[0]), r[0][4].c_str()};
    }
    void set_token(const std::string& name, const std::string& token_hash,
                   const std::string& enrolled_at) override {
        write("UPDATE srv_terminals SET token_hash = $2, code_hash = NULL, enrolled_at = $3 WHERE "
              "name = $1",
              name, token_hash, enrolled_at);
    }
    std::optional<Terminal> terminal_by_token(const std::string& token_hash) override {
        auto r = run("SELECT name, room, kind, series FROM srv_terminals WHERE (token_hash = $1 "
                     "OR next_token_hash = $1) AND revoked = 0",
                     token_hash);
        if (r.empty()) return std::nullopt;
        return terminal_of(r[0]);
    }
    void set_next_token(const std::string& name, const std::string& next_hash) override {
        write("UPDATE srv_terminals SET next_token_hash = $2 WHERE name = $1", name, next_hash);
    }
    bool promote_next_token(const std::string& name, const std::string& next_hash) override {
        bool promoted = false;
        transaction([&] {
            auto r = write("UPDATE srv_terminals SET token_hash = next_token_hash, next_token_hash "
                           "= NULL WHERE name = $1 AND next_token_hash = $2 AND revoked = 0 "
                           "RETURNING name",
                           name, next_hash);
            promoted = !r.empty();
            if (promoted) bump_credentials();
        });
        return promoted;
    }
    bool revoke(const std::string& name) override {
        bool found = false;
        transaction([&] {
            auto r =
                write("UPDATE srv_terminals SET revoked = 1, code_hash = NULL, next_token_hash "
                      "= NULL WHERE name = $1 RETURNING name",
                      name);
            found = !r.empty();
            if (found) bump_credentials();
        });
        return found;
    }
    std::vector<TerminalRow> terminals() override {
        auto r = run("SELECT name, room, kind, series, revoked, enrolled_at FROM srv_terminals "
                     "ORDER BY room, name");
        std::vector<TerminalRow> out;
        for (const auto& row : r) {
            TerminalRow t{terminal_of(row), "", row[5].c_str()};
            t.state = row[4].as<int>()        ? "revoked"
                      : t.enrolled_at.empty() ? "code_pending"
                                              : "enrolled";
            out.push_back(std::move(t));
        }
        return out;
    }

    void read_ahead(const ReadAhead& a) override {
        std::string sql = read_ahead_sql(a, quote());
        if (sql.empty()) return;
        for (const auto& row : simple(sql)) known_.add(row);
        known_.mark_absent(a);
    }
    bool room_in_region(const std::string& region, const std::string& room) override {
        return !run("SELECT 1 FROM srv_region_rooms WHERE region = $1 AND room = $2", region, room)
                    .empty();
    }
    void set_region_rooms(const std::string& region,
                          const std::vector<std::string>& rooms) override {
        transaction([&] {
            write("DELETE FROM srv_region_rooms WHERE region = $1", region);
            for (const std::string& room : rooms)
                write("INSERT INTO srv_region_rooms(region, room) VALUES ($1, $2) ON CONFLICT DO "
                      "NOTHING",
                      region, room);
        });
    }
    std::optional<SeenBatch> batch(const std::string& batch_id) override {
        if (auto* b = pending(&PendingWrites::batches, batch_id)) return b->seen;
        if (auto it = known_.batches.find(batch_id); it != known_.batches.end()) return it->second;
        auto r = run("SELECT digest, terminal FROM srv_batches WHERE batch_id = $1", batch_id);
        if (r.empty()) return std::nullopt;
        return SeenBatch{r[0][0].c_str(), r[0][1].c_str()};
    }
    void add_batch(const std::string& batch_id, const std::string& terminal,
                   const std::string& digest, const std::string& at) override {
        writes().batches[batch_id] = PendingBatch{{digest, terminal}, at};
    }
    std::optional<SeenOp> applied_op(const std::string& op_id) override {
        if (auto* o = pending(&PendingWrites::ops, op_id)) return o->seen;
        if (auto it = known_.ops.find(op_id); it != known_.ops.end()) return it->second;
        auto r = run("SELECT outcome, reason FROM srv_applied_ops WHERE op_id = $1", op_id);
        if (r.empty()) return std::nullopt;
        return SeenOp{r[0][0].c_str(), r[0][1].c_str()};
    }
    void add_applied_op(const std::string& op_id, const std::string& terminal,
                        const std::string& outcome, const std::string& reason,
                        const std::string& created_at) override {
        writes().ops[op_id] = PendingOp{{outcome, reason}, terminal, created_at};
    }
    std::pair<long long, long long> forget_idempotency(const std::string& before) override {
        std::pair<long long, long long> gone;
        transaction([&] {
            gone.first = number("WITH d AS (DELETE FROM srv_applied_ops WHERE created_at < $1 "
                                "RETURNING 1) SELECT count(*) FROM d",
                                before);
            gone.second = number("WITH d AS (DELETE FROM srv_batches WHERE at < $1 RETURNING 1) "
                                 "SELECT count(*) FROM d",
                                 before);
        });
        return gone;
    }
    ExistingRecord record(const std::string& entity, const std::string& uuid) override {
        RecordKey key{entity, uuid};
        if (auto* e = pending(&PendingWrites::records, key)) return *e;
        if (auto it = known_.records.find(key); it != known_.records.end()) return it->second;
        auto r = run("SELECT room, origin, rank, updated_at, tiebreak, payload FROM srv_records "
                     "WHERE entity = $1 AND uuid = $2",
                     entity, uuid);
        ExistingRecord e;
        if (r.empty()) return e;
        e.found = true;
        e.room = r[0][0].c_str();
        e.origin = r[0][1].c_str();
        e.version = Version{r[0][2].as<int>(), r[0][3].c_str(), r[0][4].c_str()};
        e.payload = r[0][5].c_str();
        return e;
    }
    // The room and origin stay the first writer's, as ON CONFLICT keeps them.
    void put_record(const std::string& entity, const std::string& uuid, const std::string& room,
                    const std::string& origin, const Version& v,
                    const std::string& payload) override {
        ExistingRecord before = record(entity, uuid);
        ExistingRecord e{true, before.found ? before.room : room,
                         before.found ? before.origin : origin, v, payload};
        writes().records[RecordKey{entity, uuid}] = std::move(e);
    }
    void append_change(const FeedChange& c) override { writes().changes.push_back(c); }
    std::string claim_ticket_number(const std::string& room, const std::string& day,
                                    const std::string& number, const std::string& uuid) override {
        TicketKey key{room, day, number};
        if (auto* owner = pending(&PendingWrites::tickets, key)) return *owner;
        std::string owner;
        if (auto it = known_.tickets.find(key); it != known_.tickets.end()) {
            owner = it->second;
        } else {
            auto r = run("SELECT uuid FROM srv_ticket_numbers WHERE room = $1 AND day = $2 AND "
                         "number = $3",
                         room, day, number);
            if (!r.empty()) owner = r[0][0].c_str();
        }
        if (!owner.empty()) return owner;
        writes().tickets[key] = uuid;
        return uuid;
    }
    std::string reg_number_owner(const std::string& room, const std::string& number) override {
        if (auto* owner = pending(&PendingWrites::regs, RegKey{room, number})) return *owner;
        auto r =
            run("SELECT uuid FROM srv_reg_numbers WHERE room = $1 AND number = $2", room, number);
        return r.empty() ? std::string() : std::string(r[0][0].c_str());
    }
    void add_reg_number(const std::string& room, const std::string& number,
                        const std::string& uuid) override {
        writes().regs[RegKey{room, number}] = uuid;
    }

    void add_day_ticket(const std::string& room, const std::string& day,
                        const std::string& uuid) override {
        writes().day_tickets.insert(DayTicketKey{room, day, uuid});
    }
    std::vector<std::string> day_ticket_payloads(const std::string& room,
                                                 const std::string& day) override {
        auto r = run("SELECT d.uuid, r.payload FROM srv_day_tickets d JOIN srv_records r ON "
                     "r.entity = 'ticket' AND r.uuid = d.uuid WHERE d.room = $1 AND d.day = $2",
                     room, day);
        std::map<std::string, std::string> by_uuid;
        for (const auto& row : r) by_uuid[row[0].c_str()] = row[1].c_str();
        // Inside a push group (the turn SMS counts the people ahead there): its own tickets
        // and moves are kept writes, not yet in the tables.
        if (depth_ > 0) {
            for (PendingWrites* w : {&group_, &job_})
                for (const DayTicketKey& k : w->day_tickets)
                    if (k[0] == room && k[1] == day) by_uuid.emplace(k[2], "");
            for (auto& [uuid, payload] : by_uuid)
                if (auto* e = pending(&PendingWrites::records, RecordKey{"ticket", uuid}))
                    payload = e->payload;
        }
        std::vector<std::string> out;
        for (auto& [uuid, payload] : by_uuid)
            if (!payload.empty()) out.push_back(std::move(payload));
        return out;
    }
    std::vector<std::string> event_payloads_about(const std::string& entity_uuid) override {
        // The expression and the condition are the index's (kPgSchemaV9).
        auto r = run("SELECT payload FROM srv_records WHERE entity = 'event' AND "
                     "payload::json ->> 'entity_uuid' = $1",
                     entity_uuid);
        std::vector<std::string> out;
        for (const auto& row : r) out.push_back(row[0].c_str());
        return out;
    }
    std::optional<PublicCode> public_code(const std::string& code) override {
        if (auto* c = pending(&PendingWrites::codes, code)) return *c;
        if (auto it = known_.codes.find(code); it != known_.codes.end()) return it->second;
        auto r = run("SELECT entity, uuid, room FROM srv_public_codes WHERE code = $1", code);
        if (r.empty()) return std::nullopt;
        return PublicCode{code, r[0][0].c_str(), r[0][1].c_str(), r[0][2].c_str()};
    }
    // Inside a push a kept write; the public pages' readers (no transaction) never call it.
    void put_public_code(const PublicCode& c) override { writes().codes[c.code] = c; }

    void changes(const std::string& room, bool public_only, long long since, long long head,
                 int limit, const AddChange& add) override {
        auto r =
            run(public_only ? "SELECT seq, entity, entity_uuid, kind, public_payload FROM "
                              "srv_changes WHERE room = $1 AND seq > $2 AND seq <= $3 AND "
                              "public_payload IS NOT NULL ORDER BY seq LIMIT $4"
                            : "SELECT seq, entity, entity_uuid, kind, payload FROM srv_changes "
                              "WHERE room = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
                room, since, head, limit + 1);
        for (const auto& row : r)
            if (!add(row[0].as<long long>(), view(row[1]), view(row[2]), view(row[3]),
                     view(row[4])))
                return;
    }

    // The turn SMS watch: rare writes (a visitor leaves a number, a text falls due), so at once.
    void watch_turn(const TurnWatch& w) override {
        write("INSERT INTO srv_turn_watch(turn_uuid, room, ticket_uuid) VALUES ($1, $2, $3) ON "
              "CONFLICT(turn_uuid) DO NOTHING",
              w.turn_uuid, w.room, w.ticket_uuid);
    }
    std::vector<TurnWatch> watched_turns(const std::string& room) override {
        auto r =
            run("SELECT turn_uuid, room, ticket_uuid FROM srv_turn_watch WHERE room = $1", room);
        std::vector<TurnWatch> out;
        for (const auto& row : r) out.push_back({row[0].c_str(), row[1].c_str(), row[2].c_str()});
        return out;
    }
    void unwatch_turn(const std::string& turn_uuid) override {
        write("DELETE FROM srv_turn_watch WHERE turn_uuid = $1", turn_uuid);
    }
    long long forget_turn_texts(const std::string& before, const std::string& now) override {
        long long gone = 0;
        transaction([&] {
            write("DELETE FROM srv_turn_watch WHERE turn_uuid IN (" PG_OLD_TURN_TEXTS ")", before);
            write("UPDATE srv_notice_deliveries SET state = 'cancelled', reason = 'expired', "
                  "updated_at = $2 WHERE state IN ('queued', 'retrying') AND notice_uuid IN "
                  "(" PG_OLD_TURN_TEXTS ")",
                  before, now);
            gone = number("WITH d AS (DELETE FROM srv_records WHERE entity = 'turn_text' AND "
                          "uuid IN (" PG_OLD_TURN_TEXTS ") RETURNING 1) SELECT count(*) FROM d",
                          before);
        });
        return gone;
    }

    // One statement, one snapshot: a row per change, or one row with no change (seq NULL).
    FeedWindow window_and_changes(const std::string& room, bool public_only, long long since,
                                  int limit, const AddChange& add) override {
        auto r = run(public_only
                         ? "SELECT w.floor, w.head, c.* FROM (SELECT " PG_FEED_WINDOW
                           ") w LEFT JOIN LATERAL (SELECT seq, entity, entity_uuid, kind, "
                           "public_payload FROM srv_changes WHERE room = $1 AND seq > $2 AND "
                           "seq <= w.head AND $2 >= w.floor AND public_payload IS NOT NULL ORDER "
                           "BY seq LIMIT $3) c ON true ORDER BY c.seq"
                         : "SELECT w.floor, w.head, c.* FROM (SELECT " PG_FEED_WINDOW
                           ") w LEFT JOIN LATERAL (SELECT seq, entity, entity_uuid, kind, "
                           "payload FROM srv_changes WHERE room = $1 AND seq > $2 AND seq <= "
                           "w.head AND $2 >= w.floor ORDER BY seq LIMIT $3) c ON true ORDER BY "
                           "c.seq",
                     room, since, limit + 1);
        FeedWindow w{r[0][0].as<long long>(), r[0][1].as<long long>()};
        for (const auto& row : r) {
            if (row[2].is_null()) break;
            if (!add(row[2].as<long long>(), view(row[3]), view(row[4]), view(row[5]),
                     view(row[6])))
                break;
        }
        return w;
    }

    void room_records(const std::string& room, const std::string& entity, const std::string& uuid,
                      int limit, const AddRecord& add) override {
        auto r = run("SELECT entity, uuid, payload FROM srv_records WHERE room = $1 AND (entity, "
                     "uuid) > ($2, $3) ORDER BY entity, uuid LIMIT $4",
                     room, entity, uuid, limit + 1);
        for (const auto& row : r)
            if (!add(view(row[0]), view(row[1]), view(row[2]))) return;
    }
    long long prune_feed(const std::string& before) override {
        long long gone = 0;
        transaction([&] {
            write("UPDATE srv_room_feeds f SET floor = c.top FROM (SELECT room, max(seq) AS top "
                  "FROM srv_changes WHERE at < $1 GROUP BY room) c WHERE c.room = f.room",
                  before);
            gone = number("WITH d AS (DELETE FROM srv_changes c USING srv_room_feeds f WHERE "
                          "f.room = c.room AND c.seq <= f.floor RETURNING 1) SELECT count(*) "
                          "FROM d");
        });
        return gone;
    }

    std::map<std::string, TerminalReport> terminal_status() override {
        auto r = run("SELECT s.name, t.room, t.kind, s.last_seen, s.pending, s.dead_letters "
                     "FROM srv_terminal_status s JOIN srv_terminals t ON t.name = s.name");
        std::map<std::string, TerminalReport> out;
        for (const auto& row : r) {
            TerminalReport& t = out[row[0].c_str()];
            t.room = row[1].c_str();
            t.kind = row[2].c_str();
            t.last_seen = parse_instant(row[3].c_str()).value_or(Instant{});
            t.counts = {row[4].as<long long>(), row[5].as<long long>()};
        }
        return out;
    }
    void put_terminal_status(
        const std::vector<std::pair<std::string, TerminalReport>>& reports) override {
        if (reports.empty()) return;
        Quote q = quote();
        std::string values;
        for (const auto& [name, r] : reports)
            values += (values.empty() ? "(" : ",\n(") + q(name) + ", " +
                      q(format_instant(r.last_seen)) + ", " + std::to_string(r.counts.pending) +
                      ", " + std::to_string(r.counts.dead_letters) + ")";
        open_job_savepoint();
        simple("INSERT INTO srv_terminal_status(name, last_seen, pending, dead_letters) VALUES " +
               values +
               " ON CONFLICT(name) DO UPDATE SET last_seen = excluded.last_seen, pending = "
               "excluded.pending, dead_letters = excluded.dead_letters");
    }

    // Deliveries
    // Queued by a push, so a kept write (pending until the group commits), read back by the
    // group's later pushes and by the sender only once committed.
    void queue_delivery(const DeliveryRow& r) override {
        if (pending(&PendingWrites::deliveries, r.notice_uuid)) return;
        writes().deliveries.try_emplace(r.notice_uuid, r);
    }
    std::optional<DeliveryRow> delivery(const std::string& notice_uuid) override {
        if (auto* d = pending(&PendingWrites::deliveries, notice_uuid)) return *d;
        auto r =
            run("SELECT " PG_DELIVERY_COLUMNS " FROM srv_notice_deliveries WHERE notice_uuid = $1",
                notice_uuid);
        if (r.empty()) return std::nullopt;
        return delivery_of(r[0]);
    }
    // One statement: of two instances claiming the same row, one updates it, the other finds
    // it in another state and gets false.
    bool update_delivery(const DeliveryRow& r, const std::string& expect) override {
        if (auto* d = pending(&PendingWrites::deliveries, r.notice_uuid)) { // queued by this group
            if (d->state != expect) return false;
            writes().deliveries.insert_or_assign(r.notice_uuid, r);
            return true;
        }
        auto res = write("UPDATE srv_notice_deliveries SET state = $2, reason = $3, attempts = $4, "
                         "next_at = $5, last_attempt_at = $6, sent_at = $7, updated_at = $8 WHERE "
                         "notice_uuid = $1 AND state = $9 RETURNING notice_uuid",
                         r.notice_uuid, r.state, r.reason, r.attempts, r.next_at, r.last_attempt_at,
                         r.sent_at, r.updated_at, expect);
        return !res.empty();
    }
    std::vector<DeliveryRow> deliveries_in(const std::string& state, const std::string& until,
                                           int limit) override {
        auto r = run("SELECT " PG_DELIVERY_COLUMNS " FROM srv_notice_deliveries WHERE state = $1 "
                     "AND (CASE WHEN state = 'sending' THEN last_attempt_at ELSE next_at END) <= "
                     "$2 ORDER BY next_at LIMIT $3",
                     state, until, limit);
        std::vector<DeliveryRow> out;
        for (const auto& row : r) out.push_back(delivery_of(row));
        return out;
    }

  private:
    // Every instance's token cache is dropped when this moves (api.cpp, authenticate). The
    // NOTIFY goes out at the commit: instances hear the new version on their listening
    // connection (pg_feed_listener.hpp) instead of reading it on every request.
    void bump_credentials() {
        write("WITH c AS (INSERT INTO srv_counters(name, value) VALUES ('credentials', 1) "
              "ON CONFLICT(name) DO UPDATE SET value = srv_counters.value + 1 RETURNING value) "
              "SELECT pg_notify('" PG_CREDENTIALS_CHANNEL "', value::text) FROM c");
    }
    static DeliveryRow delivery_of(const pqxx::row& row) {
        DeliveryRow r;
        r.notice_uuid = row[0].c_str();
        r.room = row[1].c_str();
        r.application_uuid = row[2].c_str();
        r.channel = row[3].c_str();
        r.state = row[4].c_str();
        r.reason = row[5].c_str();
        r.attempts = row[6].as<int>();
        r.queued_at = row[7].c_str();
        r.next_at = row[8].c_str();
        r.last_attempt_at = row[9].c_str();
        r.sent_at = row[10].c_str();
        r.updated_at = row[11].c_str();
        return r;
    }
    static std::string_view view(const pqxx::field& f) { return {f.c_str(), f.size()}; }
    static Terminal terminal_of(const pqxx::row& row) {
        Terminal t;
        t.name = row[0].c_str();
        t.room = row[1].c_str();
        from_code(row[2].c_str(), &t.role);
        t.series = row[3].c_str();
        return t;
    }

    void connect() {
        tx_.reset();
        conn_.reset();
        prepared_.clear();
        try {
            conn_ = std::make_unique<pqxx::connection>(db_);
            tx_ = std::make_unique<pqxx::nontransaction>(*conn_);
            // At least "on": a weaker setting (off, local) of the role or the database is
            // raised; a stronger one (remote_write, remote_apply with a synchronous replica:
            // docs/scale.md) is kept.
            std::string level = tx_->exec("SHOW synchronous_commit")[0][0].c_str();
            if (level == "off" || level == "local") tx_->exec("SET synchronous_commit = on");
            // The server's statements are key lookups of a few hundred rows at most (a group's
            // read-ahead). PostgreSQL plans parallel workers for the larger ones, and starting
            // them costs more than they save: measured, the read-ahead of 256 pushes took 20 ms
            // with two workers and 6 ms without, and under load (workers are new processes on
            // the same cores) 130 ms (docs/performance.md).
            tx_->exec("SET max_parallel_workers_per_gather = 0");
        } catch (const std::exception& e) {
            tx_.reset();
            conn_.reset();
            store_error(e);
        }
    }
    // A connection lost (database restarted) is opened again by the next statement outside a
    // transaction or before its BEGIN; inside one, the transaction fails and its pushes are
    // answered 503.
    void usable() {
        if (conn_ && conn_->is_open()) return;
        if (begun_) throw StoreError("store_io", "PostgreSQL: the connection was lost");
        connect();
    }
    // The transaction is opened by its first statement, not before: a group commit opens it in
    // the round trip of its read-ahead (begin_text), and one that reads nothing sends it with its
    // writes.
    std::string begin_text() {
        if (depth_ == 0 || begun_) return "";
        begun_ = true;
        return "BEGIN;\n";
    }
    template <class F> auto guarded(F&& f) -> decltype(f()) {
        try {
            return f();
        } catch (const pqxx::broken_connection& e) {
            tx_.reset();
            conn_.reset();
            store_error(e);
        } catch (const std::exception& e) {
            store_error(e);
        }
    }
    template <class... Args> pqxx::result run(const char* sql, const Args&... args) {
        usable();
        std::string begin = begin_text();
        return guarded([&] {
            if (!begin.empty()) tx_->exec("BEGIN");
            return tx_->exec_prepared(prepared(sql), args...);
        });
    }
    // Every statement with parameters is prepared on its connection the first time it runs:
    // parsing and planning it again for every pull cost PostgreSQL more CPU than running it
    // (docs/performance.md). The name is per connection; a new connection prepares again.
    const std::string& prepared(const char* sql) {
        auto it = prepared_.find(sql);
        if (it != prepared_.end()) return it->second;
        std::string name = "s" + std::to_string(prepared_.size());
        conn_->prepare(name, sql);
        return prepared_.emplace(sql, name).first->second;
    }
    // Several statements in one round trip (no parameters: texts go in as quoted literals); the
    // rows are the last statement's.
    pqxx::result simple(const std::string& sql) {
        usable();
        std::string text = begin_text() + sql;
        return guarded([&] { return tx_->exec(text); });
    }
    // A statement that writes at once inside a push: under a real savepoint, so that a job that
    // fails after it is undone alone.
    template <class... Args> pqxx::result write(const char* sql, const Args&... args) {
        open_job_savepoint();
        return run(sql, args...);
    }
    void open_job_savepoint() {
        if (in_job_ && !db_savepoint_) {
            run("SAVEPOINT job");
            db_savepoint_ = true;
        }
    }
    void script(const char* sql) { simple(sql); }
    Quote quote() {
        return [this](const std::string& text) {
            usable(); // a connection lost before the BEGIN is opened again
            return tx_->quote(text);
        };
    }

    // Kept writes go to the running job's set, merged into the group's when the job succeeds.
    PendingWrites& writes() {
        if (depth_ == 0)
            throw StoreError("store_io", "PostgreSQL: a push's write outside a transaction");
        return in_job_ ? job_ : group_;
    }
    template <class Map, class Key>
    const typename Map::mapped_type* pending(Map PendingWrites::*map, const Key& key) {
        for (PendingWrites* w : {&job_, &group_}) {
            auto it = (w->*map).find(key);
            if (it != (w->*map).end()) return &it->second;
        }
        return nullptr;
    }
    void commit() {
        committed_heads_.clear();
        if (group_.empty()) {
            if (begun_) simple("COMMIT");
            return;
        }
        pqxx::result heads = simple(commit_sql(group_, quote()));
        for (const auto& row : heads) committed_heads_[row[0].c_str()] = row[1].as<long long>();
    }
    void end_transaction() {
        depth_ = 0;
        begun_ = in_job_ = db_savepoint_ = false;
        group_.clear();
        job_.clear();
        known_.clear();
    }

    template <class... Args> long long number(const char* sql, const Args&... args) {
        pqxx::result r = run(sql, args...);
        return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<long long>();
    }
    std::string meta(const std::string& key) {
        auto r = run("SELECT value FROM srv_meta WHERE key = $1", key);
        return r.empty() ? std::string() : std::string(r[0][0].c_str());
    }
    void set_meta(const std::string& key, const std::string& value) {
        write("INSERT INTO srv_meta(key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET "
              "value = excluded.value",
              key, value);
    }
    // Under an advisory lock: instances starting together migrate once.
    void migrate() {
        transaction([&] {
            run("SELECT pg_advisory_xact_lock(7242015)");
            run("CREATE TABLE IF NOT EXISTS srv_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            int found = std::atoi(meta("server_schema").c_str());
            if (found > kPgSchemaVersion)
                throw StoreError("schema_newer", "the PostgreSQL server schema " +
                                                     std::to_string(found) +
                                                     " is newer than this program (" +
                                                     std::to_string(kPgSchemaVersion) + ")");
            if (found == 0) set_meta("server_epoch", random_hex(8));
            for (const PgMigration& m : kPgMigrations) {
                if (m.version <= found) continue;
                script(m.sql);
                set_meta("server_schema", std::to_string(m.version));
            }
        });
    }

    std::string db_;
    std::unique_ptr<pqxx::connection> conn_;
    std::unordered_map<std::string, std::string> prepared_; // statement text -> its name
    std::unique_ptr<pqxx::nontransaction> tx_;
    int depth_ = 0;
    bool begun_ = false;        // BEGIN sent
    bool in_job_ = false;       // inside savepoint()
    bool db_savepoint_ = false; // the job opened a real savepoint (write())
    PendingWrites group_, job_;
    KnownRows known_;
    std::map<std::string, long long> committed_heads_; // rooms the last commit grew
};

} // namespace

std::string pg_conninfo(const std::string& db) {
    // A bare word is a service name from pg_service.conf.
    bool url = db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
    return url || db.find('=') != std::string::npos ? db : "service=" + db;
}

std::unique_ptr<ServerStore> open_pg_server_store(const std::string& db) {
    return std::make_unique<PgServerStore>(pg_conninfo(db));
}

} // namespace reception
