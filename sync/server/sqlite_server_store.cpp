// The server store on SQLite: DATA/server.db, a reception store file (WAL) with the server's
// tables beside the terminal ones (which stay empty on the server). The default, for one
// district's server.
#include "server/server_store.hpp"

#include "server/auth.hpp"
#include "store/private_files.hpp"
#include "store/store_backup.hpp"

#include <cstdlib>

namespace reception {

// The server's tables: numbered migrations like the terminal schema's (store.hpp,
// run_migrations), their version in meta's server_schema, so the file stays a valid reception
// store that the terminal migrations can still open. Never edit a released migration: add the
// next one. (IF NOT EXISTS: versions 1 and 2 were once applied by a looser check.)
static const char* const kServerSchemaV1 = R"SQL(
-- Terminals known to the server. Codes and tokens are kept as SHA-256 hashes only.
CREATE TABLE IF NOT EXISTS srv_terminals (
    name         TEXT PRIMARY KEY,
    room         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('kiosk', 'console', 'board')),
    series       TEXT NOT NULL DEFAULT '',
    code_hash    TEXT UNIQUE,
    code_expires TEXT NOT NULL DEFAULT '',
    token_hash   TEXT UNIQUE,
    created_at   TEXT NOT NULL,
    enrolled_at  TEXT NOT NULL DEFAULT '',
    revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);

-- Named counters; 'feed' is the last sequence number of the change feed. It is updated inside
-- the write transaction that appends the change, so a reader never sees seq N+1 before N.
CREATE TABLE IF NOT EXISTS srv_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO srv_counters(name, value) VALUES ('feed', 0);

-- Every op ever received, by its id: a batch sent twice finds its ops here and changes nothing.
CREATE TABLE IF NOT EXISTS srv_applied_ops (
    op_id    TEXT PRIMARY KEY,
    terminal TEXT NOT NULL,
    outcome  TEXT NOT NULL CHECK (outcome IN ('applied', 'superseded', 'rejected')),
    reason   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- Batch ids with a digest of their ops: the same id with other ops is a replay, refused.
CREATE TABLE IF NOT EXISTS srv_batches (
    batch_id TEXT PRIMARY KEY,
    terminal TEXT NOT NULL,
    digest   TEXT NOT NULL,
    at       TEXT NOT NULL
) WITHOUT ROWID;

-- The current version of every record, to resolve conflicts (sync/common/rules.hpp).
CREATE TABLE IF NOT EXISTS srv_records (
    entity     TEXT NOT NULL,
    uuid       TEXT NOT NULL,
    room       TEXT NOT NULL,
    origin     TEXT NOT NULL,
    rank       INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    tiebreak   TEXT NOT NULL,
    payload    TEXT NOT NULL CHECK (json_valid(payload)),
    PRIMARY KEY (entity, uuid)
) WITHOUT ROWID;

-- Ticket numbers are labels unique per room and day across all terminals.
CREATE TABLE IF NOT EXISTS srv_ticket_numbers (
    room   TEXT NOT NULL,
    day    TEXT NOT NULL,
    number TEXT NOT NULL,
    uuid   TEXT NOT NULL,
    PRIMARY KEY (room, day, number)
) WITHOUT ROWID;

-- The change feed: what pull returns, in seq order, filtered by room and role.
CREATE TABLE IF NOT EXISTS srv_changes (
    seq         INTEGER PRIMARY KEY,
    op_id       TEXT NOT NULL,
    terminal    TEXT NOT NULL,
    room        TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_uuid TEXT NOT NULL,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS srv_changes_by_room ON srv_changes(room, seq);
)SQL";

// Version 2: what a terminal may write and what kiosks and boards may read.
static const char* const kServerSchemaV2 = R"SQL(
-- Registration and oral protocol numbers are labels unique per room, each bound to the
-- application that first had it (sync/server/numbers.hpp).
CREATE TABLE IF NOT EXISTS srv_reg_numbers (
    room   TEXT NOT NULL,
    number TEXT NOT NULL,
    uuid   TEXT NOT NULL,
    PRIMARY KEY (room, number)
) WITHOUT ROWID;
INSERT OR IGNORE INTO srv_reg_numbers(room, number, uuid)
    SELECT room, json_extract(payload, '$.reg_number'), uuid FROM srv_records
    WHERE entity = 'application' AND json_extract(payload, '$.reg_number') <> '';

-- What kiosks and boards pull of a change (sync/server/feed.hpp, public_view); NULL: nothing.
ALTER TABLE srv_changes ADD COLUMN public_payload TEXT;
UPDATE srv_changes SET public_payload = json_remove(payload, '$.category', '$.kiosk')
    WHERE entity = 'ticket';
UPDATE srv_changes SET public_payload = payload WHERE entity IN ('room', 'official', 'session');
)SQL";

