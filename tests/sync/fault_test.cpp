// Faults on the way: the server killed in the middle of pushes, the server away for a while,
// answers cut in the middle. After recovery every change is on the server exactly once, in the
// order the terminal made them.
#include "sync_support.hpp"

#include "cutting_proxy.hpp"
#include "store/sync_state.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <random>

using namespace reception;
using namespace reception::test;

static AgentOptions fast_retry(const std::filesystem::path& store) {
    AgentOptions o;
    o.store = store;
    o.pull_wait_s = 2;
    o.push_batch = 25; // many small pushes: a kill lands inside one more often
    o.idle_check = std::chrono::milliseconds(20);
    o.backoff_base = std::chrono::milliseconds(20);
    o.backoff_cap = std::chrono::milliseconds(200);
    return o;
}

// Every ticket of the store is on the server once, applied once, in the order they were made.
static void check_exactly_once(ServerProcess& server, Store& store) {
    long long tickets = count(store, "SELECT count(*) FROM tickets");
    CHECK(count(store, "SELECT count(*) FROM outbox") == 0);
    CHECK(read_sync_state(store).dead_letters == 0);
    CHECK(server.count("SELECT count(*) FROM srv_changes WHERE entity = 'ticket'") == tickets);
    CHECK(server.count("SELECT count(DISTINCT op_id) FROM srv_changes") ==
          server.count("SELECT count(*) FROM srv_changes"));
    CHECK(server.count("SELECT count(*) FROM srv_applied_ops WHERE outcome <> 'applied'") == 0);
    // The room's feed has no gap and no seq twice, and its head is its last change.
    long long changes = server.count("SELECT count(*) FROM srv_changes");
    CHECK(server.count("SELECT count(DISTINCT seq) FROM srv_changes") == changes);
    CHECK(server.count("SELECT max(seq) FROM srv_changes") == changes);
    CHECK(server.count("SELECT head FROM srv_room_feeds WHERE room = 'main'") == changes);
    // In order: the feed holds one terminal's tickets in the order it issued them.
    CHECK(server.count("SELECT count(*) FROM srv_changes a JOIN srv_changes b ON b.seq > a.seq "
                       "WHERE a.entity = 'ticket' AND b.entity = 'ticket' AND "
                       "json_extract(b.payload, '$.issued_at') < "
                       "json_extract(a.payload, '$.issued_at')") == 0);
}

TEST_CASE("sync: the server killed 50 times in the middle of pushes loses and doubles nothing") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto store = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    for (int i = 0; i < 400; ++i) take_ticket(*store, i % 2 ? "same_day" : "documents");

    // The kiosk keeps issuing tickets while the server dies and comes back.
    std::atomic<bool> done{false};
    std::thread kiosk([&] {
        auto own = Store::open(dir / "k1.db", OpenMode::Existing);
        while (!done) {
            take_ticket(*own, "consultation");
            std::this_thread::sleep_for(std::chrono::milliseconds(15));
        }
    });
    SyncAgent agent(fast_retry(dir / "k1.db"));
    agent.start();
    std::mt19937 rng(20260320);
    std::uniform_int_distribution<int> alive_ms(20, 250);
    long long pushes_seen = 0;
    for (int kill = 0; kill < 50; ++kill) {
        std::this_thread::sleep_for(std::chrono::milliseconds(alive_ms(rng)));
        server.kill_hard();
        pushes_seen = server.count("SELECT count(*) FROM srv_batches");
        server.start();
    }
    done = true;
    kiosk.join();
    CHECK(
        wait_until([&] { return read_sync_state(*store).pending == 0; }, std::chrono::seconds(30)));
    agent.stop();
    MESSAGE(pushes_seen << " pushes reached the server across 50 kills; "
                        << count(*store, "SELECT count(*) FROM tickets") << " tickets");
    CHECK(pushes_seen > 50);
    check_exactly_once(server, *store);
}

TEST_CASE("sync: a day offline, then back: everything goes through once and in order") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto store = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    auto console = enrolled_store(server, dir / "c1.db", "C1", "main", "console");
    server.stop();

    SyncAgent agent(fast_retry(dir / "k1.db"));
    agent.start();
    for (int i = 0; i < 300; ++i) take_ticket(*store, i % 3 ? "same_day" : "consultation");
    std::this_thread::sleep_for(std::chrono::seconds(1)); // the agent fails and backs off
    SyncState offline = read_sync_state(*store);
    CHECK(offline.pending == 300);
    CHECK(!offline.last_error.empty()); // the staff screen says why

    server.start();
    CHECK(
        wait_until([&] { return read_sync_state(*store).pending == 0; }, std::chrono::seconds(20)));
    agent.stop();
    CHECK(read_sync_state(*store).last_error.empty());
    check_exactly_once(server, *store);
    HttpClient c(config_of(*console));
    REQUIRE(sync_until_idle(*console, c).ok);
    CHECK(count(*console, "SELECT count(*) FROM tickets") == 300);
}

TEST_CASE("sync: answers cut in the middle are retried and applied once") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto store = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    CuttingProxy proxy(server.port(), 5);
    // The terminal talks to the proxy; the certificate is still for localhost.
    store->transaction([&] {
        store->set_meta(sync_key::url, "https://localhost:" + std::to_string(proxy.listen_port()));
    });
    for (int i = 0; i < 200; ++i) take_ticket(*store);

    SyncAgent agent(fast_retry(dir / "k1.db"));
    agent.start();
    CHECK(
        wait_until([&] { return read_sync_state(*store).pending == 0; }, std::chrono::seconds(20)));
    agent.stop();
    CHECK(proxy.cuts_done() == 5);
    // The cut answers were for pushes the server had applied: the agent sent them again and
    // heard "duplicate" instead of applying twice.
    CHECK(server.count("SELECT count(*) FROM srv_batches") > 8);
    check_exactly_once(server, *store);
}
