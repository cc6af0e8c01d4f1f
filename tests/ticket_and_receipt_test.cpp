// The wait a ticket announces, from what the desks did today, and the receipt's promises.
#include "queue/wait_estimate.hpp"

#include "base/public_code.hpp"
#include "kiosk_model.hpp"
#include "print/raster.hpp"
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
// What zbarimg reads from the printout's QR code, as a phone's camera would; nullopt when
// zbar-tools is not installed.
std::optional<std::string> qr_read_back(const print::Raster& printed) {
    if (std::system("command -v zbarimg >/dev/null") != 0) return std::nullopt;
    TempDir dir;
    REQUIRE(print::write_png(printed, dir / "printout.png"));
    std::string out;
    run_command("zbarimg --quiet --raw " + (dir / "printout.png").string(), &out);
    return out;
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

TEST_CASE("kiosk ticket: before a ticket is taken, each service says how many wait and about "
          "how long, or that it is not known yet") {
    TestStore s;
    Instant t = at(2026, 3, 16, 10, 0);
    kiosk::KioskConfig cfg;
    kiosk::KioskModel m(*s, profile(), calendar(), catalog(), cfg);
    m.set_lang(Lang::ru);
    CHECK(m.service_wait_text("consultation", t) ==
          catalog().text(Lang::ru, "ui.service_wait_none"));
    // Calls at 10:00, 10:06, 10:12, 10:18; two more wait.
    for (int i = 0; i < 4; ++i) {
        issue(*s, t);
        call_next(*s, "main", day(2026, 3, 16), {"consultation"}, "1", "clerk",
                  t + std::chrono::minutes(6 * i));
    }
    issue(*s, t + std::chrono::minutes(19));
    issue(*s, t + std::chrono::minutes(19));
    Instant later = t + std::chrono::minutes(20);
    CHECK(m.service_wait_text("consultation", later) ==
          catalog().format(Lang::ru, "ui.service_wait", {{"count", "2"}, {"minutes", "12"}}));
    // A service with people waiting but no calls yet: honestly not known.
    issue_ticket(*s, profile(), {"main", "documents", "", "kk", "kiosk-1"}, later);
    CHECK(m.service_wait_text("documents", later + std::chrono::seconds(6)) ==
          catalog().format(Lang::ru, "ui.service_wait_unknown", {{"count", "1"}}));
    // The same rule the ticket prints: a ticket taken now is told 2 x 6 minutes.
    Ticket mine = issue(*s, later);
    CHECK(*estimated_wait_minutes(*s, mine, people_ahead(*s, mine)) == 12);
}

TEST_CASE("kiosk ticket: with public_url set, the printed ticket carries a QR code of its page "
          "with an unguessable code") {
    TestStore s;
    kiosk::KioskConfig cfg;
    cfg.public_url = "https://priem.example.kz:8443/p/";
    kiosk::KioskModel m(*s, profile(), calendar(), catalog(), cfg);
    std::vector<print::Raster> printed;
    m.printer = [&](const print::Raster& r) {
        printed.push_back(r);
        return print::PrintResult{true, ""};
    };
    Instant t = at(2026, 3, 16, 10, 0);
    m.set_lang(Lang::ru);
    m.start_ticket();
    m.choose_service("consultation");
    m.choose_category("", t);
    REQUIRE(m.ticket());
    std::string code = m.ticket()->public_code;
    CHECK(code.size() == 16);
    bool qr = false;
    for (const auto& l : m.last_printout())
        if (l.qr) {
            qr = true;
            CHECK(l.text == "https://priem.example.kz:8443/p/t/" + code + "?l=ru");
        }
    CHECK(qr);
    REQUIRE(printed.size() == 1);
    // The raster holds the QR code: zbarimg reads the link back (when zbar-tools is there).
    if (auto read = qr_read_back(printed[0]))
        CHECK(*read == "https://priem.example.kz:8443/p/t/" + code + "?l=ru\n");
    // Another ticket, another code; without public_url no QR code.
    m.reset();
    m.start_ticket();
    m.choose_service("consultation");
    m.choose_category("", t);
    CHECK(m.ticket()->public_code != code);
    kiosk::KioskModel plain(*s, profile(), calendar(), catalog(), kiosk::KioskConfig{});
    plain.printer = m.printer;
    plain.start_ticket();
    plain.choose_service("consultation");
    plain.choose_category("", t);
    for (const auto& l : plain.last_printout()) CHECK_FALSE(l.qr);
}

TEST_CASE("kiosk receipt: with public_url set, the sign-up receipt carries a QR code of the "
          "application's status page and its check code, also on the screen") {
    TestStore s;
    kiosk::KioskConfig cfg;
    cfg.public_url = "https://priem.example.kz:8443/p/";
    kiosk::KioskModel m(*s, profile(), calendar(), catalog(), cfg);
    std::vector<print::Raster> printed;
    Instant t = at(2026, 3, 16, 10, 0);
    m.set_lang(Lang::ru);
    REQUIRE(sign_up(m, t, "+77011234567"));
    m.printer = [&](const print::Raster& r) {
        printed.push_back(r);
        return print::PrintResult{true, ""};
    };
    REQUIRE(m.receipt());
    std::string code = m.receipt()->public_code;
    REQUIRE(is_public_code(code));
    CHECK(find_application(*s, m.receipt()->uuid)->public_code == code); // synced with it
    std::string link = "https://priem.example.kz:8443/p/a/" + code + "?l=ru";
    std::string check =
        catalog().text(Lang::ru, "ui.receipt_check_code") + ": " + check_code_of(code);
    CHECK(m.check_code_text() == check);
    bool qr = false, check_line = false, where = false;
    for (const auto& l : m.last_printout()) {
        if (l.qr) {
            qr = true;
            CHECK(l.text == link);
        }
        check_line |= l.text == check;
        where |= l.text.find("https://priem.example.kz:8443/p/a") != std::string::npos && !l.qr;
    }
    CHECK(qr);
    CHECK(check_line);
    CHECK(where);
    // A phone's camera reads the link back from the printed receipt (when zbar-tools is there).
    REQUIRE(m.reprint_last(t));
    REQUIRE(printed.size() == 1);
    if (auto read = qr_read_back(printed[0])) CHECK(*read == link + "\n");
    // Without public_url: no page to point to, so neither.
    kiosk::KioskModel plain(*s, profile(), calendar(), catalog(), kiosk::KioskConfig{});
    REQUIRE(sign_up(plain, t, "+77011234568"));
    CHECK(plain.check_code_text().empty());
    for (const auto& l : plain.last_printout()) CHECK_FALSE(l.qr);
}
