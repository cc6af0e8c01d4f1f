// A district's SQLite server moved onto PostgreSQL by `import-sqlite`: the terminals go on
// against the new store at the same address, without enrolling again or resyncing.
#include "sync_support.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

TEST_CASE("postgres: import-sqlite moves a district's server store into PostgreSQL and its "
          "terminals go on with their credentials and cursors") {
    REQUIRE_MESSAGE(!test_postgres().empty(), "RECEPTION_TEST_PG: the pg: run sets it");
    TempDir dir;
    ServerProcess district(dir / "server", ""); // SQLite
    district.start();
    auto kiosk = enrolled_store(district, dir / "k1.db", "K1", "main", "kiosk");
    auto board = enrolled_store(district, dir / "b1.db", "B1", "main", "board");
    for (int i = 0; i < 4; ++i) take_ticket(*kiosk);
    sync(*kiosk);
    sync(*board);
    long long records = district.count("SELECT count(*) FROM srv_records");
    std::string cursor_before = board->meta("sync_cursor").value_or("");
    district.stop();

    ServerProcess region(dir / "server", new_test_database());
    std::string out;
    REQUIRE_MESSAGE(region.admin("import-sqlite", &out) == 0, out);
    CHECK(region.count("SELECT count(*) FROM srv_records") == records);
    CHECK(region.admin("import-sqlite", &out) != 0); // never into a store that has terminals
    region.use_port(district.port());
    region.start();
    take_ticket(*kiosk);
    sync(*kiosk);
    sync(*board);
    CHECK(count(*board, "SELECT count(*) FROM tickets") == 5);
    CHECK(region.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 5);
    CHECK(region.count("SELECT count(DISTINCT op_id) FROM srv_changes") ==
          region.count("SELECT count(*) FROM srv_changes"));
    // The same epoch: the board's cursor was taken as it was, not reset by a resync.
    std::string cursor_after = board->meta("sync_cursor").value_or("");
    CHECK(cursor_before.substr(0, cursor_before.find(':')) ==
          cursor_after.substr(0, cursor_after.find(':')));
    MESSAGE("board cursor before the move " << cursor_before << ", after " << cursor_after);
}
