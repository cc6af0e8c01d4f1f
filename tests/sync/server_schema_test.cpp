// The server's own tables move forward by numbered migrations, as a terminal's do, and a server
// store written by a newer server is refused untouched instead of being taken back a version.
#include "sync_support.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

// The newest server schema this program writes (sqlite_server_store.cpp, kServerMigrations).
static const char* const kLatestServerSchema = "10";

static std::string server_schema(const std::filesystem::path& data) {
    auto db = Store::open(data / "server.db", OpenMode::Existing);
    return db->meta("server_schema").value_or("");
}

TEST_CASE("sync (SQLite store): the server's tables are made by numbered migrations and a newer "
          "server store is refused untouched") {
    TempDir dir;
    ServerProcess server(dir.path);
    std::string out;
    REQUIRE(server.admin("terminals", &out) == 0);
    std::string made = server_schema(dir.path);
    CHECK(made == kLatestServerSchema);
    CHECK(server.count("SELECT count(*) FROM sqlite_schema WHERE name = 'srv_reg_numbers'") == 1);
    CHECK(server.count("SELECT count(*) FROM sqlite_schema WHERE name = 'srv_public_codes'") == 1);

    // Opened again: nothing to do, nothing changes.
    REQUIRE(server.admin("terminals", &out) == 0);
    CHECK(server_schema(dir.path) == made);

    // A newer server wrote this store: an older one must not run on it.
    std::string newer = std::to_string(std::stoi(made) + 1);
    {
        auto db = Store::open(dir.path / "server.db", OpenMode::Existing);
        db->transaction([&] { db->set_meta("server_schema", newer); });
    }
    CHECK(server.admin("terminals", &out) != 0);
    CHECK(out.find("newer than this program") != std::string::npos);
    CHECK(server_schema(dir.path) == newer);
}

TEST_CASE("sync (SQLite store): a server store of an older schema is copied aside before it is "
          "upgraded, and its terminals go on with their tokens") {
    SyncedTerminals t;
    auto kiosk = t.enrol("K1", "main", "kiosk");
    take_ticket(*kiosk);
    sync(*kiosk);
    t.server.stop();
    // Back to schema 3, as a server from before token rotation left it: each later version
    // undone, newest first.
    {
        auto db = Store::open(t.server.data_dir() / "server.db", OpenMode::Existing);
        // 10 removed the turn texts' changes from the feed: nothing to put back
        db->exec("DROP INDEX srv_events_by_subject"); // 9
        db->exec("DROP TABLE srv_turn_watch");        // 8
        db->exec("DROP TABLE srv_region_rooms");      // 7 (its rebuilt srv_terminals may stay)
        db->exec("ALTER TABLE srv_room_feeds DROP COLUMN floor");
        db->exec("DROP INDEX srv_records_by_room");
        db->exec("DROP INDEX srv_batches_by_time");
        db->exec("DROP INDEX srv_applied_ops_by_time");
        db->exec("ALTER TABLE srv_applied_ops DROP COLUMN created_at");
        db->exec("DROP TABLE srv_public_codes"); // 6
        db->exec("DROP TABLE srv_day_tickets");
        db->exec("DROP TABLE srv_notice_deliveries");    // 5
        db->exec("DROP INDEX srv_terminals_next_token"); // 4
        db->exec("ALTER TABLE srv_terminals DROP COLUMN next_token_hash");
        db->transaction([&] { db->set_meta("server_schema", "3"); });
    }
    t.server.start();
    CHECK(server_schema(t.server.data_dir()) == kLatestServerSchema);
    // Op ids recorded before schema 7 count from the upgrade (retention.hpp).
    CHECK(t.server.count("SELECT count(*) FROM srv_applied_ops WHERE created_at = ''") == 0);
    auto copy = t.server.data_dir() / "server.db.before-schema-3.bak";
    REQUIRE(std::filesystem::exists(copy));
    {
        auto old = Store::open(copy, OpenMode::Existing);
        CHECK(old->meta("server_schema").value_or("") == "3");
        CHECK(count(*old, "SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 1);
    }
    take_ticket(*kiosk);
    sync(*kiosk);
    CHECK(t.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 2);
    std::string out;
    REQUIRE(syncd("--store " + (t.dir / "k1.db").string() + " rotate", &out) == 0);
}
