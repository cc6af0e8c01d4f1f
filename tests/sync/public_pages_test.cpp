// The public pages a visitor's phone opens from a ticket's QR code, through the real server:
// what they show, that they follow the desk's calls, need no credential, escape what records
// hold, carry no personal data, keep a code to its ticket and have their own rate limit.
#include "sync_support.hpp"

#include "base/public_code.hpp"
#include "queue/ticket_queue.hpp"
#include "queue/wait_estimate.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

std::string page_of(ServerProcess& server, const Ticket& t, const char* lang) {
    return public_page_body(server, "/p/t/" + t.public_code + "?l=" + lang);
}

Ticket call_at_desk(Store& console, const std::string& desk) {
    auto t =
        call_next(console, "main", local_date(now_utc()), {"same_day"}, desk, "clerk-1", now_utc());
    REQUIRE(t.has_value());
    return *t;
}

} // namespace

TEST_CASE("server: a ticket's public page shows its number, service, people ahead and the "
          "desk once called, in kk and ru") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    auto c1 = t.enrol("C1", "main", "console");
    Ticket first = take_ticket(*k1);
    Ticket mine = take_ticket(*k1);
    CHECK(is_public_code(mine.public_code));
    CHECK(mine.public_code != first.public_code);
    // Printed while the kiosk has not synced yet: the link works, and says so until it has.
    HttpResult early = public_get(t.server, "/p/t/" + mine.public_code + "?l=ru");
    CHECK(early.status == 200);
    CHECK(contains(early.body, catalog().text(Lang::ru, "pub.not_yet")));
    CHECK(contains(early.body, "http-equiv=\"refresh\""));
    sync(*k1);

    std::string ru = page_of(t.server, mine, "ru");
    CHECK(contains(ru, "<html lang=\"ru\">"));
    CHECK(contains(ru, mine.number));
    CHECK(contains(ru, profile().service("same_day")->ru));
    CHECK(contains(ru, catalog().format(Lang::ru, "ui.people_ahead", {{"count", "1"}})));
    CHECK(contains(ru, catalog().text(Lang::ru, "ui.wait_unknown"))); // no calls yet today
    CHECK(contains(ru, "Данные на "));
    std::string kk = page_of(t.server, mine, "kk");
    CHECK(contains(kk, catalog().format(Lang::kk, "ui.people_ahead", {{"count", "1"}})));
    CHECK(contains(kk, profile().service("same_day")->kk));
    CHECK(contains(kk, "?l=ru")); // the other language, one tap away

    // The desk calls the first visitor, then this one: the page says where to go.
    sync(*c1);
    call_at_desk(*c1, "2");
    sync(*c1);
    CHECK(contains(page_of(t.server, mine, "ru"),
                   catalog().format(Lang::ru, "ui.people_ahead", {{"count", "0"}})));
    call_at_desk(*c1, "3");
    sync(*c1);
    ru = page_of(t.server, mine, "ru");
    CHECK(contains(ru, catalog().text(Lang::ru, "pub.called")));
    CHECK(contains(ru, catalog().format(Lang::ru, "pub.go_to_desk", {{"desk", "3"}})));

    // The live part: JSON with the same words and the room's feed head to wait past.
    HttpResult live = public_get(t.server, "/p/t/" + mine.public_code + "/live?l=kk&since=0");
    REQUIRE(live.status == 200);
    json j = json::parse(live.body);
    CHECK(contains(j["html"], catalog().format(Lang::kk, "pub.go_to_desk", {{"desk", "3"}})));
    CHECK(j["head"].get<long long>() > 0);
}

TEST_CASE("server: the people ahead and the estimate on the phone are the kiosk's own") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    auto c1 = t.enrol("C1", "main", "console");
    for (int i = 0; i < 4; ++i) take_ticket(*k1);
    Ticket veteran = take_ticket(*k1, "same_day", "wwii_veteran");
    Ticket mine = take_ticket(*k1);
    sync(*k1);
    sync(*c1);
    for (int i = 0; i < 3; ++i) call_at_desk(*c1, "1"); // the veteran first, then two more
    sync(*c1);

    sync(*k1);
    // The desk's call of the kiosk's own out-of-turn ticket is taken on the kiosk too.
    CHECK(k1->meta(sync_key::last_error).value_or("") == "");
    Ticket here = find_ticket(*k1, mine.uuid).value();
    int ahead = people_ahead(*k1, here);
    CHECK(ahead == 2);
    std::string ru = page_of(t.server, mine, "ru");
    CHECK(contains(ru, catalog().format(Lang::ru, "ui.people_ahead", {{"count", "2"}})));
    auto minutes = estimated_wait_minutes(*k1, here, ahead);
    REQUIRE(minutes.has_value()); // three calls today: an estimate
    CHECK(contains(ru, catalog().format(Lang::ru, "ui.wait_estimate",
                                        {{"minutes", std::to_string(std::max(1, *minutes))}})));
    CHECK(find_ticket(*k1, veteran.uuid)->state == TicketState::Called);
}

