// Phone intake: keyboard only, registered in the separate protocol of oral applications on the
// right day (reg-25), duplicates shown first, art. 63 gaps accepted and flagged (reg-6), and
// every wrong field refused with its message and nothing saved.
#include "console_fixture.hpp"

#include "cases/applications.hpp"

#include <doctest/doctest.h>
#include <functional>

using namespace reception;
using namespace reception::console;
using namespace reception::console::test;

namespace {

void fill(IntakeForm& f) {
    f.surname = "Сәрсенбаева";
    f.name = "Әйгерім";
    f.patronymic = "Қайратқызы";
    f.phone = "8 (701) 123-45-67";
    f.iin = "871008401427";
    f.address = "Хромтау, Абай к-сі, 7";
    f.essence = "Ауылдағы жолды жөндеу туралы өтініш";
}

std::string kk_text(const std::string& key) {
    return texts().text(Lang::kk, key);
}

long long applications(Console& c) {
    return c.count("SELECT COUNT(*) FROM applications");
}

Application save_at(Console& c, Instant when) {
    c->intake().new_call();
    fill(c->intake().form());
    SaveResult r = c->intake().save(c->actor(), when);
    if (r == SaveResult::DuplicatesShown) r = c->intake().save(c->actor(), when); // same caller
    REQUIRE(r == SaveResult::Saved);
    return *c->intake().saved();
}

} // namespace

TEST_CASE("console: an operator takes a call with the keyboard only and reads the number back") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    c.frame(); // the intake screen puts the cursor in the surname field
    // Tab walks surname, name, patronymic, phone, IIN, the postal address, the e-mail and the
    // essence, in the order a caller is asked.
    for (const char* text :
         {"Сәрсенбаева", "Әйгерім", "Қайратқызы", "+7 701 123 45 67", "871008401427",
          "Хромтау, Абай к-сі, 7", "aigerim@example.kz", "Ауылдағы жолды жөндеу туралы өтініш"}) {
        c.type(text);
        c.press(keys::kTab);
    }
    c.press(keys::kEnter); // Enter saves from any field
    const IntakeForm& f = c->intake().form();
    CHECK(f.surname == "Сәрсенбаева");
    CHECK(f.essence == "Ауылдағы жолды жөндеу туралы өтініш");
    CHECK(f.email == "aigerim@example.kz");
    CHECK(!f.notice_consent); // asked, not assumed: without it staff phone
    REQUIRE(c->intake().saved());
    const Application& a = *c->intake().saved();
    CHECK(a.channel == Channel::Phone);
    CHECK(a.applicant.address == "Хромтау, Абай к-сі, 7");
    CHECK(a.state == AppState::Registered); // nothing of APPC art. 63 missing
    CHECK(applications(c) == 1);
    // The read-back starts with the number, in the caller's language.
    auto lines = c->intake().read_back(c.now);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0].find(a.reg_number) != std::string::npos);
    // The history says who took the call.
    auto events = history(*c.s, a.uuid);
    REQUIRE_FALSE(events.empty());
    CHECK(events[0].actor == "operator1");
    // F6: the next call starts on an empty form.
    c.press(keys::kF1 + 5);
    CHECK(c->intake().form().surname.empty());
    CHECK_FALSE(c->intake().saved());
}

TEST_CASE("reg-25: a call in working hours is registered the same day, in the oral protocol") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    Application a = save_at(c, at(2026, 4, 14, 11, 0));
    CHECK(a.registered_on == day(2026, 4, 14));
    CHECK_FALSE(a.oral_protocol_number.empty()); // the separate protocol of oral applications
    CHECK(a.reg_number != a.oral_protocol_number);
    CHECK(c->intake().read_back(at(2026, 4, 14, 11, 0))[2] ==
          texts().format(Lang::kk, "console.readback.registered_today", {{"date", "14.04.2026"}}));
}

TEST_CASE("reg-25: a call on Saturday is registered on Monday") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    Instant saturday = at(2026, 4, 11, 11, 0);
    Application a = save_at(c, saturday);
    CHECK(a.registered_on == day(2026, 4, 13));
    CHECK_FALSE(a.oral_protocol_number.empty());
    // The operator tells the caller the date it counts from.
    CHECK(c->intake().read_back(saturday)[2] ==
          texts().format(Lang::kk, "console.readback.registered_later", {{"date", "13.04.2026"}}));
}

