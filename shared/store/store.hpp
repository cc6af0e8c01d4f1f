// The local store: one SQLite file per terminal (or shared by a kiosk and a console on one
// machine), in WAL mode, with a schema version and forward migrations.
//
// Invariants (checked by tests/store_test.cpp and the crash test):
//  - every user action is one transaction (Store::transaction): all of it or none of it;
//  - every change to a record appends an outbox row in the same transaction, so the sync agent
//    can never miss or invent a change (store/outbox.hpp);
//  - SQL runs only through prepared statements with bound values;
//  - a file of a newer schema version, or one that is not a store, is reported, never touched.
#pragma once

#include "base/date.hpp"
#include "base/errors.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace reception {

// A prepared statement borrowed from the store's cache; reset when it goes out of scope.
class Stmt {
  public:
    explicit Stmt(sqlite3_stmt* s) : s_(s) {}
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    // Binding: positions start at 1, as in SQLite.
    Stmt& bind(int i, std::string_view text);
    Stmt& bind(int i, const std::string& text) { return bind(i, std::string_view(text)); }
    Stmt& bind(int i, const char* text) { return bind(i, std::string_view(text)); }
    Stmt& bind(int i, long long v);
    Stmt& bind(int i, int v) { return bind(i, (long long)v); }
    Stmt& bind(int i, bool v) { return bind(i, (long long)v); }
    Stmt& bind_null(int i);
    Stmt& bind_opt(int i, const std::string& text); // empty -> NULL

    bool step(); // true: a row is ready; false: done. Throws StoreError on failure.
    void run();  // step until done
    std::string text(int col) const;
    std::string_view view(int col) const; // no copy; valid until the next step or reset
    long long integer(int col) const;
    double real(int col) const;
    bool is_null(int col) const;

  private:
    sqlite3_stmt* s_;
};

enum class OpenMode { Existing, CreateIfMissing };

class Store {
  public:
    // Opens (and with CreateIfMissing creates) a store and runs forward migrations.
    // Throws StoreError: store_not_found, store_corrupt, store_newer_schema, store_io.
    static std::unique_ptr<Store> open(const std::filesystem::path& file, OpenMode mode);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    static int latest_schema_version();
    int schema_version();
    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() { return db_; }
    // How long a statement waits for another process's write lock before store_busy
    // (10 s from open, for staff and agents; a kiosk's visitor is kept waiting less).
    void set_busy_timeout(int milliseconds);

    // A statement from the cache (prepared once per connection).
    Stmt prepare(const char* sql);
    void exec(const char* sql); // schema and pragmas only: no values in it

    // Runs fn in one BEGIN IMMEDIATE ... COMMIT; rolls back and rethrows on any exception.
    // IMMEDIATE takes the write lock at the start, so two processes (two kiosks, two desks)
    // on one file serialise here instead of failing halfway with SQLITE_BUSY.
    void transaction(const std::function<void()>& fn);
    bool in_transaction() const { return in_tx_; }

    // Appends an event to the append-only history (the table refuses UPDATE and DELETE), with
    // its outbox row (store/outbox.hpp, where every other change appends its own).
    std::string append_event(std::string_view entity, std::string_view entity_uuid,
                             std::string_view kind, std::string_view from_state,
                             std::string_view to_state, std::string_view actor,
                             std::string_view reason, const nlohmann::json& data, Instant at);

    // Key-value settings kept in the store (terminal id, counters' owner ...).
    std::optional<std::string> meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);
    // This terminal's short id, used in registration numbers ("K1"); set at creation.
    std::string terminal_id();

    // Changes whenever another connection (another process, the agent) commits to the file:
    // a screen asks it once a second and draws again only when it moved (PRAGMA data_version).
    long long data_version();

    // PRAGMA integrity_check: "ok" or the first problems.
    std::string integrity_check();

  private:
    Store() = default;
    void migrate();
    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
    std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
    bool in_tx_ = false;
};

// The schema, one forward migration per version (schema.cpp). Index 0 takes an empty file to
// version 1, and so on. Never edit a released migration: add the next one.
struct Migration {
    int version;
    const char* sql;
};
const Migration* migrations(size_t* count);

// The one way a schema moves forward, for the terminal schema above and for any other set of
// tables kept in a store file (the central server's srv_ tables): inside the caller's
// transaction, runs every migration of `list` (ascending versions) newer than `current`, in
// order, and tells set_version after each. Throws StoreError store_newer_schema when `current`
// is newer than the last migration of the list: a file written by a newer program is never
// touched (args: found, supported, path; `what` names the schema).
void run_migrations(Store& db, const char* what, const Migration* list, size_t count, int current,
                    const std::function<void(int version)>& set_version);

} // namespace reception