TEST_CASE("server: public pages need no credential, take only GET, escape what records hold "
          "and show nothing personal") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    auto c1 = t.enrol("C1", "main", "console");
    Ticket veteran = take_ticket(*k1, "same_day", "wwii_veteran");
    sync(*k1);
    std::string page = page_of(t.server, veteran, "kk");
    CHECK(!contains(page, "wwii_veteran"));
    CHECK(!contains(page, "K1")); // the issuing kiosk
    CHECK(!contains(page, veteran.uuid));

    // A hostile console writes markup where a desk number goes: the page shows it as text.
    sync(*c1);
    Ticket called = call_at_desk(*c1, "4");
    json moved = last_op(*c1, "ticket");
    moved["payload"]["desk"] = "<script>alert(1)</script>";
    moved["payload"]["updated_at"] = format_instant(now_utc() + std::chrono::seconds(1));
    REQUIRE(push_ops(*c1, json::array({copy_op(moved)})).ok());
    page = page_of(t.server, called, "ru");
    CHECK(!contains(page, "<script>alert"));
    CHECK(contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));

    // Only GET; a code of the wrong shape is not found; an unknown one reads "not here yet",
    // the same as a ticket whose kiosk is offline (a guess learns nothing).
    HttpClient anon(ClientConfig{t.server.url(), pki().ca_pem, "", "", 5000});
    CHECK(anon.post("/p/t/" + veteran.public_code, "{}", 5000).status == 405);
    CHECK(public_get(t.server, "/p/x/" + veteran.public_code).status == 404);
    CHECK(public_get(t.server, "/p/t/" + veteran.public_code + "x").status == 404);
    HttpResult unknown = public_get(t.server, "/p/t/" + new_public_code() + "?l=ru");
    CHECK(unknown.status == 200);
    CHECK(contains(unknown.body, catalog().text(Lang::ru, "pub.not_yet")));
    // The terminal API still asks for its credential.
    CHECK(public_get(t.server, "/v1/pull").status == 401);
}

TEST_CASE("server: a transferred ticket's page follows it, and a kiosk cannot take over a code") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    auto c1 = t.enrol("C1", "main", "console");
    Ticket mine = take_ticket(*k1);
    sync(*k1);
    sync(*c1);
    Ticket called = call_at_desk(*c1, "2");
    Ticket moved =
        transfer_ticket(*c1, profile(), called.uuid, "documents", "", "clerk-1", now_utc());
    CHECK(moved.public_code == mine.public_code);
    sync(*c1);
    std::string ru = page_of(t.server, mine, "ru");
    CHECK(contains(ru, catalog().format(Lang::ru, "pub.moved",
                                        {{"service", profile().service("documents")->ru}})));
    CHECK(contains(ru, catalog().text(Lang::ru, "pub.waiting")));

    // Another kiosk's ticket claiming the same code keeps its own page off it.
    auto k2 = t.enrol("K2", "main", "kiosk");
    Ticket other = take_ticket(*k2);
    json op = last_op(*k2, "ticket");
    k2->exec("DELETE FROM outbox");
    op["payload"]["public_code"] = mine.public_code;
    REQUIRE(push_ops(*k2, json::array({copy_op(op)})).ok());
    ru = page_of(t.server, mine, "ru");
    CHECK(contains(ru, moved.number));
    CHECK(!contains(ru, other.number));
}

TEST_CASE("server: public pages have their own limit per address, and the terminals go on") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    Ticket mine = take_ticket(*k1);
    sync(*k1);
    HttpClient phone(ClientConfig{t.server.url(), pki().ca_pem, "", "", 5000});
    int ok = 0, limited = 0;
    for (int i = 0; i < 200 && limited == 0; ++i) {
        HttpResult r = phone.get("/p/t/" + mine.public_code, 5000);
        ok += r.status == 200;
        limited += r.status == 429;
        if (r.status == 429) CHECK(r.retry_after_s >= 1);
    }
    CHECK(ok >= 120);
    CHECK(limited == 1);
    take_ticket(*k1);
    sync(*k1); // the terminal API is not limited by the phones
}