TEST_CASE("reg-25: a call after working hours is registered on the next working day") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    CHECK(save_at(c, at(2026, 4, 14, 19, 30)).registered_on == day(2026, 4, 15));
    // Friday evening: Monday. Before the Nauryz days off (23-25 March 2026): 26 March.
    CHECK(save_at(c, at(2026, 4, 17, 20, 0)).registered_on == day(2026, 4, 20));
    CHECK(save_at(c, at(2026, 3, 20, 19, 0)).registered_on == day(2026, 3, 26));
}

TEST_CASE("console: a caller with an open application is shown it before a duplicate is made") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    Application first = save_at(c, c.now);
    // The same caller, found by phone in another spelling.
    c->intake().new_call();
    fill(c->intake().form());
    c->intake().form().iin.clear();
    c->intake().form().phone = "+7 701 123 45 67";
    c->intake().form().essence = "Жер учаскесін ресімдеу мәселесі";
    CHECK(c->intake().save(c->actor(), c.now) == SaveResult::DuplicatesShown);
    REQUIRE(c->intake().open_of_caller().size() == 1);
    CHECK(c->intake().open_of_caller()[0].reg_number == first.reg_number);
    CHECK(applications(c) == 1); // nothing made yet
    c.frame();
    // Enter again: the operator confirmed it is a new issue.
    CHECK(c->intake().save(c->actor(), c.now) == SaveResult::Saved);
    CHECK(applications(c) == 2);

    // Found by IIN with another phone.
    c->intake().new_call();
    fill(c->intake().form());
    c->intake().form().phone = "+7 777 000 11 22";
    CHECK(c->intake().save(c->actor(), c.now) == SaveResult::DuplicatesShown);
    REQUIRE(c->intake().open_of_caller().size() == 1); // the second was given no IIN
    CHECK(c->intake().open_of_caller()[0].reg_number == first.reg_number);
}

TEST_CASE("reg-6: an application lacking an APPC art. 63 item is accepted as needing correction") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    IntakeForm& f = c->intake().form();
    f.phone = "+7 705 555 12 34";
    f.essence = "Көшеде жарық жоқ, шамдарды жөндеу керек";
    CHECK(missing_art63(f) == std::vector<std::string>{"surname", "name", "address"});
    REQUIRE(c->intake().save(c->actor(), c.now) == SaveResult::Saved);
    const Application& a = *c->intake().saved();
    CHECK(a.state == AppState::NeedsCorrection);
    REQUIRE(a.correction_due);
    CHECK(*a.correction_due > a.registered_on);
    // The read-back says what is missing and until when.
    auto lines = c->intake().read_back(c.now);
    bool told = false;
    for (const auto& l : lines)
        told =
            told || (l.find(texts().text(Lang::kk, "console.art63.surname")) != std::string::npos &&
                     l.find(dotted_date(*a.correction_due)) != std::string::npos);
    CHECK(told);
}

TEST_CASE("reg-6: the postal address is a field of the intake and the desk: a caller who gives "
          "none is told it is missing, and the application needs correction as the form says") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    c.frame();
    CHECK(c.shown(kk_text("console.case.address"))); // the field is on the screen
    IntakeForm& f = c->intake().form();
    fill(f);
    f.address = "";
    // The phone to call back is no address to send the answer to.
    CHECK(missing_art63(f) == std::vector<std::string>{"address"});
    REQUIRE(c->intake().save(c->actor(), c.now) == SaveResult::Saved);
    CHECK(c->intake().saved()->state == AppState::NeedsCorrection);
    bool told = false;
    for (const auto& l : c->intake().read_back(c.now))
        told |= l.find(texts().text(Lang::kk, "console.art63.address")) != std::string::npos;
    CHECK(told);
    // Given, it is kept and nothing is missing.
    c->intake().new_call();
    fill(c->intake().form());
    c->intake().form().phone = "+7 702 000 00 00";
    c->intake().form().iin.clear();
    REQUIRE(c->intake().save(c->actor(), c.now) == SaveResult::Saved);
    CHECK(c->intake().saved()->state == AppState::Registered);
    CHECK(c->intake().saved()->applicant.address == "Хромтау, Абай к-сі, 7");
}

TEST_CASE("reg-4: the operator registers what came by e-gov or eOtinish with its own channel, "
          "and no phone is needed for it") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    c.frame();
    CHECK(c.shown(kk_text("console.intake.channel"))); // a list: phone, e-gov, eOtinish, post
    for (const char* code : {"egov_portal", "eotinish"}) {
        c->intake().new_call();
        fill(c->intake().form());
        c->intake().form().phone = "";
        c->intake().form().iin.clear();
        c->intake().form().channel = code;
        REQUIRE(c->intake().save(c->actor(), c.now) == SaveResult::Saved);
        const Application& a = *c->intake().saved();
        CHECK(to_code(a.channel) == std::string(code));
        CHECK(a.oral_protocol_number.empty()); // written: not in the oral protocol (reg-25)
    }
    c->intake().new_call();
    fill(c->intake().form());
    c->intake().form().channel = "kiosk"; // not a channel this screen takes
    CHECK(c->intake().save(c->actor(), c.now) == SaveResult::Invalid);
    CHECK(c->intake().errors().at("channel") == "unknown_channel");
}

