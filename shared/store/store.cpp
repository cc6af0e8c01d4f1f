#include "store/store.hpp"

#include "base/uuid.hpp"
#include "store/outbox.hpp"
#include "store/private_files.hpp"

#include <cstring>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace reception {

// "RCPT": marks a SQLite file as a reception store, so that opening some other database by
// mistake is reported instead of being migrated into ours.
static constexpr int kApplicationId = 0x52435054;

// Errors
static StoreError error_from(sqlite3* db, int rc, const std::string& what) {
    std::string msg = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return StoreError("store_corrupt", msg);
    case SQLITE_CONSTRAINT:
        return StoreError("store_constraint", msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return StoreError("store_busy", msg);
    case SQLITE_FULL:
        return StoreError("store_full", msg);
    // A healthy file that may not be written (permissions, a read-only mount): told as such,
    // never as damage, so nobody restores a good store from a backup.
    case SQLITE_READONLY:
        return StoreError("store_read_only", msg);
    default:
        return StoreError("store_io", msg);
    }
}

// Stmt
Stmt::~Stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
}

Stmt& Stmt::bind(int i, std::string_view text) {
    sqlite3_bind_text(s_, i, text.data(), int(text.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind(int i, long long v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
}
Stmt& Stmt::bind_null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
}
Stmt& Stmt::bind_opt(int i, const std::string& text) {
    return text.empty() ? bind_null(i) : bind(i, text);
}

bool Stmt::step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(s_);
    std::string sql = sqlite3_sql(s_);
    throw error_from(db, rc, sql.substr(0, 60));
}

void Stmt::run() {
    while (step()) {
    }
}

std::string Stmt::text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, size_t(sqlite3_column_bytes(s_, col))) : std::string();
}
std::string_view Stmt::view(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string_view(p, size_t(sqlite3_column_bytes(s_, col))) : std::string_view();
}
double Stmt::real(int col) const {
    return sqlite3_column_double(s_, col);
}

long long Stmt::integer(int col) const {
    return sqlite3_column_int64(s_, col);
}
bool Stmt::is_null(int col) const {
    return sqlite3_column_type(s_, col) == SQLITE_NULL;
}

// Opening
// Read through SQLite, never with a plain open()/close(): closing any descriptor of the file
// drops every POSIX lock this process holds on it, so another process (reception-admin, the
// server's enrol command) could then checkpoint and delete the WAL under the connections this
// process already has open, and their later commits would be lost. SQLite's own close keeps
// the descriptor until the process's last lock on the file is gone.
static bool file_has_sqlite_header(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK;
    if (ok) sqlite3_busy_timeout(db, 10000);
    ok = ok && sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

void Store::set_busy_timeout(int milliseconds) {
    sqlite3_busy_timeout(db_, milliseconds);
}

std::unique_ptr<Store> Store::open(const std::filesystem::path& file, OpenMode mode) {
    std::error_code ec;
    bool exists = std::filesystem::exists(file, ec);
    std::map<std::string, std::string> args{{"path", file.string()}};
    if (!exists && mode == OpenMode::Existing)
        throw StoreError("store_not_found", file.string() + ": no such store", args);
    // A non-empty file that is not SQLite is someone's data: report it, never write to it.
    if (exists && std::filesystem::file_size(file, ec) > 0 && !file_has_sqlite_header(file))
        throw StoreError("store_corrupt", file.string() + ": not a reception store or damaged",
                         args);

    std::unique_ptr<Store> s(new Store());
    s->path_ = file;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == OpenMode::CreateIfMissing) flags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(file.c_str(), &s->db_, flags, nullptr);
    if (rc != SQLITE_OK) throw error_from(s->db_, rc, "open " + file.string());
    sqlite3_extended_result_codes(s->db_, 1);
    // SQLite creates the file readable by all (0644 less the umask) and gives the -wal and
    // -shm it makes later the file's mode: close it to others before the first write. A store
    // made before this is closed the next time it is opened.
    mode_t private_mode = private_file_mode(file);
    for (const char* suffix : {"", "-wal", "-shm"})
        restrict_file_mode(file.string() + suffix, private_mode);
    try {
        // A second terminal on the same file waits for the lock instead of failing.
        sqlite3_busy_timeout(s->db_, 10000);
        s->exec("PRAGMA journal_mode=WAL");
        // FULL: a committed ticket survives a power cut, not only a crash of the program.
        s->exec("PRAGMA synchronous=FULL");
        s->exec("PRAGMA foreign_keys=ON");
        s->migrate();
    } catch (StoreError& e) {
        e.args.merge(args);
        throw;
    }
    return s;
}

Store::~Store() {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    if (db_) sqlite3_close(db_);
}

int Store::latest_schema_version() {
    size_t n;
    const Migration* m = migrations(&n);
    return m[n - 1].version;
}

int Store::schema_version() {
    Stmt st = prepare("PRAGMA user_version");
    st.step();
    return int(st.integer(0));
}

