// The server's own tables move forward by numbered migrations, as a terminal's do, and a server
// store written by a newer server is refused untouched instead of being taken back a version.
#include "sync_support.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

static std::string server_schema(const std::filesystem::path& data) {
    auto db = Store::open(data / "server.db", OpenMode::Existing);
    return db->meta("server_schema").value_or("");
}

TEST_CASE("sync (SQLite store): the server's tables are made by numbered migrations and a newer "
          "server store "
          "is refused untouched") {
    TempDir dir;
    ServerProcess server(dir.path);
    std::string out;
    REQUIRE(server.admin("terminals", &out) == 0);
    std::string made = server_schema(dir.path);
    CHECK(made == "5"); // 4 is token rotation's, merged apart
    CHECK(server.count("SELECT count(*) FROM sqlite_schema WHERE name = 'srv_reg_numbers'") == 1);

    // Opened again: nothing to do, nothing changes.
    REQUIRE(server.admin("terminals", &out) == 0);
    CHECK(server_schema(dir.path) == made);

    // A newer server wrote this store: an older one must not run on it.
    {
        auto db = Store::open(dir.path / "server.db", OpenMode::Existing);
        db->transaction([&] { db->set_meta("server_schema", "99"); });
    }
    CHECK(server.admin("terminals", &out) != 0);
    CHECK(out.find("newer than this program") != std::string::npos);
    CHECK(server_schema(dir.path) == "99");
}
