// No single request crashes the server, and no op blocks an outbox. A
// payload nested 65,500 levels deep (131 KB, under the body limit) once killed the server with
// a stack overflow on every restart; nesting that SQLite's json_valid refused came back as a
// retryable 503 for ever. Also the agent: a rogue answer nested as deep must not crash it.
#include "sync_support.hpp"
#include "tls_peer.hpp"

#include "base/uuid.hpp"
#include "common/protocol.hpp"
#include "store/outbox.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

std::string nested(size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

// The kiosk's newest outbox op as a push body, with "deep": nested(depth) in its payload.
std::string push_with_depth(Store& kiosk, size_t depth) {
    Stmt st = kiosk.prepare("SELECT op_id, entity, entity_uuid, kind, payload, created_at FROM "
                            "outbox ORDER BY seq DESC");
    REQUIRE(st.step());
    json op = op_json(st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5));
    std::string body = json{
        {"batch_id", new_uuid()},
        {"sent_at", format_instant(now_utc())},
        {"ops", {op}}}.dump();
    size_t at = body.find("\"payload\":{") + 11;
    return body.insert(at, "\"deep\":" + nested(depth) + ",");
}

std::string error_of(const HttpResult& r) {
    json j = json::parse(r.body, nullptr, false);
    return j.is_object() ? j.value("error", "") : "";
}

struct KioskRoom : SyncedTerminals {
    std::unique_ptr<Store> kiosk = enrol("K1", "main", "kiosk");
};

} // namespace

TEST_CASE("sync: a push nested 65,500 deep is refused with 400 and the server lives on") {
    KioskRoom room;
    take_ticket(*room.kiosk);
    HttpClient client(config_of(*room.kiosk));
    std::string deep = push_with_depth(*room.kiosk, 65500);
    CHECK(deep.size() > 131000);
    HttpResult r = client.post("/v1/push", deep, 10000);
    CHECK(r.curl_code == 0);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "malformed_json");
    // Still there, and still taking work: the same op without the nesting goes through.
    HttpResult who = client.get("/v1/whoami", 5000);
    CHECK(who.ok());
    CHECK(sync_until_idle(*room.kiosk, client).ok);
    CHECK(room.server.count("SELECT count(*) FROM srv_records") == 1);
}

TEST_CASE("sync: nesting past 64 levels is a 400, never a 503 that blocks the outbox") {
    KioskRoom room;
    HttpClient client(config_of(*room.kiosk));
    // 2,500 levels: nlohmann copies it, SQLite's json_valid refuses it (once 503 for ever).
    for (size_t depth : {70, 2500}) {
        take_ticket(*room.kiosk);
        HttpResult r = client.post("/v1/push", push_with_depth(*room.kiosk, depth), 10000);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "malformed_json");
    }
    CHECK(client.post("/v1/push", push_with_depth(*room.kiosk, 20), 10000).ok());
    REQUIRE(sync_until_idle(*room.kiosk, client).ok);

    // The agent: a deep op goes to the dead letters, the ticket behind it goes through.
    room.kiosk->transaction([&] {
        json p = json::parse("{\"deep\":" + nested(100) + "}");
        append_outbox(*room.kiosk, "application", new_uuid(), "application.registered", p);
    });
    take_ticket(*room.kiosk);
    CHECK(sync_until_idle(*room.kiosk, client).ok);
    SyncState s = read_sync_state(*room.kiosk);
    CHECK(s.pending == 0);
    CHECK(s.dead_letters == 1);
    CHECK(room.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 3);
}

TEST_CASE("sync: a body with a NUL byte or with bytes after the JSON is refused") {
    KioskRoom room;
    take_ticket(*room.kiosk);
    HttpClient client(config_of(*room.kiosk));
    std::string good = push_with_depth(*room.kiosk, 1);
    std::string nul = good;
    nul.insert(nul.find("\"deep\""), std::string("\"nul\":\"a\0b\",", 12));
    std::string escaped_nul = good;
    escaped_nul.insert(escaped_nul.find("\"deep\""), "\"nul\":\"a\\u0000b\",");
    for (const std::string& body :
         {good + std::string(1, '\0'), good + " {}", good + "x", nul, escaped_nul}) {
        HttpResult r = client.post("/v1/push", body, 10000);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "malformed_json");
    }
    CHECK(room.server.count("SELECT count(*) FROM srv_records") == 0);
    // Enrolment takes the same parser.
    std::string code = room.server.register_terminal("K2", "main", "kiosk");
    ClientConfig anon{room.server.url(), pki().ca_pem, "", "", 5000};
    HttpResult enrol =
        HttpClient(anon).post("/v1/enrol", "{\"code\":\"" + code + "\"}" + nested(3), 5000);
    CHECK(enrol.status == 400);
    CHECK(client.post("/v1/push", good, 10000).ok());
}

TEST_CASE("sync: the agent refuses a pulled answer nested 65,500 deep, without crashing") {
    std::string body = "{\"changes\":[{\"seq\":1,\"entity\":\"ticket\",\"entity_uuid\":\"" +
                       new_uuid() +
                       "\",\"kind\":\"ticket.issued\",\"payload\":{\"deep\":" + nested(65500) +
                       "}}],\"cursor\":\"abc:1\",\"has_more\":false}";
    TlsReplier rogue(pki().cert, pki().key,
                     "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    TestStore store;
    store->transaction([&] {
        store->set_meta(sync_key::url, "https://localhost:" + std::to_string(rogue.port()));
        store->set_meta(sync_key::ca_pem, pki().ca_pem);
        store->set_meta(sync_key::token, std::string(64, 'a'));
    });
    HttpClient client(config_of(*store));
    StepResult r = pull_once(*store, client, 0);
    CHECK_FALSE(r.ok);
    CHECK(r.error_kind == "answer");
    CHECK(store->meta(sync_key::cursor).value_or("") == "");
}
