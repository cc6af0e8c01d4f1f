// PostgreSQL restarted as after a crash while terminals push: the server answers 503 meanwhile
// (never "applied" for what was not committed), connects again, and in the end every ticket is
// on the server once. Its own cluster, so the restart disturbs no other test.
#include "sync_support.hpp"

#include <doctest/doctest.h>
#include <thread>
#include <unistd.h>

using namespace reception;
using namespace reception::test;

TEST_CASE("postgres: the database restarted in the middle of pushes: nothing lost, nothing "
          "doubled") {
    REQUIRE_MESSAGE(!test_postgres().empty(), "RECEPTION_TEST_PG: the pg: run sets it");
    std::string cluster = "/tmp/reception-pg-restart-" + std::to_string(getpid());
    std::string port = std::to_string(55000 + getpid() % 5000);
    REQUIRE(run_command(std::string(PG_TEST_CLUSTER) + " start " + cluster + " " + port) == 0);
    std::string db = "host=" + cluster + " port=" + port + " user=reception dbname=postgres";
    {
        TempDir dir;
        ServerProcess server(dir / "server", db);
        server.start();
        enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
        auto kiosk = Store::open(dir / "k1.db", OpenMode::Existing);
        auto board = enrolled_store(server, dir / "b1.db", "B1", "main", "board");
        AgentOptions o;
        o.pull_wait_s = 2;
        o.idle_check = std::chrono::milliseconds(20);
        o.backoff_base = std::chrono::milliseconds(50);
        o.backoff_cap = std::chrono::milliseconds(300);
        o.store = dir / "k1.db";
        SyncAgent kiosk_agent(o);
        o.store = dir / "b1.db";
        SyncAgent board_agent(o);
        kiosk_agent.start();
        board_agent.start();
        for (int i = 0; i < 30; ++i) {
            take_ticket(*kiosk);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (i == 10 || i == 20)
                REQUIRE(run_command(std::string(PG_TEST_CLUSTER) + " restart " + cluster) == 0);
        }
        CHECK(wait_until([&] { return count(*board, "SELECT count(*) FROM tickets") == 30; },
                         std::chrono::seconds(30)));
        CHECK(wait_until([&] { return count(*kiosk, "SELECT count(*) FROM outbox") == 0; },
                         std::chrono::seconds(10)));
        kiosk_agent.stop();
        board_agent.stop();
        CHECK(server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 30);
        CHECK(server.count("SELECT count(*) FROM srv_changes WHERE entity = 'ticket'") == 30);
        CHECK(server.count("SELECT count(DISTINCT op_id) FROM srv_changes") ==
              server.count("SELECT count(*) FROM srv_changes"));
    }
    run_command(std::string(PG_TEST_CLUSTER) + " stop " + cluster);
}
