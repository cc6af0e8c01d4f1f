// Retention of the idempotency records (sync/server/retention.hpp): `reception-server prune`
// forgets op and batch ids older than the window, and no retry is ever applied twice — one that
// can still be taken finds its id, one older than the window is refused by its time.
#include "sync_support.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

static std::string status_of(const HttpResult& r) {
    json body = body_of(r);
    REQUIRE(body.is_object());
    REQUIRE(body["results"].size() == 1);
    return body["results"][0]["status"];
}

TEST_CASE("sync: op and batch ids are forgotten after the window, and a retry is never applied "
          "twice") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    take_ticket(*k1);
    json ops = outbox_ops(*k1);
    REQUIRE(ops.size() == 1);
    sync(*k1);
    REQUIRE(server.count("SELECT count(*) FROM srv_applied_ops") == 1);
    long long batches = server.count("SELECT count(*) FROM srv_batches");
    CHECK(batches >= 1);

    // A window shorter than an op's horizon is refused, and changes nothing.
    std::string out;
    CHECK(server.admin("prune --keep-days 30", &out) == 2);
    CHECK(out.find("at least 31") != std::string::npos);

    // Within the window nothing goes, and a retry is answered as the first time.
    CHECK(server.admin("prune", &out) == 0);
    CHECK(out.find("forgot 0 op ids and 0 batch ids") != std::string::npos);
    CHECK(status_of(push_ops(*k1, ops)) == "duplicate");

    // 46 days on, past the default window of 45: the ids go (the retry's batch too).
    std::string later = format_instant(now_utc() + std::chrono::hours(24 * 46));
    CHECK(server.admin("prune --as-of " + later, &out) == 0);
    CHECK(out.find("forgot 1 op ids and " + std::to_string(batches + 1) + " batch ids") !=
          std::string::npos);
    CHECK(server.count("SELECT count(*) FROM srv_applied_ops") == 0);
    CHECK(server.count("SELECT count(*) FROM srv_batches") == 0);

    // The op coming again then, 46 days after it was made: refused by its time, before its id
    // is looked up (the agent dead-letters it).
    json late = ops;
    late[0]["created_at"] = format_instant(now_utc() - std::chrono::hours(24 * 46));
    check_refused(push_ops(*k1, late), 400, "op_time");
    // And even the same op with its own time (as a store put back from a copy would send it
    // while the server's clock is still near it): judged against the record, a copy of what the
    // server holds, so nothing new.
    CHECK(status_of(push_ops(*k1, ops)) == "duplicate");
    CHECK(server.count("SELECT count(*) FROM srv_changes WHERE entity = 'ticket'") == 1);
    CHECK(server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 1);
}
