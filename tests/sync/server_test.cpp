// The server as a terminal meets it: enrolment, credentials and roles, idempotent push, the
// feed filtered by role, refused input, health and metrics. Real process, real TLS, loopback.
#include "sync_support.hpp"

#include "base/uuid.hpp"
#include "cases/applications.hpp"
#include "common/protocol.hpp"
#include "store/outbox.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

// A server with a kiosk, a console and a board of room "main" and a kiosk of room "annex".
struct SyncedRoom : SyncedTerminals {
    std::unique_ptr<Store> kiosk = enrol("K1", "main", "kiosk");
    std::unique_ptr<Store> console = enrol("C1", "main", "console");
    std::unique_ptr<Store> board = enrol("B1", "main", "board");
    std::unique_ptr<Store> annex = enrol("K9", "annex", "kiosk");
};

} // namespace

TEST_CASE("sync: a batch pushed twice changes nothing the second time") {
    SyncedRoom room;
    take_ticket(*room.kiosk);
    take_ticket(*room.kiosk, "consultation");
    json body = batch(outbox_ops(*room.kiosk)).dump();
    HttpClient client(config_of(*room.kiosk));

    HttpResult first = client.post("/v1/push", body, 10000);
    REQUIRE(first.ok());
    for (const json& r : body_of(first)["results"]) CHECK(r["status"] == "applied");
    long long head = room.server.count("SELECT count(*) FROM srv_changes");
    CHECK(head == 2); // two tickets issued

    HttpResult again = client.post("/v1/push", body, 10000);
    REQUIRE(again.ok());
    for (const json& r : body_of(again)["results"]) CHECK(r["status"] == "duplicate");
    CHECK(room.server.count("SELECT count(*) FROM srv_changes") == head);
    CHECK(room.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 2);

    // The same ops under a new batch id: still duplicates, still nothing new.
    HttpResult renamed = client.post("/v1/push", batch(outbox_ops(*room.kiosk)).dump(), 10000);
    REQUIRE(renamed.ok());
    CHECK(room.server.count("SELECT count(*) FROM srv_changes") == head);
}

TEST_CASE("sync: a wrong or missing credential is 401, a wrong role or room is 403") {
    SyncedRoom room;
    ClientConfig none = config_of(*room.kiosk);
    none.token.clear();
    check_refused(HttpClient(none).get("/v1/pull", 5000), 401, "unauthorized");
    ClientConfig forged = none;
    forged.token = std::string(64, 'a');
    check_refused(HttpClient(forged).get("/v1/pull", 5000), 401, "unauthorized");

    // The enrolment code was spent: a second use gets nothing.
    std::string code = room.server.register_terminal("K2", "main", "kiosk");
    auto k2 = Store::open(room.dir / "k2.db", OpenMode::CreateIfMissing);
    CHECK(enrol_store(*k2, room.server.url(), pki().ca_pem, "", code).empty());
    auto k3 = Store::open(room.dir / "k3.db", OpenMode::CreateIfMissing);
    CHECK(!enrol_store(*k3, room.server.url(), pki().ca_pem, "", code).empty());

    // A board writes nothing.
    take_ticket(*room.kiosk);
    json ops = outbox_ops(*room.kiosk);
    check_refused(HttpClient(config_of(*room.board)).post("/v1/push", batch(ops).dump(), 5000), 403,
                  "forbidden");
    // A kiosk of another room may not put tickets into this room's queue.
    check_refused(HttpClient(config_of(*room.annex)).post("/v1/push", batch(ops).dump(), 5000), 403,
                  "wrong_room");
    CHECK(room.server.count("SELECT count(*) FROM srv_changes") == 0);

    // A kiosk issues tickets; it does not call them.
    REQUIRE(HttpClient(config_of(*room.kiosk)).post("/v1/push", batch(ops).dump(), 5000).ok());
    json called = ops[0];
    called["op_id"] = new_uuid();
    called["payload"]["state"] = "called";
    called["payload"]["updated_at"] = format_instant(now_utc() + std::chrono::seconds(1));
    check_refused(HttpClient(config_of(*room.kiosk))
                      .post("/v1/push", batch(json::array({called})).dump(), 5000),
                  403, "forbidden");
    // The console of the room may.
    HttpResult ok = HttpClient(config_of(*room.console))
                        .post("/v1/push", batch(json::array({called})).dump(), 5000);
    REQUIRE(ok.ok());
    CHECK(body_of(ok)["results"][0]["status"] == "applied");
}

