// What kiosks and boards pull: their room's public data — rooms,
// officials, sessions, and tickets without the visitor's out-of-turn category or the issuing
// kiosk — so a kiosk on its own machine can sign visitors up, and nothing personal reaches a
// machine in the public hall.
#include "sync_support.hpp"

#include "cases/applications.hpp"
#include "cases/casework.hpp"
#include "queue/ticket_queue.hpp"
#include "schedule/schedule.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>
#include <fstream>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

json pull_all(Store& as) {
    HttpResult r = HttpClient(config_of(as)).get("/v1/pull?limit=1000", 5000);
    REQUIRE(r.ok());
    return body_of(r)["changes"];
}

} // namespace

TEST_CASE("sync: a kiosk and a board that never loaded the schedule get it from the server") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto c1 = enrolled_store(server, dir / "c1.db", "C1", "main", "console");
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    auto b1 = enrolled_store(server, dir / "b1.db", "B1", "main", "board");
    std::ifstream in(assets() / "demo/schedule.json");
    load_schedule(*c1, profile(), calendar(), json::parse(in), now_utc());
    run_agent_once(dir / "c1.db");
    REQUIRE(list_officials(*k1).empty());

    run_agent_once(dir / "k1.db");
    run_agent_once(dir / "b1.db");
    Date today = local_date(now_utc());
    Date month_on = add_days(today, 31);
    size_t sessions = sessions_between(*c1, today, month_on).size();
    REQUIRE(sessions > 0);
    for (Store* s : {k1.get(), b1.get()}) {
        CHECK(list_rooms(*s).size() == 1);
        CHECK(list_officials(*s).size() == list_officials(*c1).size());
        // What the kiosk offers for sign-up and the board shows as the month's schedule.
        CHECK(sessions_between(*s, today, month_on).size() == sessions);
        SyncState st = read_sync_state(*s);
        CHECK(st.pending == 0);
        CHECK(st.dead_letters == 0);
        CHECK(st.last_error.empty());
    }
    // A session cancelled at the console is cancelled on the kiosk too.
    ReceptionSession first = sessions_between(*c1, today, month_on).front();
    cancel_session(*c1, profile(), calendar(), first.uuid, "the akim is away", "operator-1",
                   now_utc());
    run_agent_once(dir / "c1.db");
    run_agent_once(dir / "k1.db");
    CHECK(find_session(*k1, first.uuid)->cancelled);
}

TEST_CASE("sync: a kiosk's pull carries no out-of-turn category and no one's personal data") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    auto k2 = enrolled_store(server, dir / "k2.db", "K2", "main", "kiosk");
    auto c1 = enrolled_store(server, dir / "c1.db", "C1", "main", "console");
    Ticket veteran = take_ticket(*k1, "same_day", "wwii_veteran");
    take_ticket(*c1, "consultation", "wwii_veteran");
    register_application(*c1, profile(), calendar(), sample_application(Channel::Paper),
                         "operator-1", now_utc());
    register_application(*k1, profile(), calendar(), sample_application(Channel::Kiosk), "kiosk-1",
                         now_utc());
    sync(*k1);
    sync(*c1);

    json changes = pull_all(*k2);
    CHECK(changes.size() >= 2);
    std::string text = changes.dump();
    CHECK(text.find("wwii_veteran") == std::string::npos);
    CHECK(text.find("871008401427") == std::string::npos); // the applicant's IIN
    CHECK(text.find("operator-1") == std::string::npos);   // who works at which desk
    for (const json& c : changes) {
        INFO(c.dump());
        std::string e = c["entity"];
        CHECK((e == "ticket" || e == "room" || e == "official" || e == "session"));
        if (e != "ticket") continue;
        CHECK(!c["payload"].contains("category"));
        CHECK(!c["payload"].contains("kiosk"));
    }

    // The kiosk's own ticket comes back without its category: the kiosk keeps the category
    // and the out-of-turn place it printed.
    sync(*k1);
    auto own = find_ticket(*k1, veteran.uuid);
    REQUIRE(own.has_value());
    CHECK(own->category == "wwii_veteran");
    std::string priority = "SELECT priority FROM tickets WHERE uuid = '" + veteran.uuid + "'";
    CHECK(count(*k1, priority.c_str()) == 0);
}
