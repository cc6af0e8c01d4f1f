// Sign-in with personal accounts, roles that decide the screens, and who is written in the
// history.
#include "console_fixture.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::console;
using namespace reception::console::test;

TEST_CASE("console: a password is kept only as an argon2id hash") {
    Console c;
    c.add_staff("aigerim", StaffRole::Operator);
    CHECK(c.count("SELECT COUNT(*) FROM staff WHERE login = 'aigerim' AND "
                  "password_hash LIKE '$argon2id$%' AND password_hash NOT LIKE "
                  "'%password-aigerim%'") == 1);
}

TEST_CASE("console: typing login, Tab, password and Enter signs in, a wrong password does not") {
    Console c;
    c.add_staff("erlan", StaffRole::DeskClerk);
    c.frame();
    c.type("erlan");
    c.press(keys::kTab);
    c.type("not-his-password");
    c.press(keys::kEnter);
    CHECK_FALSE(c->user());
    CHECK(c->screen() == Screen::SignIn);
    CHECK(c->sign_in_error() == texts().text(Lang::kk, "error.sign_in_failed"));
    CHECK(c->sign_in_form().password.empty()); // nothing of a wrong password stays typed

    c->sign_in_form() = {"erlan", "password-erlan"};
    CHECK(c->sign_in(c.now));
    CHECK(c->screen() == Screen::Lookup); // a clerk's first tab
}

TEST_CASE("console: after five wrong passwords sign-in waits, even for the right one") {
    Console c;
    c.add_staff("asel", StaffRole::Operator);
    for (int i = 0; i < kMaxSignInFailures; ++i) {
        c->sign_in_form() = {"asel", "wrong-password"};
        CHECK_FALSE(c->sign_in(c.now));
    }
    c->sign_in_form() = {"asel", "password-asel"};
    CHECK_FALSE(c->sign_in(c.now + std::chrono::seconds(1)));
    CHECK(c->sign_in_error().find("29") != std::string::npos); // seconds left, in words
    c->sign_in_form() = {"asel", "password-asel"};
    CHECK(c->sign_in(c.now + std::chrono::seconds(kLockSeconds + 1)));
}

TEST_CASE("console: a role sees only its screens") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    CHECK(screens_of(StaffRole::Operator) ==
          std::vector{Screen::Intake, Screen::Lookup, Screen::Surveys});
    CHECK(c->screen() == Screen::Intake);
    CHECK_FALSE(c->go(Screen::Desk));
    CHECK_FALSE(c->go(Screen::Record));
    CHECK(c->screen() == Screen::Intake);
    // The tab bar shows the operator's tabs and no other.
    c.frame();
    CHECK(c.shown(texts().text(Lang::kk, "console.screen.intake") + "  F1"));
    CHECK(c.shown(texts().text(Lang::kk, "console.screen.lookup") + "  F2"));
    CHECK_FALSE(c.shown(texts().text(Lang::kk, "console.screen.desk") + "  F3"));

    CHECK(screens_of(StaffRole::DeskClerk) ==
          std::vector{Screen::Lookup, Screen::Desk, Screen::Record});
    CHECK_FALSE(role_may(StaffRole::DeskClerk, Screen::Intake));
    CHECK(screens_of(StaffRole::Responsible) == std::vector{Screen::Lookup, Screen::WorkList,
                                                            Screen::MonthSchedule, Screen::Surveys,
                                                            Screen::Reports});
    CHECK_FALSE(role_may(StaffRole::Operator, Screen::WorkList));
    CHECK_FALSE(role_may(StaffRole::DeskClerk, Screen::Reports));
    CHECK(screens_of(StaffRole::Admin).size() == screen_table().size());
}

TEST_CASE(
    "console: F2 opens the lookup tab, and signing out leaves nothing of the call on screen") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    c->intake().form().phone = "+7 701 123 45 67";
    c.press(keys::kF1 + 1);
    CHECK(c->screen() == Screen::Lookup);
    CHECK(c.tap(texts().text(Lang::kk, "console.sign_out")));
    CHECK(c->screen() == Screen::SignIn);
    CHECK_FALSE(c->user());
    CHECK(c->intake().form().phone.empty());
    CHECK(c.count("SELECT COUNT(*) FROM events WHERE kind = 'signed_out' AND actor = "
                  "'operator1'") == 1);
}
