// Several server instances on one PostgreSQL database (the pg: run only; on SQLite each
// server has a store of its own): terminals on either converge, a long-poll on one is woken by
// a push on the other, a revocation on one shuts the terminal out of the other.
#include "sync_support.hpp"

#include "agent/reoffer.hpp"
#include "server/server_store.hpp"
#include "store/sync_state.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <doctest/doctest.h>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace reception;
using namespace reception::test;

// A long-poll outlasts the test: only a wake-up answers it in time.
static AgentOptions waiting_agent(const std::filesystem::path& store) {
    return quick_agent(store, 25);
}

// Two instances on one database: a kiosk enrolled on A, a board on B, both agents long-polling.
struct TwoInstances {
    TempDir dir;
    ServerProcess a{dir / "a"};
    ServerProcess b{dir / "b", start_first(a)};
    std::unique_ptr<Store> board, kiosk;
    std::unique_ptr<SyncAgent> kiosk_agent, board_agent;

    TwoInstances() {
        b.start();
        REQUIRE(a.port() != b.port());
        enrolled_store(a, dir / "k1.db", "K1", "main", "kiosk");
        board = enrolled_store(b, dir / "b1.db", "B1", "main", "board");
        kiosk = Store::open(dir / "k1.db", OpenMode::Existing);
        kiosk_agent = std::make_unique<SyncAgent>(waiting_agent(dir / "k1.db"));
        board_agent = std::make_unique<SyncAgent>(waiting_agent(dir / "b1.db"));
        kiosk_agent->start();
        board_agent->start();
    }
    void stop_agents() {
        board_agent->stop();
        kiosk_agent->stop();
    }
    static std::string start_first(ServerProcess& a) {
        REQUIRE_MESSAGE(!test_postgres().empty(), "RECEPTION_TEST_PG: the pg: run sets it");
        a.start();
        return a.db();
    }
};

TEST_CASE("postgres: a push on one instance wakes a long-poll on another within 1 s, and a "
          "revocation on one is seen by the other") {
    TwoInstances pair;
    Store& kiosk = *pair.kiosk;
    Store& board = *pair.board;
    ServerProcess& a = pair.a;
    std::this_thread::sleep_for(std::chrono::milliseconds(700)); // the board's long-poll waits

    for (int i = 0; i < 3; ++i) {
        auto started = std::chrono::steady_clock::now();
        Ticket t = take_ticket(kiosk);
        std::string sql = "SELECT count(*) FROM tickets WHERE uuid = '" + t.uuid + "'";
        bool seen =
            wait_until([&] { return count(board, sql.c_str()) == 1; }, std::chrono::seconds(5));
        auto took = std::chrono::steady_clock::now() - started;
        CHECK(seen);
        CHECK(took < std::chrono::seconds(1));
        MESSAGE("ticket " << t.number << " pushed on A, on the board of B after "
                          << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                          << " ms");
    }
    pair.stop_agents();
    CHECK(a.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 3);

    // Revoked through A's store: B refuses the board's next request.
    REQUIRE(a.admin("revoke --name B1") == 0);
    check_refused(push_ops(board, nlohmann::json::array()), 401, "unauthorized");
}