// Version 3: a feed sequence per room, the feed keyed by (room, seq): no global hot row, and a
// district is a shard of its own (docs/scale.md). Cursors stay valid: 'feed' in srv_counters is
// frozen as the base every room starts from, so each room's next seq is past every cursor
// handed out before, and a room's seqs only grow.
static const char* const kServerSchemaV3 = R"SQL(
CREATE TABLE srv_room_feeds (
    room TEXT PRIMARY KEY,
    head INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO srv_room_feeds(room, head)
    SELECT DISTINCT room, (SELECT value FROM srv_counters WHERE name = 'feed') FROM srv_changes;

CREATE TABLE srv_changes_v3 (
    room           TEXT NOT NULL,
    seq            INTEGER NOT NULL,
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
INSERT INTO srv_changes_v3(room, seq, op_id, terminal, entity, entity_uuid, kind, payload,
                                at, public_payload)
    SELECT room, seq, op_id, terminal, entity, entity_uuid, kind, payload, at, public_payload
    FROM srv_changes;
DROP TABLE srv_changes;
ALTER TABLE srv_changes_v3 RENAME TO srv_changes;
)SQL";

// Version 4: token rotation. A terminal's next token waits beside its current one until the
// terminal first presents it (auth.hpp), so an answer lost on the way never locks it out.
// (SQLite adds no UNIQUE column: the index says it.)
static const char* const kServerSchemaV4 = R"SQL(
ALTER TABLE srv_terminals ADD COLUMN next_token_hash TEXT;
CREATE UNIQUE INDEX srv_terminals_next_token ON srv_terminals(next_token_hash);
)SQL";

// Version 5: the notices the server sends by SMS and e-mail, one row per notice (its uuid), with
// the state of its delivery (server/delivery.hpp). (Version 4 is token rotation's.)
static const char* const kServerSchemaV5 = R"SQL(
CREATE TABLE srv_notice_deliveries (
    notice_uuid      TEXT PRIMARY KEY,
    room             TEXT NOT NULL,
    application_uuid TEXT NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'retrying', 'sent',
                       'delivered', 'failed', 'cancelled')),
    reason           TEXT NOT NULL DEFAULT '',
    attempts         INTEGER NOT NULL DEFAULT 0,
    queued_at        TEXT NOT NULL,
    next_at          TEXT NOT NULL,
    last_attempt_at  TEXT NOT NULL DEFAULT '',
    sent_at          TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX srv_notice_deliveries_due ON srv_notice_deliveries(state, next_at);
)SQL";

// Version 6: what the public pages read (sync/server/public_pages.hpp). The tickets of each
// room's day, so a ticket's page counts the people ahead from the room's records without
// reading every ticket ever synced; and each public code with the record its page shows (a
// transferred or reactivated ticket keeps the code: it then points to the newest ticket).
static const char* const kServerSchemaV6 = R"SQL(
CREATE TABLE srv_day_tickets (
    room TEXT NOT NULL,
    day  TEXT NOT NULL,
    uuid TEXT NOT NULL,
    PRIMARY KEY (room, day, uuid)
) WITHOUT ROWID;
INSERT OR IGNORE INTO srv_day_tickets(room, day, uuid)
    SELECT room, json_extract(payload, '$.day'), uuid FROM srv_records WHERE entity = 'ticket';
CREATE TABLE srv_public_codes (
    code   TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    uuid   TEXT NOT NULL,
    room   TEXT NOT NULL
) WITHOUT ROWID;
)SQL";

// Version 7: retention of the idempotency records (retention.hpp) and of the feed. An op's record
// is forgotten by when the terminal made it; those recorded before this version count from the
// upgrade (they were made before it, so they are kept at least as long). The indexes make the daily
// prune a range delete.
static const char* const kServerSchemaV7 = R"SQL(
ALTER TABLE srv_applied_ops ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
UPDATE srv_applied_ops SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
CREATE INDEX srv_applied_ops_by_time ON srv_applied_ops(created_at);
CREATE INDEX srv_batches_by_time ON srv_batches(at);

-- Feed pruning and snapshots (sync/server/feed.hpp): a room's feed keeps the changes above its
-- floor; a terminal behind it starts from the room's records, read in key order.
ALTER TABLE srv_room_feeds ADD COLUMN floor INTEGER NOT NULL DEFAULT 0;
CREATE INDEX srv_records_by_room ON srv_records(room, entity, uuid);

-- Region readers (reg-34, reg-39, reg-40): a kind of their own, and the rooms of each region.
-- SQLite changes a CHECK only by making the table again.
CREATE TABLE srv_terminals_v7 (
    name            TEXT PRIMARY KEY,
    room            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('kiosk', 'console', 'board', 'reader')),
    series          TEXT NOT NULL DEFAULT '',
    code_hash       TEXT UNIQUE,
    code_expires    TEXT NOT NULL DEFAULT '',
    token_hash      TEXT UNIQUE,
    created_at      TEXT NOT NULL,
    enrolled_at     TEXT NOT NULL DEFAULT '',
    revoked         INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    next_token_hash TEXT
);
INSERT INTO srv_terminals_v7(name, room, kind, series, code_hash, code_expires, token_hash,
                             created_at, enrolled_at, revoked, next_token_hash)
    SELECT name, room, kind, series, code_hash, code_expires, token_hash, created_at,
           enrolled_at, revoked, next_token_hash FROM srv_terminals;
