// The wait a ticket announces, from what the desks did today, and the receipt's promises.
#include "queue/wait_estimate.hpp"

#include "kiosk_model.hpp"
#include "queue/ticket_queue.hpp"
#include "schedule/schedule.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <fstream>

using namespace reception;
using namespace reception::test;

namespace {
Ticket issue(Store& s, Instant t) {
    return issue_ticket(s, profile(), {"main", "consultation", "", "kk", "kiosk-1"}, t);
}
// One visitor signs up at the kiosk at `t`, not sure of the official; the receipt is printed.
bool sign_up(kiosk::KioskModel& m, Instant t, const std::string& phone) {
    m.printer = [](const print::Raster&) { return print::PrintResult{true, ""}; };
    m.touched(t);
    m.start_signup();
    m.choose_official("");
    m.form().essence = "Ауылдағы жолды жөндеу туралы";
    m.form().surname = "Сәрсенбаева";
    m.form().name = "Әйгерім";
    m.form().iin = "871008401427";
    m.form().phone = phone;
    return m.submit(t);
}
} // namespace

TEST_CASE("kiosk ticket: no estimated wait is made up before three calls of the service today") {
    TestStore s;
    Instant t = at(2026, 3, 16, 10, 0);
    for (int i = 0; i < 2; ++i) {
        issue(*s, t);
        call_next(*s, "main", day(2026, 3, 16), {"consultation"}, "1", "clerk",
                  t + std::chrono::minutes(6 * i));
    }
    Ticket mine = issue(*s, t + std::chrono::minutes(13));
    CHECK_FALSE(estimated_wait_minutes(*s, mine, 4)); // two calls: not known yet
}

TEST_CASE("kiosk ticket: the estimated wait is the spacing of today's calls times the people "
          "ahead") {
    TestStore s;
    Instant t = at(2026, 3, 16, 10, 0);
    // Calls at 10:00, 10:06, 10:12, 10:18: one every 6 minutes.
    for (int i = 0; i < 4; ++i) {
        issue(*s, t);
        call_next(*s, "main", day(2026, 3, 16), {"consultation"}, "1", "clerk",
                  t + std::chrono::minutes(6 * i));
    }
    Ticket mine = issue(*s, t + std::chrono::minutes(20));
    REQUIRE(estimated_wait_minutes(*s, mine, 3));
    CHECK(*estimated_wait_minutes(*s, mine, 3) == 18);
    CHECK(*estimated_wait_minutes(*s, mine, 0) == 0);
    // Another service's calls say nothing about this one.
    Ticket other = issue_ticket(*s, profile(), {"main", "documents", "", "kk", "kiosk-1"}, t);
    CHECK_FALSE(estimated_wait_minutes(*s, other, 3));
}

TEST_CASE("reg-29: the kiosk's receipt says by which date the visitor is told the reception's "
          "date and time") {
    TestStore s;
    Instant t = at(2026, 12, 2, 10, 0);
    std::ifstream in(assets() / "demo/schedule.json");
    load_schedule(*s, profile(), calendar(), nlohmann::json::parse(in), t);
    kiosk::KioskConfig cfg;
    kiosk::KioskModel m(*s, profile(), calendar(), catalog(), cfg);
    REQUIRE(sign_up(m, t, "+7 7132 54 12 34")); // a landline: accepted, staff ring it
    // 15 working days from 2 December 2026: 16 December (Independence Day) is not one.
    CHECK(m.response_due_text().find("24.12.2026") != std::string::npos);
    std::string printed;
    for (const auto& l : m.last_printout()) printed += l.text + "\n";
    CHECK(printed.find("24.12.2026") != std::string::npos);
    CHECK(printed.find(catalog().text(Lang::kk, "ui.registered_on")) != std::string::npos);
    CHECK(printed.find(catalog().text(Lang::kk, "ui.receipt_status")) != std::string::npos);
}

TEST_CASE("reg-25: a sign-up after hours is registered the next working day, and the receipt "
          "says so") {
    TestStore s;
    Instant evening = at(2026, 12, 4, 19, 30); // Friday, after 18:30
    kiosk::KioskConfig cfg;
    kiosk::KioskModel m(*s, profile(), calendar(), catalog(), cfg);
    REQUIRE(sign_up(m, evening, "+77011234567"));
    CHECK(m.receipt()->registered_on == day(2026, 12, 7)); // Monday
    std::string printed;
    for (const auto& l : m.last_printout()) printed += l.text + "\n";
    CHECK(printed.find("07.12.2026") != std::string::npos);
}

TEST_CASE("reg-4: after the room's hours no same-day ticket is issued, and the kiosk says when it "
          "opens") {
    TestStore s;
    kiosk::KioskConfig cfg;
    kiosk::KioskModel m(*s, profile(), calendar(), catalog(), cfg);
    m.printer = [](const print::Raster&) { return print::PrintResult{true, ""}; };
    Instant friday_evening = at(2026, 12, 4, 18, 45); // closed at 18:30
    m.touched(friday_evening);
    m.start_ticket();
    m.choose_service("consultation");
    m.choose_category("", friday_evening);
    CHECK_FALSE(m.ticket()); // none issued
    CHECK(m.screen() == kiosk::Screen::Service);
    Stmt n = s->prepare("SELECT count(*) FROM tickets");
    n.step();
    CHECK(n.integer(0) == 0);
    // Next reception: Monday 7 December at 09:00 (the weekend in between).
    CHECK(m.tickets_closed_text(friday_evening).find("07.12.2026, 09:00") != std::string::npos);
    // On 16 December (Independence Day) the start screen says the room is closed today.
    CHECK(m.hours_text(at(2026, 12, 16, 10, 0)) == catalog().text(Lang::kk, "ui.board_closed"));
    CHECK_FALSE(m.tickets_closed_text(at(2026, 12, 16, 10, 0)).empty());
    // Before the opening and at lunch a ticket waits for the room: it is issued.
    Instant early = at(2026, 12, 7, 8, 40);
    CHECK(m.tickets_closed_text(early).empty());
    CHECK(m.hours_text(early).find("09:00") != std::string::npos);
    m.touched(early);
    m.choose_service("consultation");
    m.choose_category("", early);
    CHECK(m.ticket());
}
