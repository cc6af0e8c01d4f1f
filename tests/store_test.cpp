// The local store: creation, migrations, the refusal to touch what it does not understand,
// one transaction per action and the outbox beside every change.
#include "test_support.hpp"

#include "base/uuid.hpp"
#include "store/outbox.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

using namespace reception;
using namespace reception::test;

static long long scalar(Store& s, const char* sql) {
    Stmt st = s.prepare(sql);
    st.step();
    return st.integer(0);
}

static std::string file_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_CASE("store: a new store is WAL, at the latest schema version, with a terminal id") {
    TestStore s;
    CHECK(s->schema_version() == Store::latest_schema_version());
    Stmt st = s->prepare("PRAGMA journal_mode");
    st.step();
    CHECK(st.text(0) == "wal");
    CHECK(s->terminal_id() == "K1");
    CHECK(s->integrity_check() == "ok");
}

TEST_CASE("store: opening a missing store without create says so and creates nothing") {
    TempDir dir;
    try {
        Store::open(dir / "none.db", OpenMode::Existing);
        FAIL("opened a store that does not exist");
    } catch (const StoreError& e) {
        CHECK(e.code == "store_not_found");
    }
    CHECK_FALSE(std::filesystem::exists(dir / "none.db"));
}

TEST_CASE("store: a store of a newer schema version is refused with a clear error") {
    TempDir dir;
    auto path = dir / "newer.db";
    { auto s = Store::open(path, OpenMode::CreateIfMissing); }
    {
        sqlite3* db;
        sqlite3_open(path.c_str(), &db);
        std::string sql =
            "PRAGMA user_version=" + std::to_string(Store::latest_schema_version() + 1);
        sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    try {
        Store::open(path, OpenMode::Existing);
        FAIL("opened a newer store");
    } catch (const StoreError& e) {
        CHECK(e.code == "store_newer_schema");
        CHECK(e.args.at("found") == std::to_string(Store::latest_schema_version() + 1));
        CHECK(std::string(e.what()).find("newer than this program") != std::string::npos);
    }
}

TEST_CASE("store: a corrupt file is reported and never overwritten") {
    TempDir dir;
    auto path = dir / "corrupt.db";
    {
        std::ofstream out(path, std::ios::binary);
        out << "these are a clerk's notes, not a database\n";
    }
    std::string before = file_bytes(path);
    for (OpenMode mode : {OpenMode::Existing, OpenMode::CreateIfMissing}) {
        try {
            Store::open(path, mode);
            FAIL("opened a corrupt file");
        } catch (const StoreError& e) {
            CHECK(e.code == "store_corrupt");
        }
    }
    CHECK(file_bytes(path) == before);
}

TEST_CASE("store: a damaged store (garbage in its pages) is reported") {
    TempDir dir;
    auto path = dir / "damaged.db";
    { auto s = Store::open(path, OpenMode::CreateIfMissing); }
    std::string bytes = file_bytes(path);
    REQUIRE(bytes.size() > 4096);
    for (size_t i = 100; i < bytes.size(); ++i) bytes[i] = char(0xA5); // keep only the header
    { std::ofstream(path, std::ios::binary) << bytes; }
    bool reported = false;
    try {
        auto s = Store::open(path, OpenMode::Existing);
        reported = s->integrity_check() != "ok";
    } catch (const StoreError& e) {
        reported = e.code == "store_corrupt";
    }
    CHECK(reported);
}

TEST_CASE("store: another program's SQLite file is not taken over") {
    TempDir dir;
    auto path = dir / "other.db";
    sqlite3* db;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE accounts(x); PRAGMA user_version=3", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    try {
        Store::open(path, OpenMode::CreateIfMissing);
        FAIL("took over another program's database");
    } catch (const StoreError& e) {
        CHECK(e.code == "store_corrupt");
    }
}

TEST_CASE("store: reopening runs no migration twice and keeps the data") {
    TempDir dir;
    auto path = dir / "s.db";
    {
        auto s = Store::open(path, OpenMode::CreateIfMissing);
        s->transaction([&] { s->set_meta("terminal_id", "K7"); });
    }
    auto s = Store::open(path, OpenMode::Existing);
    CHECK(s->terminal_id() == "K7");
    CHECK(s->schema_version() == Store::latest_schema_version());
}

TEST_CASE("store: a failed action leaves nothing behind, outbox included") {
    TestStore s;
    long long before = scalar(*s, "SELECT count(*) FROM outbox");
    CHECK_THROWS(s->transaction([&] {
        append_outbox(*s, "x", new_uuid(), "x.made", nlohmann::json::object());
        throw std::runtime_error("the clerk's action failed halfway");
    }));
    CHECK(scalar(*s, "SELECT count(*) FROM outbox") == before);
}

TEST_CASE("store: outbox rows can only be written inside a transaction") {
    TestStore s;
    CHECK_THROWS_AS(append_outbox(*s, "x", new_uuid(), "x", nlohmann::json::object()), StoreError);
}

TEST_CASE("store: the history is append-only") {
    TestStore s;
    s->transaction([&] {
        s->append_event("ticket", new_uuid(), "called", "waiting", "called", "clerk", "",
                        nlohmann::json::object(), now_utc());
    });
    CHECK_THROWS_AS(s->exec("UPDATE events SET actor = 'someone else'"), StoreError);
    CHECK_THROWS_AS(s->exec("DELETE FROM events"), StoreError);
    CHECK(scalar(*s, "SELECT count(*) FROM events WHERE actor = 'clerk'") == 1);
}