DROP TABLE srv_terminals;
ALTER TABLE srv_terminals_v7 RENAME TO srv_terminals;
CREATE UNIQUE INDEX srv_terminals_next_token ON srv_terminals(next_token_hash);
CREATE TABLE srv_region_rooms (
    region TEXT NOT NULL,
    room   TEXT NOT NULL,
    PRIMARY KEY (region, room)
) WITHOUT ROWID;
)SQL";

// Version 8: "text me when my turn is near" (shared/queue/turn_text.hpp). A turn_text record is
// watched here until its ticket has kTurnTextAhead people or fewer ahead: then its SMS is queued
// in srv_notice_deliveries under the turn_text's uuid, and the row goes (server/turn_texts.hpp).
static const char* const kServerSchemaV8 = R"SQL(
CREATE TABLE srv_turn_watch (
    turn_uuid   TEXT PRIMARY KEY,
    room        TEXT NOT NULL,
    ticket_uuid TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX srv_turn_watch_by_room ON srv_turn_watch(room);
)SQL";

// Version 9: an application's status page (public_pages.hpp) reads its history: the events
// about it, found by the entity_uuid inside their payloads. Only events are indexed (a partial
// index), so a ticket's write costs nothing more.
static const char* const kServerSchemaV9 = R"SQL(
CREATE INDEX srv_events_by_subject ON srv_records(json_extract(payload, '$.entity_uuid'))
    WHERE entity = 'event';
)SQL";

// Version 10: a turn_text record is no longer appended to the room's feed: no terminal pulls
// it, and a visitor's phone number must not sit in the feed, which is kept far longer than the
// number (queue/turn_text.hpp). The changes that were appended before go.
static const char* const kServerSchemaV10 = R"SQL(
DELETE FROM srv_changes WHERE entity = 'turn_text';
)SQL";

// The turn texts made before ?1 whose SMS is not being sent at this moment.
#define SQLITE_OLD_TURN_TEXTS                                                                      \
    "SELECT uuid FROM srv_records WHERE entity = 'turn_text' AND json_extract(payload, "           \
    "'$.created_at') < ?1 AND uuid NOT IN (SELECT notice_uuid FROM srv_notice_deliveries WHERE "   \
    "state = 'sending')"

// Per connection. A group commit of a few hundred pushes dirties thousands of pages (random
// UUID keys land on different leaves): with SQLite's default 2 MB cache they spill to the WAL
// in the middle of the transaction and are read back. Each push runs in a savepoint, whose
// journal goes to a temporary file unless kept in memory: measured under strace, those writes
// were two thirds of the writer's system calls.
static void tune_connection(Store& db) {
    db.exec("PRAGMA cache_size = -65536"); // 64 MiB
    db.exec("PRAGMA temp_store = MEMORY");
}

// 11 is PostgreSQL's alone (pg_server_store.cpp): the next SQLite migration is 12.
static const Migration kServerMigrations[] = {
    {1, kServerSchemaV1}, {2, kServerSchemaV2},   {3, kServerSchemaV3}, {4, kServerSchemaV4},
    {5, kServerSchemaV5}, {6, kServerSchemaV6},   {7, kServerSchemaV7}, {8, kServerSchemaV8},
    {9, kServerSchemaV9}, {10, kServerSchemaV10},
};
constexpr size_t kServerMigrationCount = sizeof kServerMigrations / sizeof kServerMigrations[0];

static int server_schema_version(Store& db) {
    return std::atoi(db.meta("server_schema").value_or("0").c_str());
}

static std::unique_ptr<Store> open_file(const std::filesystem::path& data_dir) {
    create_private_directory(data_dir); // every room's records: its owner only
    auto db = Store::open(data_dir / "server.db", OpenMode::CreateIfMissing);
    tune_connection(*db);
    int found = server_schema_version(*db);
    if (found == kServerMigrations[kServerMigrationCount - 1].version) return db;
    // An older store is copied aside before this version changes it: an upgrade that goes
    // wrong is undone by putting the copy back. (A newer one is refused below, untouched.)
    if (found > 0 && found < kServerMigrations[kServerMigrationCount - 1].version) {
        auto copy = data_dir / ("server.db.before-schema-" + std::to_string(found) + ".bak");
        try {
            if (!std::filesystem::exists(copy)) backup_store(*db, copy);
        } catch (const StoreError&) {
            if (!std::filesystem::exists(copy)) throw; // else another process made it first
        }
    }
    db->transaction([&] {
        // Read again inside the transaction: another process may have done it meanwhile.
        int current = server_schema_version(*db);
        if (current == 0) {
            db->set_meta("terminal_id", "SERVER");
            if (!db->meta("server_epoch")) db->set_meta("server_epoch", random_hex(8));
        }
        std::string what = (data_dir / "server.db").string() + " (server tables)";
        run_migrations(*db, what.c_str(), kServerMigrations, kServerMigrationCount, current,
                       [&](int v) { db->set_meta("server_schema", std::to_string(v)); });
    });
    return db;
}

