// Token rotation (sync/server/auth.hpp, sync/agent/enrol.hpp), tried through the real programs:
// `reception-syncd rotate` against a running reception-server, the old token refused with the
// next request, the new one syncing, and every way a rotation can be cut short leaving the
// terminal with a token that works.
#include "sync_support.hpp"

#include "agent/agent.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

namespace {

long whoami_status(Store& store, const std::string& token) {
    ClientConfig c = config_of(store);
    c.token = token;
    return HttpClient(c).get("/v1/whoami", 5000).status;
}

std::string token_of(Store& store) {
    return store.meta(sync_key::token).value_or("");
}

} // namespace

TEST_CASE("sync: reception-syncd rotate gives a terminal a new token, the old one is refused at "
          "once and the new one syncs") {
    SyncedTerminals t;
    auto kiosk = t.enrol("K1", "main", "kiosk");
    std::string file = (t.dir / "k1.db").string();
    std::string old_token = token_of(*kiosk);
    REQUIRE(whoami_status(*kiosk, old_token) == 200); // now in the server's token cache

    std::string out;
    REQUIRE_MESSAGE(syncd("--store " + file + " rotate", &out) == 0, out);
    CHECK(out.find("token rotated for K1") != std::string::npos);
    std::string new_token = token_of(*kiosk);
    CHECK(new_token.size() == 64);
    CHECK(new_token != old_token);
    CHECK(whoami_status(*kiosk, old_token) == 401);
    CHECK(whoami_status(*kiosk, new_token) == 200);
    // Only hashes on the server: neither token is in its store.
    CHECK(t.server.count(("SELECT count(*) FROM srv_terminals WHERE token_hash = '" + new_token +
                          "' OR next_token_hash = '" + new_token + "'")
                             .c_str()) == 0);

    REQUIRE(syncd("--store " + file + " status", &out) == 0);
    CHECK(out.find("token:        rotated ") != std::string::npos);
    CHECK(out.find("not yet confirmed") == std::string::npos);

    take_ticket(*kiosk);
    run_agent_once(t.dir / "k1.db");
    CHECK(count(*kiosk, "SELECT count(*) FROM outbox") == 0);
    CHECK(t.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 1);
}

TEST_CASE("sync: a rotation cut short never locks a terminal out: a lost answer leaves the old "
          "token working, a lost confirm leaves the new one working until the agent confirms") {
    SyncedTerminals t;
    auto kiosk = t.enrol("K1", "main", "kiosk");
    std::string old_token = token_of(*kiosk);
    HttpClient client(config_of(*kiosk));

    // The answer to rotate is lost: the terminal never learns the new token. The old works on.
    HttpResult lost = client.post("/v1/token/rotate", "{}", 5000);
    REQUIRE(lost.ok());
    std::string never_stored = body_of(lost)["token"];
    CHECK(whoami_status(*kiosk, old_token) == 200);

    // A second rotation replaces the unused next token: the lost one stops working.
    HttpResult second = client.post("/v1/token/rotate", "{}", 5000);
    REQUIRE(second.ok());
    std::string next = body_of(second)["token"];
    CHECK(whoami_status(*kiosk, never_stored) == 401);
    // Stored, as rotate_store_token keeps it, but the confirm's answer is lost: both work.
    kiosk->transaction([&] {
        kiosk->set_meta(sync_key::token, next);
        kiosk->set_meta(sync_key::token_unconfirmed, "1");
    });
    CHECK(whoami_status(*kiosk, next) == 200);
    CHECK(whoami_status(*kiosk, old_token) == 200);
    std::string out;
    REQUIRE(syncd("--store " + (t.dir / "k1.db").string() + " status", &out) == 0);
    CHECK(out.find("not yet confirmed") != std::string::npos);

    // The next run of the agent confirms it: the old one is void, the mark gone.
    take_ticket(*kiosk);
    run_agent_once(t.dir / "k1.db");
    CHECK(count(*kiosk, "SELECT count(*) FROM outbox") == 0);
    CHECK(kiosk->meta(sync_key::token_unconfirmed).value_or("") == "");
    CHECK(whoami_status(*kiosk, old_token) == 401);
    CHECK(whoami_status(*kiosk, next) == 200);
    // A confirm sent twice changes nothing.
    ClientConfig c = config_of(*kiosk);
    HttpResult again = HttpClient(c).post("/v1/token/confirm", "{}", 5000);
    REQUIRE(again.ok());
    CHECK(body_of(again)["rotated"] == false);
    CHECK(whoami_status(*kiosk, next) == 200);
}

TEST_CASE("sync: a running agent goes on syncing when its token is rotated by the command "
          "beside it") {
    SyncedTerminals t;
    auto kiosk = t.enrol("K1", "main", "kiosk");
    AgentOptions o = quick_agent(t.dir / "k1.db", 2);
    SyncAgent agent(o);
    agent.start();
    take_ticket(*kiosk);
    REQUIRE(wait_until([&] { return count(*kiosk, "SELECT count(*) FROM outbox") == 0; },
                       std::chrono::seconds(10)));

    std::string out;
    REQUIRE_MESSAGE(syncd("--store " + o.store.string() + " rotate", &out) == 0, out);
    take_ticket(*kiosk);
    agent.nudge();
    CHECK(wait_until([&] { return count(*kiosk, "SELECT count(*) FROM outbox") == 0; },
                     std::chrono::seconds(10)));
    agent.stop();
    CHECK(t.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 2);
}

TEST_CASE("sync: a revoked terminal cannot rotate its token, and rotation takes no body but {}") {
    SyncedTerminals t;
    auto kiosk = t.enrol("K1", "main", "kiosk");
    HttpClient client(config_of(*kiosk));
    check_refused(client.post("/v1/token/rotate", R"({"token":"mine"})", 5000), 400,
                  "malformed_json");
    check_refused(HttpClient(ClientConfig{t.server.url(), pki().ca_pem, "", "", 5000})
                      .post("/v1/token/rotate", "{}", 5000),
                  401, "unauthorized");

    REQUIRE(t.server.admin("revoke --name K1") == 0);
    std::string before = token_of(*kiosk), out;
    CHECK(syncd("--store " + (t.dir / "k1.db").string() + " rotate", &out) == 1);
    CHECK(out.find("token rotation") != std::string::npos);
    CHECK(token_of(*kiosk) == before); // nothing written
    CHECK(kiosk->meta(sync_key::token_unconfirmed).value_or("") == "");
}
