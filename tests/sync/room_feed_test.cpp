// The feed is kept per room (the feed keyed by (room, seq)): each room counts its own changes,
// so no global counter is written by every push, and a terminal's cursor counts its room only.
#include "sync_support.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

TEST_CASE("sync: each room's feed has its own sequence, and each room's terminals get theirs") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    auto h1 = t.enrol("H1", "hall", "kiosk");
    auto b1 = t.enrol("B1", "main", "board");
    auto b2 = t.enrol("B2", "hall", "board");
    for (int i = 0; i < 3; ++i) take_ticket(*k1);
    sync(*k1);
    take_ticket(*h1);
    sync(*h1);
    CHECK(t.server.count("SELECT max(seq) FROM srv_changes WHERE room = 'main'") >= 3);
    // The hall's first change is the hall's seq 1, whatever the main room did before.
    CHECK(t.server.count("SELECT min(seq) FROM srv_changes WHERE room = 'hall'") == 1);
    CHECK(t.server.count("SELECT count(*) FROM srv_room_feeds") == 2);
    // On PostgreSQL (the pg: run) nothing of it is in a SQLite file.
    CHECK(std::filesystem::exists(t.server.data_dir() / "server.db") == t.server.db().empty());
    sync(*b1);
    sync(*b2);
    CHECK(count(*b1, "SELECT count(*) FROM tickets") == 3);
    CHECK(count(*b2, "SELECT count(*) FROM tickets") == 1);
    // More in the main room: the hall's board pulls nothing new, the main one pulls the ticket.
    take_ticket(*k1);
    sync(*k1);
    sync(*b1);
    sync(*b2);
    CHECK(count(*b1, "SELECT count(*) FROM tickets") == 4);
    CHECK(count(*b2, "SELECT count(*) FROM tickets") == 1);
}