// The epoch is held by every instance: `new-epoch` on the shared database must reach the ones
// that are serving, at once, or a terminal on another instance goes on with the old one.
TEST_CASE("postgres: new-epoch is heard by every running instance: a long-poll on the other "
          "instance is told to resync within 1 s") {
    TwoInstances pair;
    Store& kiosk = *pair.kiosk;
    Store& board = *pair.board;
    ServerProcess& a = pair.a;
    for (int i = 0; i < 2; ++i) take_ticket(kiosk);
    REQUIRE(wait_until([&] { return count(board, "SELECT count(*) FROM tickets") == 2; },
                       std::chrono::seconds(5)));
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // the board's long-poll waits

    std::string out;
    REQUIRE_MESSAGE(a.admin("new-epoch", &out) == 0, out);
    REQUIRE(out.rfind("new epoch ", 0) == 0);
    std::string epoch = out.substr(10, out.find('\n') - 10);
    auto epoch_of = [](Store& s) { return cursor_epoch(s.meta(sync_key::cursor).value_or("")); };
    auto started = std::chrono::steady_clock::now();
    bool board_resynced =
        wait_until([&] { return epoch_of(board) == epoch; }, std::chrono::seconds(10));
    auto took = std::chrono::steady_clock::now() - started;
    CHECK_MESSAGE(board_resynced, "the board on B still has the old epoch");
    CHECK(took < std::chrono::seconds(1));
    MESSAGE("new-epoch through A's database: the board on B resynced after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
    CHECK(wait_until([&] { return epoch_of(kiosk) == epoch; }, std::chrono::seconds(3)));

    // And the pair goes on: a ticket taken now reaches the board, nothing doubled.
    take_ticket(kiosk);
    CHECK(wait_until([&] { return count(board, "SELECT count(*) FROM tickets") == 3; },
                     std::chrono::seconds(5)));
    pair.stop_agents();
    CHECK(a.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 3);
    CHECK(a.count("SELECT count(*) FROM srv_changes") ==
          a.count("SELECT count(DISTINCT op_id) FROM srv_changes"));
}

TEST_CASE("postgres: two instances behind HAProxy (mode tcp, leastconn): terminals converge, "
          "and killing one instance loses nothing") {
    REQUIRE_MESSAGE(!test_postgres().empty(), "RECEPTION_TEST_PG: the pg: run sets it");
    if (!std::filesystem::exists("/usr/sbin/haproxy")) {
        MESSAGE("HAProxy is not installed (scripts/deps installs it): the balancer is left out");
        return;
    }
    TempDir dir;
    ServerProcess a(dir / "a");
    a.start();
    ServerProcess b(dir / "b", a.db());
    b.start();
    int port = free_port();
    pid_t haproxy = start_haproxy(dir.path, port, {a.port(), b.port()});
    std::string url = "https://localhost:" + std::to_string(port);
    auto enrol = [&](const std::string& name, const std::string& kind) {
        auto store = Store::open(dir / (name + ".db"), OpenMode::CreateIfMissing);
        std::string code = a.register_terminal(name, "main", kind);
        std::string err;
        wait_until(
            [&] {
                err = enrol_store(*store, url, pki().ca_pem, "", code);
                return err.empty();
            },
            std::chrono::seconds(5));
        REQUIRE_MESSAGE(err.empty(), err);
        return store;
    };
    auto kiosk = enrol("K1", "kiosk");
    auto board = enrol("B1", "board");
    SyncAgent kiosk_agent(waiting_agent(dir / "K1.db")), board_agent(waiting_agent(dir / "B1.db"));
    kiosk_agent.start();
    board_agent.start();
    for (int i = 0; i < 5; ++i) take_ticket(*kiosk);
    CHECK(wait_until([&] { return count(*board, "SELECT count(*) FROM tickets") == 5; },
                     std::chrono::seconds(10)));

    a.kill_hard(); // one instance dies; the balancer sends everything to the other
    for (int i = 0; i < 5; ++i) take_ticket(*kiosk);
    CHECK(wait_until([&] { return count(*board, "SELECT count(*) FROM tickets") == 10; },
                     std::chrono::seconds(20)));
    kiosk_agent.stop();
    board_agent.stop();
    CHECK(b.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 10);
    CHECK(b.count("SELECT count(*) FROM srv_changes") ==
          b.count("SELECT count(DISTINCT op_id) FROM srv_changes"));
    kill(haproxy, SIGTERM);
    waitpid(haproxy, nullptr, 0);
}

// Two instances' group commits may judge the same record at once, each against what it read
// before the other committed: the commit that comes last must not put back an older version
// (the feed keeps both changes; terminals keep the newer by the same rule).
TEST_CASE("postgres: two instances writing one record at once keep the newer version") {
    REQUIRE_MESSAGE(!test_postgres().empty(), "RECEPTION_TEST_PG: the pg: run sets it");
    TempDir dir;
    StoreLocation where{dir.path, new_test_database()};
    auto a = open_server_store(where);
    auto b = open_server_store(where);
    Version v1{0, "2026-12-04T10:00:00.000Z", "C1"}, v2{0, "2026-12-04T10:01:00.000Z", "C1"},
        v3{0, "2026-12-04T10:02:00.000Z", "C2"};
    a->transaction([&] { a->put_record("application", "u1", "main", "C1", v1, R"({"v":1})"); });
    a->transaction([&] {
        REQUIRE(a->record("application", "u1").version.updated_at == v1.updated_at);
        // Meanwhile instance B takes the newer version and commits first.
        b->transaction([&] { b->put_record("application", "u1", "main", "C2", v3, R"({"v":3})"); });
        a->put_record("application", "u1", "main", "C1", v2, R"({"v":2})");
    });
    ExistingRecord kept;
    b->transaction([&] { kept = b->record("application", "u1"); });
    CHECK(kept.version.updated_at == v3.updated_at);
    CHECK(kept.payload == R"({"v":3})");
    // An equal or newer version still replaces it, as the push's rule allows.
    Version v4{0, "2026-12-04T10:03:00.000Z", "C1"};
    a->transaction([&] { a->put_record("application", "u1", "main", "C1", v4, R"({"v":4})"); });
    b->transaction([&] { kept = b->record("application", "u1"); });
    CHECK(kept.payload == R"({"v":4})");
}
