// Several terminals of one room syncing through a real server: what one does, the others see;
// numbers stay unique; one agent per store.
#include "sync_support.hpp"

#include "cases/applications.hpp"
#include "queue/ticket_queue.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace reception;
using namespace reception::test;

TEST_CASE("sync: two kiosks offline in one room never print the same number, and converge") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    auto k2 = enrolled_store(server, dir / "k2.db", "K2", "main", "kiosk");
    auto c1 = enrolled_store(server, dir / "c1.db", "C1", "main", "console");

    // Offline: both issue tickets of the same services on their own.
    std::set<std::string> numbers;
    for (int i = 0; i < 5; ++i) {
        numbers.insert(take_ticket(*k1).number);
        numbers.insert(take_ticket(*k2).number);
        numbers.insert(take_ticket(*k2, "consultation").number);
    }
    CHECK(numbers.size() == 15);
    Application a;
    a.channel = Channel::Kiosk;
    a.applicant.surname = "Ахметов";
    a.applicant.name = "Ерлан";
    a.applicant.phone = "8 (701) 765-43-21";
    a.applicant.address = "Хромтау, Абай к-сі, 3";
    a.essence = "Көшедегі жарықтандыру туралы өтініш";
    Application registered = register_application(*k1, profile(), calendar(), a, "K1", now_utc());

    // Back online: everything reaches the server once and the console sees it all.
    sync(*k1);
    sync(*k2);
    sync(*c1);
    CHECK(server.count("SELECT count(*) FROM srv_ticket_numbers") == 15);
    CHECK(count(*c1, "SELECT count(*) FROM tickets") == 15);
    CHECK(count(*c1, "SELECT count(DISTINCT number) FROM tickets") == 15);
    CHECK(find_application(*c1, registered.uuid).has_value());

    // The console calls the first ticket; both kiosks see it called (queues converge).
    Date today = local_date(now_utc());
    auto called = call_next(*c1, "main", today, {"same_day"}, "D1", "clerk-1", now_utc());
    REQUIRE(called.has_value());
    sync(*c1);
    sync(*k1);
    sync(*k2);
    for (Store* s : {k1.get(), k2.get(), c1.get()}) {
        auto t = find_ticket(*s, called->uuid);
        REQUIRE(t.has_value());
        CHECK(t->state == TicketState::Called);
        CHECK(t->desk == "D1");
    }
    // The history converges too: the console holds every event the server has for the room.
    CHECK(count(*c1, "SELECT count(*) FROM events") ==
          server.count("SELECT count(*) FROM srv_records WHERE entity = 'event'"));
    CHECK(read_sync_state(*k1).pending == 0);
    CHECK(read_sync_state(*k1).last_sync.has_value());
}

TEST_CASE("sync: a desk and a board see a kiosk's ticket within 2 seconds") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    auto kiosk = Store::open(dir / "k1.db", OpenMode::Existing);
    auto board = enrolled_store(server, dir / "b1.db", "B1", "main", "board");
    auto desk = enrolled_store(server, dir / "c1.db", "C1", "main", "console");
    AgentOptions ko = quick_agent(dir / "k1.db");
    ko.idle_check = std::chrono::milliseconds(250); // reception-syncd's default
    SyncAgent kiosk_agent(ko), board_agent(quick_agent(dir / "b1.db")),
        desk_agent(quick_agent(dir / "c1.db"));
    kiosk_agent.start();
    board_agent.start();
    desk_agent.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // long-polls are waiting

    for (int i = 0; i < 3; ++i) {
        auto started = std::chrono::steady_clock::now();
        Ticket t = take_ticket(*kiosk);
        std::string sql = "SELECT count(*) FROM tickets WHERE uuid = '" + t.uuid + "'";
        bool seen = wait_until(
            [&] { return count(*board, sql.c_str()) == 1 && count(*desk, sql.c_str()) == 1; },
            std::chrono::seconds(5));
        auto took = std::chrono::steady_clock::now() - started;
        CHECK(seen);
        CHECK(took < std::chrono::seconds(2));
        MESSAGE("ticket " << t.number << " on the board and the desk after "
                          << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                          << " ms");
    }
}

TEST_CASE("sync: only one agent works on a store at a time") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto store = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    SyncAgent first(quick_agent(dir / "k1.db")), second(quick_agent(dir / "k1.db"));
    first.start();
    REQUIRE(wait_until([&] { return first.active(); }, std::chrono::seconds(5)));
    second.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(!second.active());
    take_ticket(*store);
    CHECK(
        wait_until([&] { return read_sync_state(*store).pending == 0; }, std::chrono::seconds(5)));
    // The kiosk closes: the console's agent takes over.
    first.stop();
    CHECK(wait_until([&] { return second.active(); }, std::chrono::seconds(5)));
    take_ticket(*store);
    CHECK(
        wait_until([&] { return read_sync_state(*store).pending == 0; }, std::chrono::seconds(5)));
    CHECK(server.count("SELECT count(*) FROM srv_changes") == 2);
}

TEST_CASE("sync: an incomplete application from a kiosk goes up with its reg-6 notice") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    auto c1 = enrolled_store(server, dir / "c1.db", "C1", "main", "console");
    Application a;
    a.channel = Channel::Kiosk;
    a.applicant.surname = "Ахметов"; // no name: APPC art. 63 asks for it
    a.applicant.phone = "8 (701) 765-43-21";
    a.essence = "Көшедегі жарықтандыру туралы өтініш";
    Application registered = register_application(*k1, profile(), calendar(), a, "K1", now_utc());
    REQUIRE(registered.state == AppState::NeedsCorrection);
    REQUIRE(count(*k1, "SELECT count(*) FROM notices") == 1);
    sync(*k1);
    CHECK(count(*k1, "SELECT count(*) FROM outbox") == 0);
    CHECK(read_sync_state(*k1).dead_letters == 0);
    sync(*c1);
    CHECK(find_application(*c1, registered.uuid)->state == AppState::NeedsCorrection);
}
