// The replica setup of docs/scale.md, run: a primary and a streaming replica in temporary
// clusters, synchronous_standby_names naming the replica and the server's role at
// synchronous_commit = remote_apply. A push the server answered "applied" is then already
// readable on the replica: a fail-over to it loses nothing acknowledged.
#include "sync_support.hpp"

#include <doctest/doctest.h>
#include <pqxx/pqxx>
#include <unistd.h>

using namespace reception;
using namespace reception::test;

static std::string conninfo(const std::string& dir, const std::string& port) {
    return "host=" + dir + " port=" + port + " user=reception dbname=postgres";
}

static std::string one_value(const std::string& db, const std::string& sql) {
    pqxx::connection c(db);
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? "" : r[0][0].c_str();
}

TEST_CASE("postgres: with a synchronous replica at remote_apply, every push answered applied is "
          "already on the replica") {
    REQUIRE_MESSAGE(!test_postgres().empty(), "RECEPTION_TEST_PG: the pg: run sets it");
    std::string id = std::to_string(getpid());
    std::string primary = "/tmp/reception-pg-primary-" + id,
                replica = "/tmp/reception-pg-replica-" + id;
    std::string pport = std::to_string(50000 + getpid() % 2500);
    std::string rport = std::to_string(52500 + getpid() % 2500);
    std::string cluster = PG_TEST_CLUSTER;
    REQUIRE(run_command(cluster + " start " + primary + " " + pport) == 0);
    REQUIRE(run_command(cluster + " replica " + replica + " " + rport + " " + primary + " " +
                        pport) == 0);
    std::string on_primary = conninfo(primary, pport), on_replica = conninfo(replica, rport);
    {
        pqxx::connection c(on_primary);
        pqxx::nontransaction tx(c);
        tx.exec("ALTER SYSTEM SET synchronous_standby_names = 'replica1'");
        tx.exec("SELECT pg_reload_conf()");
        tx.exec("ALTER ROLE reception SET synchronous_commit = remote_apply");
    }
    CHECK(wait_until(
        [&] {
            return one_value(on_primary, "SELECT sync_state FROM pg_stat_replication WHERE "
                                         "application_name = 'replica1'") == "sync";
        },
        std::chrono::seconds(20)));
    CHECK(one_value(on_replica, "SELECT pg_is_in_recovery()") == "t");
    {
        TempDir dir;
        ServerProcess server(dir / "server", on_primary);
        server.start();
        auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
        for (int i = 0; i < 20; ++i) {
            take_ticket(*k1);
            sync(*k1); // answered "applied": committed on the primary and applied on the replica
            CHECK(count(*k1, "SELECT count(*) FROM outbox") == 0);
            CHECK(one_value(on_replica, "SELECT count(*) FROM srv_records WHERE entity = "
                                        "'ticket'") == std::to_string(i + 1));
        }
        CHECK(one_value(on_replica, "SELECT count(*) FROM srv_changes") ==
              one_value(on_primary, "SELECT count(*) FROM srv_changes"));
    }
    run_command(cluster + " stop " + replica);
    run_command(cluster + " stop " + primary);
}
