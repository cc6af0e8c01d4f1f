// The server store on PostgreSQL 15 (libpqxx): for a region or the country, several server
// instances on one database. The same tables as on SQLite, the feed keyed by (room, seq) from
// the start. Every transaction commits with synchronous_commit = on, so "applied" is answered
// only after the commit is durable (on a replica too with remote_apply: docs/scale.md), and it
// ends with a NOTIFY per room whose feed grew: every instance's listening connection hears it at
// the commit and wakes its long-polls of the room (http_server.cpp).
#include "server/server_store.hpp"

#include <iterator>
#include <pqxx/pqxx>
#include <set>

namespace reception {

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

// Numbered like the SQLite store's server schema (the same number for the same change; the
// first PostgreSQL version holds SQLite's first three).
struct PgMigration {
    int version;
    const char* sql;
};
static constexpr PgMigration kPgMigrations[] = {
    {1, kPgSchemaV1}, {4, kPgSchemaV4}, {5, kPgSchemaV5}, {6, kPgSchemaV6}};
constexpr int kPgSchemaVersion = kPgMigrations[std::size(kPgMigrations) - 1].version;

// The channel every instance listens on; the payload is "ROOM HEAD".
const char* const kFeedChannel = "reception_feed";

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
        run("BEGIN");
        depth_ = 1;
        try {
            body();
            for (const std::string& room : grown_)
                run("SELECT pg_notify('reception_feed', room || ' ' || head) FROM "
                    "srv_room_feeds WHERE room = $1",
                    room);
            run("COMMIT");
        } catch (...) {
            depth_ = 0;
            grown_.clear();
            try {
                if (conn_ && conn_->is_open()) tx_->exec("ROLLBACK");
            } catch (const std::exception&) {
            }
            throw;
        }
        depth_ = 0;
        grown_.clear();
    }
    bool in_transaction() override { return depth_ > 0; }
    void savepoint(const std::function<void()>& body) override {
        run("SAVEPOINT job");
        try {
            body();
        } catch (...) {
            run("ROLLBACK TO SAVEPOINT job");
            run("RELEASE SAVEPOINT job");
            throw;
        }
        run("RELEASE SAVEPOINT job");
    }

    std::string epoch() override { return meta("server_epoch"); }
    std::string new_epoch() override {
        std::string epoch = random_hex(8);
        transaction([&] { set_meta("server_epoch", epoch); });
        return epoch;
    }
    long long feed_head(const std::string& room) override {
        return number("SELECT coalesce((SELECT head FROM srv_room_feeds WHERE room = $1), "
                      "(SELECT value FROM srv_counters WHERE name = 'feed'), 0)",
                      room);
    }
    long long credentials_version() override {
        return number("SELECT coalesce((SELECT value FROM srv_counters WHERE name = "
                      "'credentials'), 0)");
    }
    void record_health() override {
        run("INSERT INTO srv_counters(name, value) VALUES ('health', 1) "
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
        run("INSERT INTO srv_terminals(name, room, kind, series, code_hash, code_expires, "
            "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(name) DO UPDATE SET "
            "room = excluded.room, kind = excluded.kind, series = excluded.series, code_hash = "
            "excluded.code_hash, code_expires = excluded.code_expires",
            t.name, t.room, std::string(to_code(t.role)), t.series, code_hash, expires, created_at);
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
        run("UPDATE srv_terminals SET token_hash = $2, code_hash = NULL, enrolled_at = $3 WHERE "
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
        run("UPDATE srv_terminals SET next_token_hash = $2 WHERE name = $1", name, next_hash);
    }
    bool promote_next_token(const std::string& name, const std::string& next_hash) override {
        bool promoted = false;
        transaction([&] {
            auto r = run("UPDATE srv_terminals SET token_hash = next_token_hash, next_token_hash "
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
            auto r = run("UPDATE srv_terminals SET revoked = 1, code_hash = NULL, next_token_hash "
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

    std::optional<SeenBatch> batch(const std::string& batch_id) override {
        auto r = run("SELECT digest, terminal FROM srv_batches WHERE batch_id = $1", batch_id);
        if (r.empty()) return std::nullopt;
        return SeenBatch{r[0][0].c_str(), r[0][1].c_str()};
    }
    void add_batch(const std::string& batch_id, const std::string& terminal,
                   const std::string& digest, const std::string& at) override {
        run("INSERT INTO srv_batches(batch_id, terminal, digest, at) VALUES ($1, $2, $3, $4)",
            batch_id, terminal, digest, at);
    }
    std::optional<SeenOp> applied_op(const std::string& op_id) override {
        auto r = run("SELECT outcome, reason FROM srv_applied_ops WHERE op_id = $1", op_id);
        if (r.empty()) return std::nullopt;
        return SeenOp{r[0][0].c_str(), r[0][1].c_str()};
    }
    void add_applied_op(const std::string& op_id, const std::string& terminal,
                        const std::string& outcome, const std::string& reason) override {
        run("INSERT INTO srv_applied_ops(op_id, terminal, outcome, reason) VALUES ($1, $2, $3, "
            "$4)",
            op_id, terminal, outcome, reason);
    }
    ExistingRecord record(const std::string& entity, const std::string& uuid) override {
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
    void put_record(const std::string& entity, const std::string& uuid, const std::string& room,
                    const std::string& origin, const Version& v,
                    const std::string& payload) override {
        run("INSERT INTO srv_records(entity, uuid, room, origin, rank, updated_at, tiebreak, "
            "payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT(entity, uuid) DO "
            "UPDATE SET rank = excluded.rank, updated_at = excluded.updated_at, tiebreak = "
            "excluded.tiebreak, payload = excluded.payload",
            entity, uuid, room, origin, v.rank, v.updated_at, v.tiebreak, payload);
    }
    // The room's row is locked until the commit: pushes of one room on any instance take their
    // seqs in turn, so a reader never sees N+1 before N; other rooms go on in parallel.
    long long append_change(const FeedChange& c) override {
        long long seq =
            number("INSERT INTO srv_room_feeds(room, head) VALUES ($1, 1 + (SELECT value FROM "
                   "srv_counters WHERE name = 'feed')) ON CONFLICT(room) DO UPDATE SET head = "
                   "srv_room_feeds.head + 1 RETURNING head",
                   c.room);
        run("INSERT INTO srv_changes(room, seq, op_id, terminal, entity, entity_uuid, kind, "
            "payload, at, public_payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
            "NULLIF($10, ''))",
            c.room, seq, c.op_id, c.terminal, c.entity, c.entity_uuid, c.kind, c.payload, c.at,
            c.public_payload);
        grown_.insert(c.room);
        return seq;
    }
    std::string claim_ticket_number(const std::string& room, const std::string& day,
                                    const std::string& number, const std::string& uuid) override {
        run("INSERT INTO srv_ticket_numbers(room, day, number, uuid) VALUES ($1, $2, $3, $4) ON "
            "CONFLICT DO NOTHING",
            room, day, number, uuid);
        auto r = run("SELECT uuid FROM srv_ticket_numbers WHERE room = $1 AND day = $2 AND "
                     "number = $3",
                     room, day, number);
        return r.empty() ? std::string() : std::string(r[0][0].c_str());
    }
    std::string reg_number_owner(const std::string& room, const std::string& number) override {
        auto r =
            run("SELECT uuid FROM srv_reg_numbers WHERE room = $1 AND number = $2", room, number);
        return r.empty() ? std::string() : std::string(r[0][0].c_str());
    }
    void add_reg_number(const std::string& room, const std::string& number,
                        const std::string& uuid) override {
        run("INSERT INTO srv_reg_numbers(room, number, uuid) VALUES ($1, $2, $3)", room, number,
            uuid);
    }

    void add_day_ticket(const std::string& room, const std::string& day,
                        const std::string& uuid) override {
        run("INSERT INTO srv_day_tickets(room, day, uuid) VALUES ($1, $2, $3) ON CONFLICT DO "
            "NOTHING",
            room, day, uuid);
    }
    std::vector<std::string> day_ticket_payloads(const std::string& room,
                                                 const std::string& day) override {
        auto r = run("SELECT r.payload FROM srv_day_tickets d JOIN srv_records r ON r.entity = "
                     "'ticket' AND r.uuid = d.uuid WHERE d.room = $1 AND d.day = $2",
                     room, day);
        std::vector<std::string> out;
        for (const auto& row : r) out.push_back(row[0].c_str());
        return out;
    }
    std::optional<PublicCode> public_code(const std::string& code) override {
        auto r = run("SELECT entity, uuid, room FROM srv_public_codes WHERE code = $1", code);
        if (r.empty()) return std::nullopt;
        return PublicCode{code, r[0][0].c_str(), r[0][1].c_str(), r[0][2].c_str()};
    }
    void put_public_code(const PublicCode& c) override {
        run("INSERT INTO srv_public_codes(code, entity, uuid, room) VALUES ($1, $2, $3, $4) ON "
            "CONFLICT(code) DO UPDATE SET entity = excluded.entity, uuid = excluded.uuid, room = "
            "excluded.room",
            c.code, c.entity, c.uuid, c.room);
    }

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
    void put_terminal_status(const std::string& name, const TerminalReport& r) override {
        run("INSERT INTO srv_terminal_status(name, last_seen, pending, dead_letters) VALUES ($1, "
            "$2, $3, $4) ON CONFLICT(name) DO UPDATE SET last_seen = excluded.last_seen, pending "
            "= excluded.pending, dead_letters = excluded.dead_letters",
            name, format_instant(r.last_seen), r.counts.pending, r.counts.dead_letters);
    }

    // Deliveries
    void queue_delivery(const DeliveryRow& r) override {
        run("INSERT INTO srv_notice_deliveries(notice_uuid, room, application_uuid, channel, "
            "state, reason, attempts, queued_at, next_at, last_attempt_at, sent_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT(notice_uuid) "
            "DO NOTHING",
            r.notice_uuid, r.room, r.application_uuid, r.channel, r.state, r.reason, r.attempts,
            r.queued_at, r.next_at, r.last_attempt_at, r.sent_at, r.updated_at);
    }
    std::optional<DeliveryRow> delivery(const std::string& notice_uuid) override {
        auto r =
            run("SELECT " PG_DELIVERY_COLUMNS " FROM srv_notice_deliveries WHERE notice_uuid = $1",
                notice_uuid);
        if (r.empty()) return std::nullopt;
        return delivery_of(r[0]);
    }
    // One statement: of two instances claiming the same row, one updates it, the other finds
    // it in another state and gets false.
    bool update_delivery(const DeliveryRow& r, const std::string& expect) override {
        auto res = run("UPDATE srv_notice_deliveries SET state = $2, reason = $3, attempts = $4, "
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
    // Every instance's token cache is dropped when this moves (api.cpp, authenticate).
    void bump_credentials() {
        run("INSERT INTO srv_counters(name, value) VALUES ('credentials', 1) "
            "ON CONFLICT(name) DO UPDATE SET value = srv_counters.value + 1");
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
        try {
            conn_ = std::make_unique<pqxx::connection>(db_);
            tx_ = std::make_unique<pqxx::nontransaction>(*conn_);
            // At least "on": a weaker setting (off, local) of the role or the database is
            // raised; a stronger one (remote_write, remote_apply with a synchronous replica:
            // docs/scale.md) is kept.
            std::string level = tx_->exec("SHOW synchronous_commit")[0][0].c_str();
            if (level == "off" || level == "local") tx_->exec("SET synchronous_commit = on");
        } catch (const std::exception& e) {
            tx_.reset();
            conn_.reset();
            store_error(e);
        }
    }
    // A connection lost (database restarted) is opened again by the next statement outside a
    // transaction; inside one, the transaction fails and its pushes are answered 503.
    template <class... Args> pqxx::result run(const char* sql, const Args&... args) {
        if (!conn_ || !conn_->is_open()) {
            if (depth_ > 0) throw StoreError("store_io", "PostgreSQL: the connection was lost");
            connect();
        }
        try {
            return tx_->exec_params(sql, args...);
        } catch (const pqxx::broken_connection& e) {
            tx_.reset();
            conn_.reset();
            store_error(e);
        } catch (const std::exception& e) {
            store_error(e);
        }
    }
    void script(const char* sql) { // several statements, no parameters
        try {
            tx_->exec(sql);
        } catch (const std::exception& e) {
            store_error(e);
        }
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
        run("INSERT INTO srv_meta(key, value) VALUES ($1, $2) ON CONFLICT(key) DO UPDATE SET "
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
    std::unique_ptr<pqxx::nontransaction> tx_;
    int depth_ = 0;
    std::set<std::string> grown_; // rooms whose feed grew in this transaction
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
