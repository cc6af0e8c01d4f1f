// What an application's status page tells the applicant (cases/application_status.hpp), as a
// pure rule: the next step and its day in each state, initials, and the receipt's check code.
#include "cases/application_status.hpp"

#include "base/public_code.hpp"
#include "cases/deadlines.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

namespace {

Application registered_on(Date d) {
    Application a;
    a.reg_number = "K1-2026-00007";
    a.registered_on = d;
    a.applicant.surname = "Өтебаева";
    a.applicant.name = "Ұлжан";
    a.applicant.address = "Хромтау";
    a.essence = "Жол туралы";
    return a;
}

HistoryEvent draft_made(Instant at, Date decision_on) {
    HistoryEvent e;
    e.kind = "state_changed";
    e.from_state = "in_review";
    e.to_state = "refusal_draft_sent";
    e.data = {{"decision_on", format_date(decision_on)}, {"ground", "not_competent"}};
    e.at = at;
    return e;
}

} // namespace

TEST_CASE("reg-29: a registered application's page promises the day the work list counts") {
    Application a = registered_on(day(2026, 3, 16));
    ApplicationStatus s =
        application_status(a, {}, std::nullopt, profile(), calendar(), day(2026, 3, 17));
    CHECK(s.next == NextStep::DateToldBy);
    REQUIRE(s.date);
    CHECK(*s.date == response_clock(a, {}, profile(), calendar(), day(2026, 3, 17)).due);
    // Counted in working days: 15 from Monday 16 March 2026 pass Nauryz (21-25 March).
    CHECK(*s.date > add_days(day(2026, 3, 16), 21));
    CHECK(s.initials == "Ө. Ұ.");
}

TEST_CASE("reg-32, reg-33: a proposed refusal gives the decision day to object before, and "
          "after the hearing the day of the decision") {
    Application a = registered_on(day(2026, 3, 16));
    std::vector<HistoryEvent> events{draft_made(at(2026, 3, 18), day(2026, 4, 2))};
    a.state = AppState::RefusalDraftSent;
    ApplicationStatus s =
        application_status(a, events, std::nullopt, profile(), calendar(), day(2026, 3, 19));
    CHECK(s.next == NextStep::ObjectBefore);
    REQUIRE(s.date);
    CHECK(*s.date == day(2026, 4, 2));
    a.state = AppState::Hearing;
    s = application_status(a, events, std::nullopt, profile(), calendar(), day(2026, 3, 30));
    CHECK(s.next == NextStep::DecisionOn);
    CHECK(*s.date == day(2026, 4, 2));
}

TEST_CASE("reg-16, reg-28: a booked reception shows its session, and a cancelled one says a new "
          "date is coming") {
    Application a = registered_on(day(2026, 3, 16));
    a.state = AppState::Scheduled;
    ReceptionSession session;
    session.date = day(2026, 4, 1);
    session.start_minute = 15 * 60;
    session.end_minute = 18 * 60;
    ApplicationStatus s =
        application_status(a, {}, session, profile(), calendar(), day(2026, 3, 20));
    CHECK(s.next == NextStep::ComeToReception);
    REQUIRE(s.session);
    CHECK(*s.date == day(2026, 4, 1));
    session.cancelled = true;
    s = application_status(a, {}, session, profile(), calendar(), day(2026, 3, 20));
    CHECK(s.next == NextStep::NewDateComing);
    CHECK(!s.session);
}

TEST_CASE("reg-6, reg-15: a missing item is named with its day, a refusal with its ground, and "
          "a final state has no next step") {
    Application a = registered_on(day(2026, 3, 16));
    a.applicant.address.clear();
    a.state = AppState::NeedsCorrection;
    a.correction_due = day(2026, 3, 23);
    ApplicationStatus s =
        application_status(a, {}, std::nullopt, profile(), calendar(), day(2026, 3, 17));
    CHECK(s.next == NextStep::BringMissing);
    CHECK(s.missing == std::vector<std::string>{"address"});
    CHECK(*s.date == day(2026, 3, 23));
    a.state = AppState::Refused;
    a.refusal_ground = "not_competent";
    s = application_status(a, {}, std::nullopt, profile(), calendar(), day(2026, 4, 3));
    CHECK(s.next == NextStep::None);
    CHECK(s.refusal_ground == "not_competent");
    for (AppState final_state : {AppState::Answered, AppState::Returned, AppState::Withdrawn}) {
        a.state = final_state;
        s = application_status(a, {}, std::nullopt, profile(), calendar(), day(2026, 4, 3));
        CHECK(s.next == NextStep::None);
        CHECK(!s.date);
    }
}

TEST_CASE("receipt: the check code is the public code in four groups, and typing it back in "
          "any case, with spaces or the digits read for letters, finds the code") {
    std::string code = new_public_code();
    std::string printed = check_code_of(code);
    CHECK(printed.size() == 19);
    CHECK(printed[4] == '-');
    CHECK(code_from_check_code(printed) == code);
    std::string spaced = printed;
    for (char& c : spaced) c = c == '-' ? ' ' : char(std::tolower(c));
    CHECK(code_from_check_code(spaced) == code);
    CHECK(code_from_check_code("BOOK-2345-67AB-CDEF") ==
          code_from_check_code("B00K-2345-67AB-CDEF"));
    CHECK(code_from_check_code("BOOK-2345-67AB-CDE") == "");   // 15 letters
    CHECK(code_from_check_code("BOOK-2345-67AB-CDEF9") == ""); // 9 is no letter
    CHECK(initials_of("", "Ерлан") == "Е.");
    CHECK(initials_of("", "") == "");
}
