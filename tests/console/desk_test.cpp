// The desk: calling the queue (reg-12), the claimed category checked and removed, the waiting
// room per service, and two desks in two processes calling at once.
#include "console_fixture.hpp"

#include "cases/applications.hpp"
#include "queue/ticket_queue.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <set>
#include <sstream>

using namespace reception;
using namespace reception::console;
using namespace reception::console::test;

namespace {

Ticket ticket(Console& c, const std::string& service, const std::string& category,
              int minutes_ago) {
    return issue_ticket(*c.s, profile(), {"main", service, category, "kk", "kiosk-1"},
                        c.now - std::chrono::minutes(minutes_ago));
}

void open_desk_3(Console& c) {
    REQUIRE(c.sign_in_as("clerk1", StaffRole::DeskClerk));
    REQUIRE(c->go(Screen::Desk));
    c->desk().number() = "3";
    c->desk().services() = {"same_day", "consultation"};
    REQUIRE(c->desk().open(c->actor(), c.now));
}

} // namespace

TEST_CASE("reg-12: Call next calls the out-of-turn ticket first, then in order of arrival") {
    Console c;
    Ticket first = ticket(c, "same_day", "", 30);
    Ticket second = ticket(c, "consultation", "", 20);
    Ticket veteran = ticket(c, "same_day", "wwii_veteran", 5);
    ticket(c, "documents", "", 40); // a service this desk does not serve
    open_desk_3(c);
    c.frame();
    c.press(keys::kF1 + 4); // F5
    REQUIRE(c->desk().current());
    CHECK(c->desk().current()->uuid == veteran.uuid);
    // The category shows, with the request to see the document.
    c.frame();
    CHECK(c->desk().current()->category == "wwii_veteran");
    for (auto [a, then] : {std::pair{DeskAction::Start, TicketState::Serving},
                           std::pair{DeskAction::Finish, TicketState::Done}}) {
        CHECK(c->desk().act(a, c->actor(), c.now));
        if (then == TicketState::Done) CHECK_FALSE(c->desk().current());
    }
    CHECK(c->desk().act(DeskAction::CallNext, c->actor(), c.now));
    CHECK(c->desk().current()->uuid == first.uuid);
    // The profile's policy: called again twice, a minute apart, before the no-show.
    CHECK_FALSE(c->desk().can(DeskAction::NoShow));
    for (int i = 0; i < 2; ++i) {
        c.now += std::chrono::minutes(1);
        CHECK(c->desk().act(DeskAction::Recall, c->actor(), c.now));
    }
    CHECK_FALSE(c->desk().can(DeskAction::Recall));
    c.now += std::chrono::minutes(1);
    CHECK(c->desk().act(DeskAction::NoShow, c->actor(), c.now));
    CHECK(c->desk().act(DeskAction::CallNext, c->actor(), c.now));
    CHECK(c->desk().current()->uuid == second.uuid);
    // Who called is in the ticket's history.
    auto events = history(*c.s, second.uuid);
    CHECK(std::any_of(events.begin(), events.end(),
                      [](const HistoryEvent& e) { return e.actor == "clerk1"; }));
    c.now += std::chrono::minutes(1);
    CHECK(c->desk().act(DeskAction::Recall, c->actor(), c.now));
    CHECK(c->desk().current()->uuid == second.uuid);
}

TEST_CASE("reg-12: the desk screen calls a ticket picked from the list, with the reason logged") {
    Console c;
    ticket(c, "same_day", "", 30);
    Ticket booked = ticket(c, "consultation", "", 10);
    open_desk_3(c);
    c.frame();
    REQUIRE(c->desk().waiting_list().size() == 2);
    CHECK(c.shown(c->t("console.desk.call_chosen")));
    // Without a choice, then without a reason: refused, nothing called.
    CHECK_FALSE(c->desk().call_chosen(c->actor(), c.now));
    CHECK(c->desk().errors().at("ticket") == "choose_ticket");
    c->desk().chosen_ticket() = booked.uuid;
    CHECK_FALSE(c->desk().call_chosen(c->actor(), c.now));
    CHECK(c->desk().errors().at("call_reason") == "empty");
    c->desk().call_reason() = "Жазылу бойынша";
    c.tap(c->t("console.desk.call_chosen"));
    REQUIRE(c->desk().current());
    CHECK(c->desk().current()->uuid == booked.uuid);
    auto events = history(*c.s, booked.uuid);
    CHECK(std::any_of(events.begin(), events.end(), [](const HistoryEvent& e) {
        return e.kind == "called_out_of_order" && e.actor == "clerk1" &&
               e.reason == "Жазылу бойынша";
    }));
    CHECK(c->desk().recalls() == 0);
    CHECK(c->desk().can(DeskAction::Recall));
    c.frame();
    CHECK_FALSE(c.shown(c->t("console.desk.call_chosen"))); // someone is at the desk
}

TEST_CASE("reg-12: a no-show who comes back is put back in the queue from the desk screen") {
    Console c;
    Ticket late = ticket(c, "same_day", "", 30);
    Ticket later = ticket(c, "same_day", "", 20);
    open_desk_3(c);
    REQUIRE(c->desk().act(DeskAction::CallNext, c->actor(), c.now));
    for (int i = 0; i < 3; ++i) {
        c.now += std::chrono::minutes(1);
        REQUIRE(c->desk().act(i < 2 ? DeskAction::Recall : DeskAction::NoShow, c->actor(), c.now));
    }
    c.frame();
    CHECK(c.shown(c->t("console.desk.reactivate")));
    REQUIRE(c->desk().no_shows().size() == 1);
    c.now += std::chrono::minutes(10);
    c.tap(c->t("console.desk.reactivate"));
    CHECK(c->desk().notice() == "console.desk.reactivated");
    CHECK(c->desk().no_shows().empty());
    // In the old place: before the one who came later.
    REQUIRE(c->desk().act(DeskAction::CallNext, c->actor(), c.now));
    CHECK(c->desk().current()->number == late.number);
    CHECK(c->desk().current()->uuid != later.uuid);
}