#define DELIVERY_COLUMNS                                                                           \
    "notice_uuid, room, application_uuid, channel, state, reason, attempts, queued_at, next_at, "  \
    "last_attempt_at, sent_at, updated_at"

namespace {

class SqliteServerStore final : public ServerStore {
  public:
    explicit SqliteServerStore(std::unique_ptr<Store> db) : db_(std::move(db)) {}

    void transaction(const std::function<void()>& body) override { db_->transaction(body); }
    bool in_transaction() override { return db_->in_transaction(); }
    void savepoint(const std::function<void()>& body) override {
        db_->exec("SAVEPOINT job");
        try {
            body();
        } catch (...) {
            db_->exec("ROLLBACK TO job");
            db_->exec("RELEASE job");
            throw;
        }
        db_->exec("RELEASE job");
    }

    std::string epoch() override { return db_->meta("server_epoch").value_or(""); }
    std::string new_epoch() override {
        std::string epoch = random_hex(8);
        db_->transaction([&] { db_->set_meta("server_epoch", epoch); });
        return epoch;
    }
    long long feed_head(const std::string& room) override { return feed_window(room).head; }
    FeedWindow feed_window(const std::string& room) override {
        Stmt st = db_->prepare(
            "SELECT coalesce((SELECT floor FROM srv_room_feeds WHERE room = ?1), 0), "
            "coalesce((SELECT head FROM srv_room_feeds WHERE room = ?1), (SELECT value FROM "
            "srv_counters WHERE name = 'feed'), 0)");
        st.bind(1, room);
        st.step();
        return FeedWindow{st.integer(0), st.integer(1)};
    }
    long long credentials_version() override {
        // No row until the first revocation (stores made before revocation existed have none).
        Stmt st = db_->prepare("SELECT value FROM srv_counters WHERE name = 'credentials'");
        return st.step() ? st.integer(0) : 0;
    }
    void record_health() override {
        db_->prepare("INSERT INTO srv_counters(name, value) VALUES ('health', 1) "
                     "ON CONFLICT(name) DO UPDATE SET value = value + 1")
            .run();
    }

    // Terminals
    std::optional<TerminalSlot> terminal_slot(const std::string& name) override {
        Stmt st = db_->prepare("SELECT enrolled_at, revoked FROM srv_terminals WHERE name = ?1");
        st.bind(1, name);
        if (!st.step()) return std::nullopt;
        return TerminalSlot{st.integer(1) == 1, st.text(0)};
    }
    int series_in_room(const std::string& room, const std::string& name) override {
        Stmt n = db_->prepare("SELECT count(*) FROM srv_terminals WHERE room = ?1 AND "
                              "series <> '' AND name <> ?2");
        n.bind(1, room).bind(2, name);
        n.step();
        return int(n.integer(0));
    }
    void put_terminal_code(const Terminal& t, const std::string& code_hash,
                           const std::string& expires, const std::string& created_at) override {
        db_->prepare("INSERT INTO srv_terminals(name, room, kind, series, code_hash, code_expires, "
                     "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(name) DO UPDATE "
                     "SET room = excluded.room, kind = excluded.kind, series = excluded.series, "
                     "code_hash = excluded.code_hash, code_expires = excluded.code_expires")
            .bind(1, t.name)
            .bind(2, t.room)
            .bind(3, to_code(t.role))
            .bind(4, t.series)
            .bind(5, code_hash)
            .bind(6, expires)
            .bind(7, created_at)
            .run();
    }
    std::optional<PendingCode> pending_code(const std::string& code_hash) override {
        Stmt st = db_->prepare("SELECT name, room, kind, series, code_expires FROM srv_terminals "
                               "WHERE code_hash = ?1 AND enrolled_at = ''");
        st.bind(1, code_hash);
        if (!st.step()) return std::nullopt;
        return PendingCode{terminal_of(st), st.text(4)};
    }
    void set_token(const std::string& name, const std::string& token_hash,
                   const std::string& enrolled_at) override {
        db_->prepare("UPDATE srv_terminals SET token_hash = ?2, code_hash = NULL, enrolled_at = ?3 "
                     "WHERE name = ?1")
            .bind(1, name)
            .bind(2, token_hash)
            .bind(3, enrolled_at)
            .run();
    }
    std::optional<Terminal> terminal_by_token(const std::string& token_hash) override {
        Stmt st = db_->prepare("SELECT name, room, kind, series FROM srv_terminals "
                               "WHERE (token_hash = ?1 OR next_token_hash = ?1) AND revoked = 0");
        st.bind(1, token_hash);
        if (!st.step()) return std::nullopt;
        return terminal_of(st);
    }
    void set_next_token(const std::string& name, const std::string& next_hash) override {
        db_->prepare("UPDATE srv_terminals SET next_token_hash = ?2 WHERE name = ?1")
            .bind(1, name)
            .bind(2, next_hash)
            .run();
    }
    bool promote_next_token(const std::string& name, const std::string& next_hash) override {
        bool promoted = false;
        {
            Stmt st = db_->prepare("UPDATE srv_terminals SET token_hash = next_token_hash, "
                                   "next_token_hash = NULL WHERE name = ?1 AND next_token_hash = "
                                   "?2 AND revoked = 0 RETURNING name");
            st.bind(1, name).bind(2, next_hash);
            promoted = st.step();
            if (promoted) st.run(); // to the end: the statement is done before the next one
        }
        if (promoted) bump_credentials();
        return promoted;
    }
    bool revoke(const std::string& name) override {
        bool found = false;
        db_->transaction([&] {
            db_->prepare("UPDATE srv_terminals SET revoked = 1, code_hash = NULL, "
                         "next_token_hash = NULL WHERE name = ?1")
                .bind(1, name)
                .run();
            found = terminal_slot(name).has_value();
            if (found) bump_credentials();
        });
        return found;
    }
    std::vector<TerminalRow> terminals() override {
        Stmt st = db_->prepare("SELECT name, room, kind, series, revoked, enrolled_at "
                               "FROM srv_terminals ORDER BY room, name");
        std::vector<TerminalRow> out;
        while (st.step()) {
            TerminalRow r{terminal_of(st), "", st.text(5)};
            r.state = st.integer(4)           ? "revoked"
                      : r.enrolled_at.empty() ? "code_pending"
                                              : "enrolled";
            out.push_back(std::move(r));
        }
        return out;
    }