TEST_CASE("sync: a revoked terminal is refused at once by the running server, and its name "
          "stays taken") {
    SyncedRoom room;
    HttpClient kiosk(config_of(*room.kiosk));
    REQUIRE(kiosk.get("/v1/pull", 5000).ok()); // the server now holds K1's token in its cache

    std::string out;
    REQUIRE(room.server.admin("revoke --name K1", &out) == 0);
    CHECK(out.find("K1 revoked") != std::string::npos);
    check_refused(kiosk.get("/v1/pull", 5000), 401, "unauthorized");
    take_ticket(*room.kiosk);
    check_refused(kiosk.post("/v1/push", batch(outbox_ops(*room.kiosk)).dump(), 5000), 401,
                  "unauthorized");
    CHECK(room.server.count("SELECT count(*) FROM srv_changes") == 0);
    // The kiosk's agent says what happened in words staff can act on, in their language.
    StepResult r = push_once(*room.kiosk, kiosk);
    CHECK_FALSE(r.ok);
    CHECK(r.error_kind == "credential");
    SyncState st = read_sync_state(*room.kiosk);
    st.last_error = r.error;
    st.last_error_kind = r.error_kind;
    std::string line = sync_status_text(st, catalog(), Lang::kk, true);
    CHECK(line.find(catalog().text(Lang::kk, "sync.error.credential")) != std::string::npos);
    CHECK(line.find("HTTP 401") == std::string::npos);
    // The other terminals of the room go on.
    CHECK(HttpClient(config_of(*room.console)).get("/v1/pull", 5000).ok());

    // The administrator sees it, cannot enrol the name again, and is told why.
    REQUIRE(room.server.admin("terminals", &out) == 0);
    CHECK(out.find("REVOKED") != std::string::npos);
    CHECK(room.server.admin("enrol --name K1 --room main --kind kiosk", &out) != 0);
    CHECK(out.find("new name") != std::string::npos);
    CHECK(room.server.admin("revoke --name K404", &out) != 0);
    CHECK(out.find("K404") != std::string::npos);
}

TEST_CASE("sync: each terminal pulls only what its role may see") {
    SyncedRoom room;
    take_ticket(*room.kiosk, "same_day", "wwii_veteran");
    Application a;
    a.channel = Channel::Paper;
    a.applicant.surname = "Сәрсенбаева";
    a.applicant.name = "Әйгерім";
    a.applicant.iin = "871008401427";
    a.applicant.phone = "8 (701) 123-45-67";
    a.applicant.address = "Хромтау, Әйтеке би к-сі, 12";
    a.essence = "Ауладағы жолды жөндеу туралы мәселе";
    register_application(*room.console, profile(), calendar(), a, "operator-1", now_utc());
    REQUIRE(sync_until_idle(*room.kiosk, *std::make_unique<HttpClient>(config_of(*room.kiosk))).ok);
    HttpClient console(config_of(*room.console));
    REQUIRE(sync_until_idle(*room.console, console).ok);

    auto pull = [](Store& s) {
        HttpResult r = HttpClient(config_of(s)).get("/v1/pull?limit=100", 5000);
        REQUIRE(r.ok());
        return body_of(r)["changes"];
    };
    json seen_by_console = pull(*room.console);
    bool console_sees_application = false;
    for (const json& c : seen_by_console) {
        if (c["entity"] != "application") continue;
        console_sees_application = true;
        // The stored payload goes into the answer as it is: Kazakh letters arrive intact.
        CHECK(c["payload"].dump().find("Сәрсенбаева") != std::string::npos);
        CHECK(c["payload"].dump().find("Әйтеке би") != std::string::npos);
    }
    CHECK(console_sees_application);
    CHECK(count(*room.console, "SELECT count(*) FROM tickets") == 1);

    // The kiosk: tickets only, no one's application, no personal data.
    for (const json& c : pull(*room.kiosk)) {
        CHECK(c["entity"] == "ticket");
        CHECK(c["payload"].dump().find("871008401427") == std::string::npos);
    }
    // The board: numbers and states, not the visitor's out-of-turn category.
    json board = pull(*room.board);
    REQUIRE(board.size() == 1);
    CHECK(board[0]["payload"]["number"] == "A1-001");
    CHECK(!board[0]["payload"].contains("category"));
    // Another room sees nothing of this one.
    CHECK(pull(*room.annex).empty());
}

TEST_CASE("sync: bad input is answered with a JSON 4xx and nothing is applied") {
    SyncedRoom room;
    take_ticket(*room.kiosk);
    take_ticket(*room.kiosk);
    json ops = outbox_ops(*room.kiosk);
    HttpClient client(config_of(*room.kiosk));
    auto push = [&](const std::string& body) { return client.post("/v1/push", body, 10000); };

    check_refused(push("{\"batch_id\": "), 400, "malformed_json");
    json wrong_type = batch(ops);
    wrong_type["ops"] = "all of them";
    check_refused(push(wrong_type.dump()), 400, "bad_field");
    json unknown = batch(ops);
    unknown["priority"] = "high";
    check_refused(push(unknown.dump()), 400, "unknown_field");
    json unknown_in_op = batch(ops);
    unknown_in_op["ops"][1]["extra"] = 1;
    check_refused(push(unknown_in_op.dump()), 400, "unknown_field");
    json bad_uuid = batch(ops);
    bad_uuid["ops"][0]["op_id"] = "not-a-uuid";
    check_refused(push(bad_uuid.dump()), 400, "bad_field");
    json skewed = batch(ops);
    skewed["sent_at"] = format_instant(now_utc() - std::chrono::hours(2));
    check_refused(push(skewed.dump()), 400, "clock_skew");
    // One good op and one bad one: the good one is not applied either.
    json half = batch(ops);
    half["ops"][1]["payload"]["issued_at"] = "yesterday";
    check_refused(push(half.dump()), 400, "bad_field");
    std::string huge = batch(ops).dump();
    huge.insert(huge.size() - 1, ",\"pad\":\"" + std::string(kMaxBodyBytes, 'x') + "\"");
    check_refused(push(huge), 413, "body_too_large");
    CHECK(room.server.count("SELECT count(*) FROM srv_changes") == 0);

    // A batch id seen before with other ops is a replay, refused whole.
    std::string id = new_uuid();
    REQUIRE(push(batch(json::array({ops[0]}), id).dump()).ok());
    check_refused(push(batch(ops, id).dump()), 409, "batch_replayed");
    CHECK(room.server.count("SELECT count(*) FROM srv_changes") == 1);

    check_refused(client.get("/v1/pull?limit=-3", 5000), 400, "bad_parameter");
    check_refused(client.get("/v1/pull?cursor=nonsense", 5000), 400, "bad_parameter");
    check_refused(client.get("/v1/pull?cursor=0123abcd:5", 5000), 409, "resync");
    check_refused(client.get("/v1/nothing", 5000), 404, "not_found");
}