TEST_CASE("reg-12: a category claimed without the document is removed, with who and why") {
    Console c;
    Ticket claimed = ticket(c, "same_day", "disability", 5);
    open_desk_3(c);
    REQUIRE(c->desk().act(DeskAction::CallNext, c->actor(), c.now));
    CHECK_FALSE(c->desk().remove_category(c->actor(), c.now)); // a reason is required
    CHECK(c->desk().errors().at("category_reason") == "empty");
    c->desk().category_reason() = "Құжат көрсетілмеді";
    CHECK(c->desk().remove_category(c->actor(), c.now));
    CHECK(c->desk().current()->category.empty());
    auto events = history(*c.s, claimed.uuid);
    CHECK(std::any_of(events.begin(), events.end(), [](const HistoryEvent& e) {
        return e.kind == "category_removed" && e.actor == "clerk1" &&
               e.reason == "Құжат көрсетілмеді";
    }));
}

TEST_CASE("console: the desk shows how many wait per service and the longest wait") {
    Console c;
    ticket(c, "same_day", "", 42);
    ticket(c, "same_day", "", 10);
    ticket(c, "consultation", "", 7);
    open_desk_3(c);
    c->desk().refresh(c.now);
    const auto& w = c->desk().waiting();
    auto of = [&](const std::string& s) {
        return *std::find_if(w.begin(), w.end(), [&](auto& x) { return x.service == s; });
    };
    CHECK(of("same_day").waiting == 2);
    CHECK(of("same_day").longest_wait_minutes == 42);
    CHECK(of("consultation").waiting == 1);
    CHECK(of("consultation").longest_wait_minutes == 7);
}

TEST_CASE(
    "console: a paused desk calls nobody, and Transfer sends the visitor to another service") {
    Console c;
    Ticket t = ticket(c, "same_day", "", 5);
    open_desk_3(c);
    REQUIRE(c->desk().act(DeskAction::Pause, c->actor(), c.now));
    CHECK_FALSE(c->desk().can(DeskAction::CallNext));
    REQUIRE(c->desk().act(DeskAction::Resume, c->actor(), c.now));
    REQUIRE(c->desk().act(DeskAction::CallNext, c->actor(), c.now));
    // Transfer without a service: a message, and the visitor stays here.
    CHECK_FALSE(c->desk().act(DeskAction::Transfer, c->actor(), c.now));
    CHECK(c->desk().errors().at("transfer_service") == "empty");
    c->desk().transfer_service() = "documents";
    c->desk().transfer_desk() = "3";
    CHECK_FALSE(c->desk().act(DeskAction::Transfer, c->actor(), c.now));
    CHECK(c->desk().errors().at("transfer_desk") == "transfer_same_desk");
    c->desk().transfer_desk() = "";
    CHECK(c->desk().act(DeskAction::Transfer, c->actor(), c.now));
    CHECK_FALSE(c->desk().current());
    CHECK(find_ticket(*c.s, t.uuid)->state == TicketState::Transferred);
    CHECK(c.count("SELECT COUNT(*) FROM tickets WHERE service = 'documents' AND state = "
                  "'waiting' AND transferred_from = '" +
                  t.uuid + "'") == 1);
    // Signing out pauses the desk, so nobody is called to an empty chair.
    std::string desk = c->desk().desk()->uuid;
    c->sign_out(c.now);
    CHECK(find_desk(*c.s, desk)->state == DeskState::Paused);
}

TEST_CASE("reg-12: two desks calling next at once never get the same ticket") {
    TempDir dir;
    std::string file = (dir / "room.db").string();
    auto store = Store::open(file, OpenMode::CreateIfMissing);
    const int n = 60;
    Instant now = now_utc();
    for (int i = 0; i < n; ++i)
        issue_ticket(*store, profile(),
                     {"main", i % 2 ? "consultation" : "same_day", "", "kk", "k"},
                     now - std::chrono::seconds(n - i));
    store.reset();
    // Two processes, started together, each calling until the queue is empty.
    std::string cmd = std::string("( " DESK_CHILD_BIN " ") + file + " 1 & " DESK_CHILD_BIN " " +
                      file + " 2; wait )";
    std::string out;
    REQUIRE(run_command(cmd, &out) == 0);
    std::istringstream lines(out);
    std::multiset<std::string> called;
    for (std::string l; std::getline(lines, l);)
        if (!l.empty()) called.insert(l);
    CHECK(called.size() == size_t(n)); // every ticket was called ...
    CHECK(std::set<std::string>(called.begin(), called.end()).size() == size_t(n)); // ... once
}

TEST_CASE("console: the desk shows today's figures of every desk") {
    Console c;
    ticket(c, "same_day", "", 20);
    open_desk_3(c);
    REQUIRE(c->desk().act(DeskAction::CallNext, c->actor(), c.now));
    REQUIRE(c->desk().act(DeskAction::Start, c->actor(), c.now));
    c.now += std::chrono::minutes(12);
    REQUIRE(c->desk().act(DeskAction::Finish, c->actor(), c.now));
    c.frame();
    REQUIRE(c->desk().stats().size() == 1);
    const DeskStats& s = c->desk().stats().front();
    CHECK(s.desk == "3");
    CHECK(s.served == 1);
    CHECK(s.avg_wait_min == doctest::Approx(20));
    CHECK(s.avg_service_min == doctest::Approx(12));
    CHECK(s.idle_min == doctest::Approx(0));
}