    bool room_in_region(const std::string& region, const std::string& room) override {
        Stmt st = db_->prepare("SELECT 1 FROM srv_region_rooms WHERE region = ?1 AND room = ?2");
        st.bind(1, region).bind(2, room);
        return st.step();
    }
    void set_region_rooms(const std::string& region,
                          const std::vector<std::string>& rooms) override {
        db_->transaction([&] {
            db_->prepare("DELETE FROM srv_region_rooms WHERE region = ?1").bind(1, region).run();
            for (const std::string& room : rooms)
                db_->prepare("INSERT OR IGNORE INTO srv_region_rooms(region, room) VALUES (?1, ?2)")
                    .bind(1, region)
                    .bind(2, room)
                    .run();
        });
    }

    // Push
    std::optional<SeenBatch> batch(const std::string& batch_id) override {
        Stmt st = db_->prepare("SELECT digest, terminal FROM srv_batches WHERE batch_id = ?1");
        st.bind(1, batch_id);
        if (!st.step()) return std::nullopt;
        return SeenBatch{st.text(0), st.text(1)};
    }
    void add_batch(const std::string& batch_id, const std::string& terminal,
                   const std::string& digest, const std::string& at) override {
        db_->prepare(
               "INSERT INTO srv_batches(batch_id, terminal, digest, at) VALUES (?1, ?2, ?3, ?4)")
            .bind(1, batch_id)
            .bind(2, terminal)
            .bind(3, digest)
            .bind(4, at)
            .run();
    }
    std::optional<SeenOp> applied_op(const std::string& op_id) override {
        Stmt st = db_->prepare("SELECT outcome, reason FROM srv_applied_ops WHERE op_id = ?1");
        st.bind(1, op_id);
        if (!st.step()) return std::nullopt;
        return SeenOp{st.text(0), st.text(1)};
    }
    void add_applied_op(const std::string& op_id, const std::string& terminal,
                        const std::string& outcome, const std::string& reason,
                        const std::string& created_at) override {
        db_->prepare("INSERT INTO srv_applied_ops(op_id, terminal, outcome, reason, created_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)")
            .bind(1, op_id)
            .bind(2, terminal)
            .bind(3, outcome)
            .bind(4, reason)
            .bind(5, created_at)
            .run();
    }
    std::pair<long long, long long> forget_idempotency(const std::string& before) override {
        std::pair<long long, long long> gone;
        db_->transaction([&] {
            gone.first = deleted("DELETE FROM srv_applied_ops WHERE created_at < ?1", before);
            gone.second = deleted("DELETE FROM srv_batches WHERE at < ?1", before);
        });
        return gone;
    }
    ExistingRecord record(const std::string& entity, const std::string& uuid) override {
        Stmt st = db_->prepare("SELECT room, origin, rank, updated_at, tiebreak, payload "
                               "FROM srv_records WHERE entity = ?1 AND uuid = ?2");
        st.bind(1, entity).bind(2, uuid);
        ExistingRecord e;
        if (!st.step()) return e;
        e.found = true;
        e.room = st.text(0);
        e.origin = st.text(1);
        e.version = Version{int(st.integer(2)), st.text(3), st.text(4)};
        e.payload = st.text(5);
        return e;
    }
    void put_record(const std::string& entity, const std::string& uuid, const std::string& room,
                    const std::string& origin, const Version& v,
                    const std::string& payload) override {
        db_->prepare("INSERT INTO srv_records(entity, uuid, room, origin, rank, updated_at, "
                     "tiebreak, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                     "ON CONFLICT(entity, uuid) DO UPDATE SET rank = excluded.rank, "
                     "updated_at = excluded.updated_at, tiebreak = excluded.tiebreak, "
                     "payload = excluded.payload")
            .bind(1, entity)
            .bind(2, uuid)
            .bind(3, room)
            .bind(4, origin)
            .bind(5, v.rank)
            .bind(6, v.updated_at)
            .bind(7, v.tiebreak)
            .bind(8, payload)
            .run();
    }
    void append_change(const FeedChange& c) override {
        long long seq = next_seq(c.room);
        db_->prepare("INSERT INTO srv_changes(seq, op_id, terminal, room, entity, entity_uuid, "
                     "kind, payload, at, public_payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                     "?9, ?10)")
            .bind(1, seq)
            .bind(2, c.op_id)
            .bind(3, c.terminal)
            .bind(4, c.room)
            .bind(5, c.entity)
            .bind(6, c.entity_uuid)
            .bind(7, c.kind)
            .bind(8, c.payload)
            .bind(9, c.at)
            .bind_opt(10, c.public_payload)
            .run();
    }
    std::string claim_ticket_number(const std::string& room, const std::string& day,
                                    const std::string& number, const std::string& uuid) override {
        db_->prepare("INSERT INTO srv_ticket_numbers(room, day, number, uuid) "
                     "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
            .bind(1, room)
            .bind(2, day)
            .bind(3, number)
            .bind(4, uuid)
            .run();
        Stmt st = db_->prepare(
            "SELECT uuid FROM srv_ticket_numbers WHERE room = ?1 AND day = ?2 AND number = ?3");
        st.bind(1, room).bind(2, day).bind(3, number);
        return st.step() ? st.text(0) : std::string();
    }
    std::string reg_number_owner(const std::string& room, const std::string& number) override {
        Stmt st = db_->prepare("SELECT uuid FROM srv_reg_numbers WHERE room = ?1 AND number = ?2");
        st.bind(1, room).bind(2, number);
        return st.step() ? st.text(0) : std::string();
    }
    void add_reg_number(const std::string& room, const std::string& number,
                        const std::string& uuid) override {
        db_->prepare("INSERT INTO srv_reg_numbers(room, number, uuid) VALUES (?1, ?2, ?3)")
            .bind(1, room)
            .bind(2, number)
            .bind(3, uuid)
            .run();
    }

    void add_day_ticket(const std::string& room, const std::string& day,
                        const std::string& uuid) override {
        db_->prepare("INSERT OR IGNORE INTO srv_day_tickets(room, day, uuid) VALUES (?1, ?2, ?3)")
            .bind(1, room)
            .bind(2, day)
            .bind(3, uuid)
            .run();
    }
    std::vector<std::string> day_ticket_payloads(const std::string& room,
                                                 const std::string& day) override {
        Stmt st = db_->prepare("SELECT r.payload FROM srv_day_tickets d JOIN srv_records r ON "
                               "r.entity = 'ticket' AND r.uuid = d.uuid WHERE d.room = ?1 AND "
                               "d.day = ?2");
        st.bind(1, room).bind(2, day);
        std::vector<std::string> out;
        while (st.step()) out.push_back(st.text(0));
        return out;
    }
    std::vector<std::string> event_payloads_about(const std::string& entity_uuid) override {
        // The expression and the condition are the index's (kServerSchemaV9), word for word.
        Stmt st = db_->prepare("SELECT payload FROM srv_records WHERE entity = 'event' AND "
                               "json_extract(payload, '$.entity_uuid') = ?1");
        st.bind(1, entity_uuid);
        std::vector<std::string> out;
        while (st.step()) out.push_back(st.text(0));
        return out;
    }
    std::optional<PublicCode> public_code(const std::string& code) override {
        Stmt st = db_->prepare("SELECT entity, uuid, room FROM srv_public_codes WHERE code = ?1");
        st.bind(1, code);
        if (!st.step()) return std::nullopt;
        return PublicCode{code, st.text(0), st.text(1), st.text(2)};
    }
    void put_public_code(const PublicCode& c) override {
        db_->prepare("INSERT INTO srv_public_codes(code, entity, uuid, room) VALUES (?1, ?2, ?3, "
                     "?4) ON CONFLICT(code) DO UPDATE SET entity = excluded.entity, uuid = "
                     "excluded.uuid, room = excluded.room")
            .bind(1, c.code)
            .bind(2, c.entity)
            .bind(3, c.uuid)
            .bind(4, c.room)
            .run();
    }

    void changes(const std::string& room, bool public_only, long long since, long long head,
                 int limit, const AddChange& add) override {
        Stmt st = db_->prepare(
            public_only ? "SELECT seq, entity, entity_uuid, kind, public_payload FROM "
                          "srv_changes WHERE room = ?1 AND seq > ?2 AND seq <= ?3 AND "
                          "public_payload IS NOT NULL ORDER BY seq LIMIT ?4"
                        : "SELECT seq, entity, entity_uuid, kind, payload FROM srv_changes "
                          "WHERE room = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4");
        st.bind(1, room).bind(2, since).bind(3, head).bind(4, limit + 1);
        while (st.step())
            if (!add(st.integer(0), st.view(1), st.view(2), st.view(3), st.view(4))) return;
    }

    // Deliveries
    void queue_delivery(const DeliveryRow& r) override {
        db_->prepare("INSERT INTO srv_notice_deliveries(notice_uuid, room, application_uuid, "
                     "channel, state, reason, attempts, queued_at, next_at, last_attempt_at, "
                     "sent_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                     "?12) ON CONFLICT(notice_uuid) DO NOTHING")
            .bind(1, r.notice_uuid)
            .bind(2, r.room)
            .bind(3, r.application_uuid)
            .bind(4, r.channel)
            .bind(5, r.state)
            .bind(6, r.reason)
            .bind(7, r.attempts)
            .bind(8, r.queued_at)
            .bind(9, r.next_at)
            .bind(10, r.last_attempt_at)
            .bind(11, r.sent_at)
            .bind(12, r.updated_at)
            .run();
    }
    std::optional<DeliveryRow> delivery(const std::string& notice_uuid) override {
        Stmt st = db_->prepare("SELECT " DELIVERY_COLUMNS
                               " FROM srv_notice_deliveries WHERE notice_uuid = ?1");
        st.bind(1, notice_uuid);
        if (!st.step()) return std::nullopt;
        return delivery_of(st);
    }
    bool update_delivery(const DeliveryRow& r, const std::string& expect) override {
        Stmt st =
            db_->prepare("UPDATE srv_notice_deliveries SET state = ?2, reason = ?3, attempts = ?4, "
                         "next_at = ?5, last_attempt_at = ?6, sent_at = ?7, updated_at = ?8 "
                         "WHERE notice_uuid = ?1 AND state = ?9 RETURNING notice_uuid");
        st.bind(1, r.notice_uuid)
            .bind(2, r.state)
            .bind(3, r.reason)
            .bind(4, r.attempts)
            .bind(5, r.next_at)
            .bind(6, r.last_attempt_at)
            .bind(7, r.sent_at)
            .bind(8, r.updated_at)
            .bind(9, expect);
        bool changed = st.step();
        while (st.step()) {
        }
        return changed;
    }
    std::vector<DeliveryRow> deliveries_in(const std::string& state, const std::string& until,
                                           int limit) override {
        Stmt st = db_->prepare("SELECT " DELIVERY_COLUMNS " FROM srv_notice_deliveries "
                               "WHERE state = ?1 AND (CASE WHEN state = 'sending' THEN "
                               "last_attempt_at ELSE next_at END) <= ?2 ORDER BY next_at LIMIT ?3");
        st.bind(1, state).bind(2, until).bind(3, limit);
        std::vector<DeliveryRow> out;
        while (st.step()) out.push_back(delivery_of(st));
        return out;
    }

    // The turn SMS watch
    void watch_turn(const TurnWatch& w) override {
        db_->prepare("INSERT INTO srv_turn_watch(turn_uuid, room, ticket_uuid) VALUES (?1, ?2, "
                     "?3) ON CONFLICT(turn_uuid) DO NOTHING")
            .bind(1, w.turn_uuid)
            .bind(2, w.room)
            .bind(3, w.ticket_uuid)
            .run();
    }
    std::vector<TurnWatch> watched_turns(const std::string& room) override {
        Stmt st =
            db_->prepare("SELECT turn_uuid, room, ticket_uuid FROM srv_turn_watch WHERE room = ?1");
        st.bind(1, room);
        std::vector<TurnWatch> out;
        while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
        return out;
    }
    void unwatch_turn(const std::string& turn_uuid) override {
        db_->prepare("DELETE FROM srv_turn_watch WHERE turn_uuid = ?1").bind(1, turn_uuid).run();
    }
    long long forget_turn_texts(const std::string& before, const std::string& now) override {
        long long gone = 0;
        db_->transaction([&] {
            db_->prepare("DELETE FROM srv_turn_watch WHERE turn_uuid IN (" SQLITE_OLD_TURN_TEXTS
                         ")")
                .bind(1, before)
                .run();
            db_->prepare("UPDATE srv_notice_deliveries SET state = 'cancelled', reason = "
                         "'expired', updated_at = ?2 WHERE state IN ('queued', 'retrying') AND "
                         "notice_uuid IN (" SQLITE_OLD_TURN_TEXTS ")")
                .bind(1, before)
                .bind(2, now)
                .run();
            gone = deleted("DELETE FROM srv_records WHERE entity = 'turn_text' AND uuid IN "
                           "(" SQLITE_OLD_TURN_TEXTS ")",
                           before);
        });
        return gone;
    }

    void room_records(const std::string& room, const std::string& entity, const std::string& uuid,
                      int limit, const AddRecord& add) override {
        Stmt st = db_->prepare("SELECT entity, uuid, payload FROM srv_records WHERE room = ?1 AND "
                               "(entity, uuid) > (?2, ?3) ORDER BY entity, uuid LIMIT ?4");
        st.bind(1, room).bind(2, entity).bind(3, uuid).bind(4, limit + 1);
        while (st.step())
            if (!add(st.view(0), st.view(1), st.view(2))) return;
    }
    long long prune_feed(const std::string& before) override {
        long long gone = 0;
        db_->transaction([&] {
            db_->prepare("UPDATE srv_room_feeds SET floor = (SELECT max(seq) FROM srv_changes c "
                         "WHERE c.room = srv_room_feeds.room AND c.at < ?1) WHERE EXISTS (SELECT "
                         "1 FROM srv_changes c WHERE c.room = srv_room_feeds.room AND c.at < ?1)")
                .bind(1, before)
                .run();
            db_->exec("DELETE FROM srv_changes WHERE seq <= (SELECT floor FROM srv_room_feeds f "
                      "WHERE f.room = srv_changes.room)");
            gone = last_changes();
        });
        return gone;
    }

    // Its own table, made on first use: it belongs to no schema step of the feed.
    std::map<std::string, TerminalReport> terminal_status() override {
        ensure_status_table();
        Stmt st = db_->prepare("SELECT s.name, t.room, t.kind, s.last_seen, s.pending, "
                               "s.dead_letters FROM srv_terminal_status s JOIN srv_terminals t "
                               "ON t.name = s.name");
        std::map<std::string, TerminalReport> out;
        while (st.step()) {
            TerminalReport& r = out[st.text(0)];
            r.room = st.text(1);
            r.kind = st.text(2);
            r.last_seen = parse_instant(st.text(3)).value_or(Instant{});
            r.counts = {st.integer(4), st.integer(5)};
        }
        return out;
    }
    void put_terminal_status(
        const std::vector<std::pair<std::string, TerminalReport>>& reports) override {
        ensure_status_table();
        for (const auto& [name, r] : reports)
            db_->prepare("INSERT INTO srv_terminal_status(name, last_seen, pending, dead_letters) "
                         "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(name) DO UPDATE SET last_seen = "
                         "excluded.last_seen, pending = excluded.pending, dead_letters = "
                         "excluded.dead_letters")
                .bind(1, name)
                .bind(2, format_instant(r.last_seen))
                .bind(3, r.counts.pending)
                .bind(4, r.counts.dead_letters)
                .run();
    }

    Store* sqlite() override { return db_.get(); }

  private:
    long long deleted(const char* sql, const std::string& before) {
        db_->prepare(sql).bind(1, before).run();
        return last_changes();
    }
    long long last_changes() {
        Stmt n = db_->prepare("SELECT changes()");
        n.step();
        return n.integer(0);
    }
    // Every server's token cache is dropped when this moves (api.cpp, authenticate).
    void bump_credentials() {
        db_->prepare("INSERT INTO srv_counters(name, value) VALUES ('credentials', 1) "
                     "ON CONFLICT(name) DO UPDATE SET value = value + 1")
            .run();
    }
    static DeliveryRow delivery_of(const Stmt& st) {
        DeliveryRow r;
        r.notice_uuid = st.text(0);
        r.room = st.text(1);
        r.application_uuid = st.text(2);
        r.channel = st.text(3);
        r.state = st.text(4);
        r.reason = st.text(5);
        r.attempts = int(st.integer(6));
        r.queued_at = st.text(7);
        r.next_at = st.text(8);
        r.last_attempt_at = st.text(9);
        r.sent_at = st.text(10);
        r.updated_at = st.text(11);
        return r;
    }
    static Terminal terminal_of(const Stmt& st) {
        Terminal t;
        t.name = st.text(0);
        t.room = st.text(1);
        from_code(st.text(2), &t.role);
        t.series = st.text(3);
        return t;
    }
    // The room's head moves inside the write transaction that appends the change, so a reader
    // never sees seq N+1 before N. A new room starts from the frozen base (version 3).
    long long next_seq(const std::string& room) {
        Stmt st = db_->prepare(
            "INSERT INTO srv_room_feeds(room, head) VALUES (?1, 1 + (SELECT value FROM "
            "srv_counters WHERE name = 'feed')) ON CONFLICT(room) DO UPDATE SET head = head + 1 "
            "RETURNING head");
        st.bind(1, room);
        st.step();
        return st.integer(0);
    }
    void ensure_status_table() {
        db_->exec("CREATE TABLE IF NOT EXISTS srv_terminal_status (name TEXT PRIMARY KEY, "
                  "last_seen TEXT NOT NULL, pending INTEGER NOT NULL, dead_letters INTEGER NOT "
                  "NULL)");
    }

    std::unique_ptr<Store> db_;
};

} // namespace

std::unique_ptr<ServerStore> open_sqlite_server_store(const std::filesystem::path& data_dir) {
    return std::make_unique<SqliteServerStore>(open_file(data_dir));
}

} // namespace reception