// Migrations run inside one IMMEDIATE transaction, and the version is read again inside it:
// when two programs open a new store at once, the second one finds it already migrated.
void Store::migrate() {
    int app_id = 0;
    {
        Stmt st = prepare("PRAGMA application_id");
        st.step();
        app_id = int(st.integer(0));
    }
    int found = schema_version();
    std::map<std::string, std::string> args{{"found", std::to_string(found)},
                                            {"supported", std::to_string(latest_schema_version())},
                                            {"path", path_.string()}};
    if (found > 0 && app_id != kApplicationId)
        throw StoreError("store_corrupt",
                         path_.string() + ": a SQLite file, but not a reception store", args);
    if (found > latest_schema_version())
        throw StoreError("store_newer_schema",
                         path_.string() + ": store schema version " + std::to_string(found) +
                             " is newer than this program supports (" +
                             std::to_string(latest_schema_version()) + "); update the program",
                         args);
    if (found == latest_schema_version()) return;
    if (found == 0) {
        Stmt st = prepare("SELECT count(*) FROM sqlite_schema");
        st.step();
        if (st.integer(0) > 0)
            throw StoreError("store_corrupt",
                             path_.string() + ": a SQLite file, but not a reception store", args);
    }
    transaction([&] {
        size_t n;
        const Migration* m = migrations(&n);
        run_migrations(*this, path_.string().c_str(), m, n, schema_version(), [&](int version) {
            exec(("PRAGMA user_version=" + std::to_string(version)).c_str());
        });
        exec(("PRAGMA application_id=" + std::to_string(kApplicationId)).c_str());
        if (!meta("created_at")) {
            set_meta("created_at", format_instant(now_utc()));
            // A short random terminal id; the administrator sets a readable one at enrolment.
            set_meta("terminal_id", "T" + random_id(4));
        }
    });
}

void run_migrations(Store& db, const char* what, const Migration* list, size_t count, int current,
                    const std::function<void(int version)>& set_version) {
    if (!db.in_transaction()) throw std::logic_error("run_migrations outside a transaction");
    int latest = count ? list[count - 1].version : 0;
    if (current > latest)
        throw StoreError("store_newer_schema",
                         std::string(what) + ": schema version " + std::to_string(current) +
                             " is newer than this program supports (" + std::to_string(latest) +
                             "); update the program",
                         {{"found", std::to_string(current)},
                          {"supported", std::to_string(latest)},
                          {"path", db.path().string()}});
    for (size_t i = 0; i < count; ++i) {
        if (list[i].version <= current) continue;
        db.exec(list[i].sql);
        set_version(list[i].version);
    }
}

// Statements
Stmt Store::prepare(const char* sql) {
    auto it = cache_.find(std::string_view(sql));
    if (it != cache_.end()) return Stmt(it->second);
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) throw error_from(db_, rc, std::string("prepare ") + sql);
    cache_.emplace(sql, st);
    return Stmt(st);
}

void Store::exec(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw error_from(nullptr, rc, msg);
    }
}

void Store::transaction(const std::function<void()>& fn) {
    if (in_tx_) { // nested: part of the caller's transaction
        fn();
        return;
    }
    // Prepared once like every other statement: parsing BEGIN and COMMIT anew each time costs
    // a measurable share of a ticket's issue (bench/store_bench).
    prepare("BEGIN IMMEDIATE").run();
    in_tx_ = true;
    try {
        fn();
        prepare("COMMIT").run();
        in_tx_ = false;
    } catch (...) {
        in_tx_ = false;
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

// History
std::string Store::append_event(std::string_view entity, std::string_view entity_uuid,
                                std::string_view kind, std::string_view from_state,
                                std::string_view to_state, std::string_view actor,
                                std::string_view reason, const nlohmann::json& data, Instant at) {
    if (!in_tx_) throw StoreError("store_io", "append_event outside a transaction");
    std::string id = new_uuid();
    prepare("INSERT INTO events(uuid, entity, entity_uuid, kind, from_state, to_state, actor, "
            "reason, data, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        .bind(1, id)
        .bind(2, entity)
        .bind(3, entity_uuid)
        .bind(4, kind)
        .bind(5, from_state)
        .bind(6, to_state)
        .bind(7, actor)
        .bind(8, reason)
        .bind(9, data.dump())
        .bind(10, format_instant(at))
        .run();
    nlohmann::json ev{{"uuid", id},
                      {"entity", entity},
                      {"entity_uuid", entity_uuid},
                      {"kind", kind},
                      {"from", from_state},
                      {"to", to_state},
                      {"actor", actor},
                      {"reason", reason},
                      {"data", data},
                      {"at", format_instant(at)}};
    append_outbox(*this, "event", id, "event.appended", ev);
    return id;
}

// Settings
std::optional<std::string> Store::meta(const std::string& key) {
    Stmt st = prepare("SELECT value FROM meta WHERE key = ?1");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

void Store::set_meta(const std::string& key, const std::string& value) {
    prepare("INSERT INTO meta(key, value) VALUES (?1, ?2) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

std::string Store::terminal_id() {
    return meta("terminal_id").value_or("T");
}

long long Store::data_version() {
    Stmt v = prepare("PRAGMA data_version");
    return v.step() ? v.integer(0) : 0;
}

std::string Store::integrity_check() {
    Stmt st = prepare("PRAGMA integrity_check");
    std::string out;
    while (st.step()) {
        if (!out.empty()) out += "\n";
        out += st.text(0);
    }
    return out;
}

} // namespace reception