TEST_CASE("sync: /healthz answers and /metrics counts requests, changes and terminals") {
    SyncedRoom room;
    take_ticket(*room.kiosk);
    HttpClient client(config_of(*room.kiosk));
    REQUIRE(sync_until_idle(*room.kiosk, client).ok);

    HttpResult health = client.get("/healthz", 5000);
    REQUIRE(health.ok());
    CHECK(body_of(health)["status"] == "ok");
    HttpResult metrics = client.get("/metrics", 5000);
    REQUIRE(metrics.ok());
    const std::string& m = metrics.body;
    CHECK(m.find("reception_requests_total{endpoint=\"push\",code=\"200\"} 1") !=
          std::string::npos);
    CHECK(m.find("reception_request_seconds_bucket{endpoint=\"push\"") != std::string::npos);
    CHECK(m.find("reception_pushed_changes_total 1") != std::string::npos);
    CHECK(m.find("reception_connected_terminals 1") != std::string::npos);
    CHECK(m.find("reception_open_connections") != std::string::npos);
}

TEST_CASE("sync: the client refuses a server with a wrong CA or a wrong host name") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    std::string code = server.register_terminal("K1", "main", "kiosk");
    auto store = Store::open(dir / "k1.db", OpenMode::CreateIfMissing);

    std::string wrong_ca = enrol_store(*store, server.url(), pki().other_ca_pem, "", code);
    CHECK(!wrong_ca.empty());
    std::string wrong_pin =
        enrol_store(*store, server.url(), pki().ca_pem,
                    "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", code);
    CHECK(!wrong_pin.empty());
    CHECK(!store->meta(sync_key::token));

    server.stop();
    server.start(pki().other_name_cert, pki().other_name_key); // a good CA, another name
    std::string wrong_name = enrol_store(*store, server.url(), pki().ca_pem, "", code);
    CHECK(wrong_name.find("name") != std::string::npos);
    CHECK(!store->meta(sync_key::token));

    // With the right certificate (and its pin) the same code works: nothing above spent it.
    server.stop();
    server.start();
    CHECK(enrol_store(*store, server.url(), pki().ca_pem, pki().pin, code) == "");
    CHECK(store->meta(sync_key::token));

    // What the agent tells staff: a certificate that fails the check, and no server at all.
    ClientConfig cfg = config_of(*store);
    cfg.ca_pem = pki().other_ca_pem;
    HttpClient wrong_ca_client(cfg);
    CHECK(pull_once(*store, wrong_ca_client, 0).error_kind == "certificate");
    server.stop();
    HttpClient right_client(config_of(*store));
    StepResult down = pull_once(*store, right_client, 0);
    CHECK_FALSE(down.ok);
    CHECK(down.error_kind == "offline");
}

TEST_CASE("sync: an op the server refuses goes to the dead letters and never blocks the rest") {
    SyncedRoom room;
    take_ticket(*room.kiosk);
    // A ticket of another room, as a misconfigured kiosk would write it.
    room.kiosk->transaction([&] {
        json p = outbox_ops(*room.kiosk)[0]["payload"];
        p["uuid"] = new_uuid();
        p["room"] = "annex";
        p["number"] = "A1-999";
        append_outbox(*room.kiosk, "ticket", p["uuid"].get<std::string>(), "ticket.issued", p);
    });
    take_ticket(*room.kiosk);
    HttpClient client(config_of(*room.kiosk));
    StepResult r = sync_until_idle(*room.kiosk, client);
    CHECK(r.ok);
    SyncState s = read_sync_state(*room.kiosk);
    CHECK(s.pending == 0);
    CHECK(s.dead_letters == 1);
    CHECK(room.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 2);
    Stmt dead = room.kiosk->prepare("SELECT reason FROM sync_dead_letters");
    REQUIRE(dead.step());
    CHECK(dead.text(0).find("wrong_room") != std::string::npos);
}
