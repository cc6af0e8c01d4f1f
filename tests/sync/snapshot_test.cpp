// Snapshot, then tail (sync/server/feed.hpp): after `reception-server prune --feed-days`, a
// terminal enrolled later starts from its room's current records, then the feed's tail, and
// ends with the same records as a terminal that followed the whole feed.
#include "sync_support.hpp"

#include "cases/applications.hpp"
#include "common/protocol.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

// Every row of sql (one column of text): two stores hold the same records when these are equal.
static std::multiset<std::string> rows(Store& store, const char* sql) {
    std::multiset<std::string> out;
    Stmt st = store.prepare(sql);
    while (st.step()) out.insert(st.text(0));
    return out;
}

static const char* const kTickets =
    "SELECT uuid || '|' || room || '|' || number || '|' || state FROM tickets";
static const char* const kApplications =
    "SELECT uuid || '|' || reg_number || '|' || updated_at FROM applications";
static const char* const kEvents = "SELECT uuid || '|' || entity_uuid || '|' || kind FROM events";

TEST_CASE("sync: a terminal enrolled after the feed was pruned starts from a snapshot of its "
          "room and ends with the same records as an old one") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    auto c1 = t.enrol("C1", "main", "console");
    auto b1 = t.enrol("B1", "main", "board");
    auto k9 = t.enrol("K9", "other", "kiosk");
    for (int i = 0; i < 5; ++i) take_ticket(*k1);
    take_ticket(*k9);
    register_application(*c1, profile(), calendar(), sample_application(Channel::Paper),
                         "operator-1", now_utc());
    for (Store* s : {k1.get(), k9.get(), c1.get(), b1.get()}) sync(*s);

    // Two days on, the feed keeps one day: every change so far goes.
    std::string later = format_instant(now_utc() + std::chrono::hours(48));
    std::string out;
    REQUIRE(t.server.admin("prune --feed-days 1 --as-of " + later, &out) == 0);
    CHECK(out.find("removed") != std::string::npos);
    CHECK(t.server.count("SELECT count(*) FROM srv_changes") == 0);
    // The tail: what comes after the pruning.
    take_ticket(*k1);
    take_ticket(*k1);
    sync(*k1);

    auto c2 = t.enrol("C2", "main", "console");
    auto b2 = t.enrol("B2", "main", "board");
    for (Store* s : {c1.get(), b1.get(), c2.get(), b2.get()}) sync(*s);
    CHECK(rows(*c2, kTickets).size() == 7);
    CHECK(rows(*c2, kTickets) == rows(*c1, kTickets));
    CHECK(rows(*c2, kApplications) == rows(*c1, kApplications));
    CHECK(rows(*c2, kEvents) == rows(*c1, kEvents));
    CHECK(rows(*b2, kTickets) == rows(*b1, kTickets));
    CHECK(count(*b2, "SELECT count(*) FROM applications") == 0); // the public view only
    CHECK(count(*c2, "SELECT count(*) FROM tickets WHERE room <> 'main'") == 0);

    // Page by page: the cursor carries the snapshot's place, then the tail goes on from its head.
    HttpClient client(config_of(*c2));
    std::set<std::string> seen;
    std::string cursor = parse_cursor(c2->meta(sync_key::cursor).value_or(""))->epoch + ":0";
    bool more = true;
    int pages = 0;
    while (more && pages++ < 100) {
        HttpResult r = client.get("/v1/pull?limit=2&cursor=" + cursor, 10000);
        REQUIRE(r.status == 200);
        json page = body_of(r);
        for (const json& c : page["changes"]) seen.insert(c["entity_uuid"].get<std::string>());
        cursor = page["cursor"];
        more = page["has_more"];
        if (more) CHECK(parse_cursor(cursor)->entity.size() > 0);
    }
    CHECK(parse_cursor(cursor)->entity.empty());
    CHECK(long(seen.size()) ==
          t.server.count("SELECT count(*) FROM srv_records WHERE room = 'main'"));
}
