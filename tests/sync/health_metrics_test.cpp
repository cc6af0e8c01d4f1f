// Honest health and metrics. /healthz said "ok" while the store could not
// commit; a 20 s long-poll landed in the pull latency's +Inf bucket; status labels were
// classes ("4xx"); and nobody could see that a kiosk had not synced for days.
#include "sync_support.hpp"

#include "base/uuid.hpp"
#include "common/protocol.hpp"
#include "store/outbox.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

std::string metrics(ServerProcess& server) {
    HttpResult r =
        HttpClient(ClientConfig{server.url(), pki().ca_pem, "", "", 5000}).get("/metrics", 5000);
    REQUIRE(r.ok());
    return r.body;
}

bool has(const std::string& text, const std::string& line) {
    return text.find(line) != std::string::npos;
}

// A push of n new tickets of the kiosk's room, written by the kiosk's own code.
std::string push_of(Store& kiosk, int n) {
    json ops = json::array();
    for (int i = 0; i < n; ++i) take_ticket(kiosk);
    Stmt st = kiosk.prepare(
        "SELECT op_id, entity, entity_uuid, kind, payload, created_at FROM outbox ORDER BY seq");
    while (st.step())
        ops.push_back(
            op_json(st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)));
    kiosk.exec("DELETE FROM outbox");
    return json{{"batch_id", new_uuid()}, {"sent_at", format_instant(now_utc())}, {"ops", ops}}
        .dump();
}

} // namespace

TEST_CASE("sync (SQLite store): /healthz fails with 503 when the server's store cannot commit") {
    TempDir dir;
    ServerProcess server(dir / "server");
    // The disk fills: the server may not write files past 1 MiB (RLIMIT_FSIZE; root too).
    server.set_limits({0, 1 << 20, {}, {}});
    server.start();
    auto kiosk = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    HttpClient client(config_of(*kiosk));
    REQUIRE(client.get("/healthz", 5000).ok());
    // Filled with pushes of 200, then 20, then single tickets, until not one more commits.
    long status = 200;
    for (int n : {200, 20, 1}) {
        status = 200;
        for (int i = 0; i < 60 && status == 200; ++i)
            status = client.post("/v1/push", push_of(*kiosk, n), 20000).status;
    }
    REQUIRE(status == 503);
    // A probe writes one page: the little room left may take a few, then it fails too.
    HttpResult health;
    for (int i = 0; i < 20 && health.status != 503; ++i) health = client.get("/healthz", 5000);
    CHECK(health.status == 503);
    CHECK(json::parse(health.body, nullptr, false).value("error", "") == "store_unavailable");
    CHECK(client.post("/v1/push", push_of(*kiosk, 1), 20000).status == 503);
}

TEST_CASE("sync: a long-poll's wait is not pull latency, and status labels are exact codes") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto kiosk = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    HttpClient client(config_of(*kiosk));
    REQUIRE(client.get("/v1/pull?wait=2", 10000).ok()); // nothing new: waits 2 s
    CHECK(client.get("/v1/pull?limit=0", 5000).status == 400);
    ClientConfig none = config_of(*kiosk);
    none.token.clear();
    CHECK(HttpClient(none).get("/v1/pull", 5000).status == 401);

    std::string m = metrics(server);
    CHECK(has(m, "reception_request_seconds_bucket{endpoint=\"pull\",le=\"0.25\"} 3\n"));
    CHECK(has(m, "reception_requests_total{endpoint=\"pull\",code=\"200\"} 1\n"));
    CHECK(has(m, "reception_requests_total{endpoint=\"pull\",code=\"400\"} 1\n"));
    CHECK(has(m, "reception_requests_total{endpoint=\"pull\",code=\"401\"} 1\n"));
}

// The administrator reads from /metrics whether pushes wait for the writer or for the
// database: how long writes waited for their group commit, and how long the commits took.
TEST_CASE("sync: metrics count the group commits and how long writes waited for them") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto kiosk = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    HttpClient client(config_of(*kiosk));
    for (int i = 0; i < 3; ++i) REQUIRE(client.post("/v1/push", push_of(*kiosk, 2), 10000).ok());

    std::string m = metrics(server);
    auto value = [&](const std::string& name) {
        size_t at = m.find("\n" + name + " ");
        REQUIRE(at != std::string::npos);
        return std::atof(m.c_str() + at + name.size() + 2);
    };
    // Three pushes, one after the other, and the enrolment before them: each a commit of its own.
    CHECK(value("reception_commit_seconds_count") >= 3);
    CHECK(value("reception_committed_writes_total") >= 3);
    CHECK(value("reception_write_wait_seconds_count") == value("reception_commit_seconds_count"));
    CHECK(value("reception_commit_seconds_sum") > 0);
    CHECK(has(m, "# TYPE reception_commit_seconds histogram\n"));
    CHECK(has(m, "reception_commit_seconds_bucket{le=\"+Inf\"} "));
}

TEST_CASE("sync: the administrator sees when each terminal was last heard from, and its pending "
          "and dead-letter counts") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    auto k2 = enrolled_store(server, dir / "k2.db", "K2", "main", "kiosk");
    // K1: one op the server rejects (another room's ticket), then two tickets kept offline.
    take_ticket(*k1);
    k1->transaction([&] {
        json p = json::parse(push_of(*k1, 1))["ops"][0]["payload"];
        p["uuid"] = new_uuid();
        p["room"] = "annex";
        append_outbox(*k1, "ticket", p["uuid"].get<std::string>(), "ticket.issued", p);
    });
    HttpClient client(config_of(*k1));
    REQUIRE(sync_until_idle(*k1, client).ok);
    take_ticket(*k1);
    take_ticket(*k1);
    REQUIRE(pull_once(*k1, client, 0).ok); // tells the server: 2 pending, 1 dead letter

    std::string m = metrics(server);
    std::string k1_labels = "{terminal=\"K1\",room=\"main\",kind=\"kiosk\"} ";
    CHECK(has(m, "reception_terminal_pending_changes" + k1_labels + "2\n"));
    CHECK(has(m, "reception_terminal_dead_letters" + k1_labels + "1\n"));
    CHECK(has(m, "reception_terminal_last_seen_seconds" + k1_labels));
    CHECK(!has(m, "terminal=\"K2\""));

    // What it said outlives the server process: the administrator's list, and /metrics again.
    server.stop();
    std::string out;
    REQUIRE(server.admin("terminals", &out) == 0);
    std::string k1_line = out.substr(out.find("K1 "), out.find('\n', out.find("K1 ")));
    CHECK(has(k1_line, "pending 2, dead letters 1"));
    CHECK(has(k1_line, "last seen " + format_instant(now_utc()).substr(0, 10)));
    CHECK(has(out.substr(out.find("K2 ")), "never seen"));
    server.start();
    CHECK(has(metrics(server), "reception_terminal_pending_changes" + k1_labels + "2\n"));
}
