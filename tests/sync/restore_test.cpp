// A restore from backup loses nothing a terminal still has. The server's
// store is backed up, more is pushed and acknowledged, the backup is restored and `new-epoch`
// run: the agents (the real reception-syncd) offer again what they had pushed, and the server
// ends with every record, each exactly once.
#include "sync_support.hpp"

#include "agent/reoffer.hpp"
#include "cases/applications.hpp"
#include "queue/ticket_queue.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

namespace {

long long server_count(ServerProcess& server, const std::string& sql) {
    return server.count(sql.c_str());
}

} // namespace

TEST_CASE("sync (SQLite store): after a restore from backup and new-epoch the terminals give back "
          "everything "
          "the server had acknowledged since, exactly once") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    auto c1 = enrolled_store(server, dir / "c1.db", "C1", "main", "console");
    for (int i = 0; i < 3; ++i) take_ticket(*k1);
    run_agent_once(dir / "k1.db");

    // The nightly backup, taken from the running server by the command its timer runs.
    std::string printed;
    REQUIRE_MESSAGE(
        server.admin("backup --to " + (dir / "backups").string() + " --keep 14", &printed) == 0,
        printed);
    std::filesystem::path backup;
    for (const auto& e : std::filesystem::directory_iterator(dir / "backups")) backup = e.path();
    CHECK(backup.filename().string().rfind("server-", 0) == 0);
    REQUIRE(std::filesystem::exists(backup));

    // The day goes on: two more tickets, an application and a call, all acknowledged.
    for (int i = 0; i < 2; ++i) take_ticket(*k1);
    Application a = register_application(
        *c1, profile(), calendar(), sample_application(Channel::Paper), "operator-1", now_utc());
    run_agent_once(dir / "k1.db");
    run_agent_once(dir / "c1.db");
    auto called =
        call_next(*c1, "main", local_date(now_utc()), {"same_day"}, "D1", "clerk-1", now_utc());
    REQUIRE(called.has_value());
    run_agent_once(dir / "c1.db");
    REQUIRE(read_sync_state(*k1).pending == 0);
    REQUIRE(read_sync_state(*c1).pending == 0);
    long long events = count(*c1, "SELECT count(*) FROM events");
    REQUIRE(server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 5);

    // The server's disk dies; the administrator restores last night's backup.
    server.stop();
    for (const char* f : {"server.db", "server.db-wal", "server.db-shm"})
        std::filesystem::remove(server.data_dir() / f);
    std::filesystem::copy_file(backup, server.data_dir() / "server.db");
    std::string out;
    REQUIRE_MESSAGE(server.admin("new-epoch", &out) == 0, out);
    server.start();
    REQUIRE(server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 3);

    // The agents start again.
    run_agent_once(dir / "k1.db");
    run_agent_once(dir / "c1.db");
    CHECK(server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 5);
    CHECK(server.count("SELECT count(*) FROM srv_ticket_numbers") == 5);
    CHECK(server.count("SELECT count(*) FROM srv_records WHERE entity = 'application'") == 1);
    CHECK(server.count("SELECT count(*) FROM srv_records WHERE entity = 'event'") == events);
    CHECK(server_count(server, "SELECT count(*) FROM srv_records WHERE entity = 'ticket' AND "
                               "uuid = '" +
                                   called->uuid +
                                   "' AND json_extract(payload, '$.state') = "
                                   "'called'") == 1);
    // Exactly once: every op applied once, no ticket twice in the feed.
    CHECK(server.count("SELECT count(DISTINCT op_id) FROM srv_changes") ==
          server.count("SELECT count(*) FROM srv_changes"));
    CHECK(server.count("SELECT count(*) FROM (SELECT entity_uuid FROM srv_changes WHERE "
                       "kind = 'ticket.issued' GROUP BY entity_uuid HAVING count(*) > 1)") == 0);
    for (Store* s : {k1.get(), c1.get()}) {
        SyncState st = read_sync_state(*s);
        CHECK(st.pending == 0);
        CHECK(st.dead_letters == 0);
        CHECK_MESSAGE(st.last_error.empty(), st.last_error);
    }
    // A console that pulls from the start sees it all, once.
    auto c2 = enrolled_store(server, dir / "c2.db", "C2", "main", "console");
    run_agent_once(dir / "c2.db");
    CHECK(count(*c2, "SELECT count(*) FROM tickets") == 5);
    CHECK(find_application(*c2, a.uuid).has_value());
}

// After a fail-over to a replica that was a little behind, the administrator runs `new-epoch`
// while the server goes on serving: it must be answered without a restart. On PostgreSQL every
// instance hears it at the commit; on SQLite the server reads it again every 10 s.
TEST_CASE("sync: new-epoch run beside a serving server is answered without a restart, and the "
          "terminals resync with nothing doubled") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    for (int i = 0; i < 2; ++i) take_ticket(*k1);
    run_agent_once(dir / "k1.db");
    std::string old_cursor = k1->meta(sync_key::cursor).value_or("");
    REQUIRE(!cursor_epoch(old_cursor).empty());

    std::string out;
    REQUIRE_MESSAGE(server.admin("new-epoch", &out) == 0, out);
    REQUIRE(out.rfind("new epoch ", 0) == 0);
    std::string epoch = out.substr(10, out.find('\n') - 10);
    REQUIRE(epoch != cursor_epoch(old_cursor));

    HttpClient client(config_of(*k1));
    auto started = std::chrono::steady_clock::now();
    bool heard = wait_until(
        [&] {
            HttpResult h = client.get("/healthz", 5000);
            return h.ok() && body_of(h)["epoch"] == epoch;
        },
        std::chrono::seconds(15));
    auto took = std::chrono::steady_clock::now() - started;
    CHECK_MESSAGE(heard, "the server still answers the old epoch");
    CHECK(took < std::chrono::seconds(test_postgres().empty() ? 12 : 1));
    MESSAGE("the new epoch answered after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");

    // The kiosk's next round is told to resync: it offers its journal again (all duplicates)
    // and pulls from the start under the new epoch.
    take_ticket(*k1);
    run_agent_once(dir / "k1.db");
    CHECK(cursor_epoch(k1->meta(sync_key::cursor).value_or("")) == epoch);
    CHECK(server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 3);
    CHECK(server.count("SELECT count(DISTINCT op_id) FROM srv_changes") ==
          server.count("SELECT count(*) FROM srv_changes"));
    SyncState st = read_sync_state(*k1);
    CHECK(st.pending == 0);
    CHECK(st.dead_letters == 0);
}