TEST_CASE("reg-5: bad input on every intake field gives its message and saves nothing") {
    struct Case {
        const char* field;
        std::function<void(IntakeForm&)> spoil;
        const char* code;
    };
    const std::string long_text(260, 'a');
    const std::vector<Case> cases = {
        {"surname", [&](IntakeForm& f) { f.surname = "Иванов2"; }, nullptr},
        {"surname", [&](IntakeForm& f) { f.surname = std::string(130, 'A'); }, "too_long"},
        {"name", [&](IntakeForm& f) { f.name = "Ai#gerim"; }, nullptr},
        {"patronymic", [&](IntakeForm& f) { f.patronymic = std::string(130, 'A'); }, "too_long"},
        {"phone", [&](IntakeForm& f) { f.phone = ""; }, nullptr},
        {"phone", [&](IntakeForm& f) { f.phone = "8 701 12"; }, nullptr},
        {"phone", [&](IntakeForm& f) { f.phone = "+7 912 345 67 89"; }, nullptr}, // Russia
        {"iin", [&](IntakeForm& f) { f.iin = "871008401428"; }, "bad_checksum"},
        {"iin", [&](IntakeForm& f) { f.iin = "8710084014"; }, "wrong_length"},
        {"essence", [&](IntakeForm& f) { f.essence = "  "; }, "essence_required"},
        {"essence", [&](IntakeForm& f) { f.essence = "жол"; }, "too_short"},
        {"essence", [&](IntakeForm& f) { f.essence = std::string(4001, 'a'); }, "too_long"},
        {"topic", [&](IntakeForm& f) { f.topic = long_text; }, "too_long"},
        {"address", [&](IntakeForm& f) { f.address = long_text; }, "too_long"},
        {"bin",
         [&](IntakeForm& f) {
             f.representative = true;
             f.bin = "940140000386";
             f.entity_name = "ЖШС Береке";
         },
         nullptr},
        {"entity_name",
         [&](IntakeForm& f) {
             f.representative = true;
             f.bin = "940140000385";
             f.entity_name = long_text;
         },
         "too_long"},
        {"language", [&](IntakeForm& f) { f.language = "en"; }, "bad_language"},
    };
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    const long long events = c.count("SELECT COUNT(*) FROM events");
    for (const auto& k : cases) {
        CAPTURE(k.field);
        c->intake().new_call();
        fill(c->intake().form());
        k.spoil(c->intake().form());
        CHECK(c->intake().save(c->actor(), c.now) == SaveResult::Invalid);
        REQUIRE(c->intake().errors().count(k.field));
        std::string code = c->intake().errors().at(k.field);
        if (k.code) CHECK(code == k.code);
        // A message of its own, in both languages, not the general one.
        for (Lang l : {Lang::kk, Lang::ru}) {
            std::string message = error_text(texts(), l, k.field, code);
            CHECK(message != texts().format(l, "error.unexpected", {{"code", code}}));
        }
        c.frame();
        CHECK(applications(c) == 0);
        CHECK(c.count("SELECT COUNT(*) FROM events") == events);
    }
}

TEST_CASE("reg-28, reg-12: the operator records the date the caller chooses among those "
          "proposed, and the out-of-turn category") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    REQUIRE(c->go(Screen::Intake));
    c.frame();
    IntakeModel& in = c->intake();
    fill(in.form());
    CHECK(in.sessions_to_choose(c.now).empty()); // no official named: the room chooses
    in.form().official_uuid = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d01"; // the akim, Wednesdays
    auto offered = in.sessions_to_choose(c.now);
    REQUIRE_FALSE(offered.empty());
    // Tuesday 14 April: 22 April leaves the 5 working days of the note to the akim (reg-26).
    CHECK(offered[0].date == day(2026, 4, 22));
    in.form().chosen_session = offered[0].uuid;
    in.form().category = "disability";
    c.frame(); // the choices are drawn with the form
    REQUIRE(in.save(c->actor(), c.now) == SaveResult::Saved);
    CHECK(in.saved()->chosen_session == offered[0].uuid);
    CHECK(in.saved()->category == "disability");
    CHECK(find_application(*c.s, in.saved()->uuid)->chosen_session == offered[0].uuid);
}
