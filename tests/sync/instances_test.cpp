// Several server instances on one PostgreSQL database (the pg: run only; on SQLite each
// server has a store of its own): terminals on either converge, a long-poll on one is woken by
// a push on the other, a revocation on one shuts the terminal out of the other.
#include "sync_support.hpp"

#include <doctest/doctest.h>
#include <thread>

using namespace reception;
using namespace reception::test;

static AgentOptions waiting_agent(const std::filesystem::path& store) {
    AgentOptions o;
    o.store = store;
    o.pull_wait_s = 25; // a long-poll outlasts the test: only a wake-up answers it in time
    o.idle_check = std::chrono::milliseconds(50);
    o.backoff_base = std::chrono::milliseconds(50);
    o.backoff_cap = std::chrono::milliseconds(500);
    return o;
}

TEST_CASE("postgres: a push on one instance wakes a long-poll on another within 1 s, and a "
          "revocation on one is seen by the other") {
    REQUIRE_MESSAGE(!test_postgres().empty(), "RECEPTION_TEST_PG: the pg: run sets it");
    TempDir dir;
    ServerProcess a(dir / "a");
    a.start();
    ServerProcess b(dir / "b", a.db());
    b.start();
    REQUIRE(a.port() != b.port());
    enrolled_store(a, dir / "k1.db", "K1", "main", "kiosk");
    auto board = enrolled_store(b, dir / "b1.db", "B1", "main", "board");
    auto kiosk = Store::open(dir / "k1.db", OpenMode::Existing);
    SyncAgent kiosk_agent(waiting_agent(dir / "k1.db")), board_agent(waiting_agent(dir / "b1.db"));
    kiosk_agent.start();
    board_agent.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(700)); // the board's long-poll waits

    for (int i = 0; i < 3; ++i) {
        auto started = std::chrono::steady_clock::now();
        Ticket t = take_ticket(*kiosk);
        std::string sql = "SELECT count(*) FROM tickets WHERE uuid = '" + t.uuid + "'";
        bool seen =
            wait_until([&] { return count(*board, sql.c_str()) == 1; }, std::chrono::seconds(5));
        auto took = std::chrono::steady_clock::now() - started;
        CHECK(seen);
        CHECK(took < std::chrono::seconds(1));
        MESSAGE("ticket " << t.number << " pushed on A, on the board of B after "
                          << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                          << " ms");
    }
    board_agent.stop();
    kiosk_agent.stop();
    CHECK(a.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 3);

    // Revoked through A's store: B refuses the board's next request.
    REQUIRE(a.admin("revoke --name B1") == 0);
    check_refused(push_ops(*board, nlohmann::json::array()), 401, "unauthorized");
}
