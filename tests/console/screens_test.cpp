// Every screen drawn headless in kk and ru with what the screenshots show: nothing throws, each
// shows its own labels, and the buttons do what their label says.
#include "console_fixture.hpp"

#include "queue/ticket_queue.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::console;
using namespace reception::console::test;

TEST_CASE("console: every screen draws in kk and ru with its labels") {
    for (Lang lang : {Lang::kk, Lang::ru}) {
        Console c;
        c->set_lang(lang);
        c.frame();
        CHECK(c.shown(texts().text(lang, "console.sign_in.login")));
        REQUIRE(c.sign_in_as("admin1", StaffRole::Admin));
        auto t = [&](const char* key) { return texts().text(lang, key); };
        for (Screen s : screens_of(StaffRole::Admin)) {
            CAPTURE(screen_code(s));
            REQUIRE(c->go(s));
            c.frame();
            c.frame();
            int key = screen_info(s)->tab_key; // 0: a tab without a function key
            CHECK(c.shown(t((std::string("console.screen.") + screen_code(s)).c_str()) +
                          (key ? "  F" + std::to_string(key) : std::string())));
        }
        c->go(Screen::Intake);
        c.frame();
        CHECK(c.shown(t("ui.essence") + " *"));
        CHECK(c.tap(t("console.intake.save") + "  Enter"));
        CHECK(c->intake().errors().count("essence"));
        CHECK(c->intake().errors().count("phone"));
    }
}

TEST_CASE("console: the desk's buttons call, start and finish, and open the reception record") {
    Console c;
    issue_ticket(*c.s, profile(), {"main", "same_day", "", "kk", "kiosk-1"}, c.now);
    REQUIRE(c.sign_in_as("clerk1", StaffRole::DeskClerk));
    REQUIRE(c->go(Screen::Desk));
    c.frame();
    auto t = [&](const char* key) { return texts().text(Lang::kk, key); };
    CHECK(c.tap(t("console.desk.open") + "  Enter"));
    CHECK(c->desk().errors().count("services")); // a desk serves at least one service
    c->desk().services() = {"same_day"};
    CHECK(c.tap(t("console.desk.open") + "  Enter"));
    REQUIRE(c->desk().desk());
    CHECK(c.tap(t("ui.call_next") + "  F5"));
    REQUIRE(c->desk().current());
    CHECK(c.tap(t("console.desk.start") + "  F8"));
    CHECK(c->desk().current()->state == TicketState::Serving);
    CHECK(c.tap(t("console.desk.record") + "  F12"));
    CHECK(c->screen() == Screen::Record);
    c.press(keys::kF1 + 2); // F3: back to the desk
    CHECK(c->screen() == Screen::Desk);
    CHECK(c.tap(t("ui.finish") + "  F9"));
    CHECK_FALSE(c->desk().current());
}

TEST_CASE("profile: the console warns staff that the profile in use has expired, in kk and ru") {
    for (Lang lang : {Lang::kk, Lang::ru}) {
        Console c; // on 14 April 2026: No. 133 applied at least until 30 March 2025
        c->set_lang(lang);
        REQUIRE(c.sign_in_as("clerk1", StaffRole::DeskClerk));
        c.frame();
        std::string expected =
            texts().format(lang, "warning.profile_expired_unconfirmed",
                           {{"profile", "khromtau-2023-133"}, {"ended", "30.03.2025"}});
        CHECK(c.shown(expected));
        CHECK(expected.find("khromtau-2023-133") != std::string::npos);
    }
}

TEST_CASE("calendar: the console warns of an unconfirmed calendar and of a year with none") {
    Console c;
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    auto t = [&](const char* key) { return texts().text(Lang::kk, key); };
    // 2 December 2026: a two-month term started today ends in 2027, whose calendar is not
    // confirmed.
    c.now = at(2026, 12, 2, 10);
    c.frame();
    std::string items = t("calendar.unconfirmed.kurban_ait") + ", " +
                        t("calendar.unconfirmed.transfers") + ", " +
                        t("calendar.unconfirmed.holidays");
    CHECK(c.shown(texts().format(Lang::kk, "warning.calendar_unconfirmed",
                                 {{"year", "2027"}, {"items", items}})));
    CHECK_FALSE(c.shown(texts().format(Lang::kk, "warning.calendar_missing", {{"year", "2028"}})));
    // 1 December 2027: such a term ends in 2028, which has no calendar file.
    c.now = at(2027, 12, 1, 10);
    c.frame();
    CHECK(c.shown(texts().format(Lang::kk, "warning.calendar_missing", {{"year", "2028"}})));
}
