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

// Per connection. A group commit of a few hundred pushes dirties thousands of pages (random
// UUID keys land on different leaves): with SQLite's default 2 MB cache they spill to the WAL
// in the middle of the transaction and are read back. Each push runs in a savepoint, whose
// journal goes to a temporary file unless kept in memory: measured under strace, those writes
// were two thirds of the writer's system calls.
static void tune_connection(Store& db) {
    db.exec("PRAGMA cache_size = -65536"); // 64 MiB
    db.exec("PRAGMA temp_store = MEMORY");
}

static const Migration kServerMigrations[] = {
    {1, kServerSchemaV1},
    {2, kServerSchemaV2},
};
constexpr size_t kServerMigrationCount = sizeof kServerMigrations / sizeof kServerMigrations[0];

static int server_schema_version(Store& db) {
    return std::atoi(db.meta("server_schema").value_or("0").c_str());
}

std::unique_ptr<Store> open_server_store(const std::filesystem::path& data_dir) {
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

std::string server_epoch(Store& db) {
    return db.meta("server_epoch").value_or("");
}

std::string new_server_epoch(Store& db) {
    std::string epoch = random_hex(8);
    db.transaction([&] { db.set_meta("server_epoch", epoch); });
    return epoch;
}

long long feed_head(Store& db) {
    Stmt st = db.prepare("SELECT value FROM srv_counters WHERE name = 'feed'");
    return st.step() ? st.integer(0) : 0;
}

std::filesystem::path default_server_data_dir() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base = xdg && *xdg
                                     ? std::filesystem::path(xdg)
                                     : std::filesystem::path(home ? home : ".") / ".local/share";
    return base / "reception/server";
}

} // namespace reception
