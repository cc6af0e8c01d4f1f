// reg-34, reg-39, reg-40: the control subdivision and the reports read every room of a region
// with one credential of kind "reader", and never write: its pushes are refused, and it reads no
// room outside its region.
#include "sync_support.hpp"

#include "cases/applications.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

// A reader's credential: enrolled through POST /v1/enrol as a terminal is, with no store.
static ClientConfig reader_config(ServerProcess& server, const std::string& name,
                                  const std::string& region) {
    ClientConfig cfg{server.url(), pki().ca_pem, "", "", 5000};
    std::string code = server.register_terminal(name, region, "reader");
    HttpResult r = HttpClient(cfg).post("/v1/enrol", json{{"code", code}}.dump(), 10000);
    REQUIRE(r.status == 200);
    json answer = body_of(r);
    CHECK(answer["kind"] == "reader");
    CHECK(answer["series"] == "");
    cfg.token = answer["token"];
    return cfg;
}

static json pull_room(HttpClient& client, const std::string& room, long* status) {
    HttpResult r = client.get("/v1/pull?limit=500&room=" + room, 10000);
    *status = r.status;
    return body_of(r);
}

TEST_CASE("sync: reg-34: a region reader pulls every room of its region for reports and is "
          "refused every write") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "khromtau", "kiosk");
    auto c1 = t.enrol("C1", "khromtau", "console");
    auto k2 = t.enrol("K2", "kargaly", "kiosk");
    auto k3 = t.enrol("K3", "almaty", "kiosk");
    take_ticket(*k1);
    register_application(*c1, profile(), calendar(), sample_application(Channel::Paper),
                         "operator-1", now_utc());
    json application_ops = outbox_ops(*c1);
    take_ticket(*k2);
    take_ticket(*k3);
    for (Store* s : {k1.get(), c1.get(), k2.get(), k3.get()}) sync(*s);
    std::string out;
    REQUIRE(t.server.admin("region --region aktobe --rooms khromtau,kargaly", &out) == 0);

    HttpClient reader(reader_config(t.server, "REG-AKTOBE", "aktobe"));
    long status = 0;
    // Each room of the region, with what a console sees (applications too, for the reports).
    json khromtau = pull_room(reader, "khromtau", &status);
    CHECK(status == 200);
    std::set<std::string> entities;
    for (const json& c : khromtau["changes"]) entities.insert(c["entity"].get<std::string>());
    CHECK(entities.count("ticket") == 1);
    CHECK(entities.count("application") == 1);
    json kargaly = pull_room(reader, "kargaly", &status);
    CHECK(status == 200);
    CHECK(kargaly["changes"].size() == 1);
    // Not a room of another region, and not without naming a room.
    pull_room(reader, "almaty", &status);
    CHECK(status == 403);
    CHECK(reader.get("/v1/pull?limit=10", 10000).status == 400);

    // It writes nothing: a push of a copy of the console's own op is refused whole.
    json copy = json::array({copy_op(application_ops[0], true)});
    HttpResult pushed = reader.post("/v1/push", batch(copy).dump(), 10000);
    check_refused(pushed, 403, "forbidden");
    CHECK(t.server.count("SELECT count(*) FROM srv_records WHERE entity = 'application'") == 1);
    CHECK(t.server.count("SELECT count(*) FROM srv_batches b JOIN srv_terminals t ON t.name = "
                         "b.terminal WHERE t.kind = 'reader'") == 0);
}
