// The queue of reg-12: out-of-turn categories first, then order of arrival; numbers readable
// aloud and unique per room and day; tickets move forward only.
#include "test_support.hpp"

#include "cases/applications.hpp"
#include "queue/desk_stats.hpp"
#include "queue/desks.hpp"
#include "queue/ticket_queue.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <functional>
#include <regex>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace reception;
using namespace reception::test;

static Ticket take(Store& s, const std::string& service, const std::string& category, Instant t) {
    return issue_ticket(s, profile(), {"main", service, category, "kk", "kiosk-1"}, t);
}

TEST_CASE("reg-12: out-of-turn categories are called first, then in order of arrival") {
    TestStore s;
    Ticket a = take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    Ticket b = take(*s, "same_day", "", at(2026, 3, 16, 9, 1));
    Ticket veteran = take(*s, "same_day", "wwii_veteran", at(2026, 3, 16, 9, 2));
    Ticket c = take(*s, "same_day", "", at(2026, 3, 16, 9, 3));
    Ticket pregnant = take(*s, "same_day", "pregnant", at(2026, 3, 16, 9, 4));
    std::vector<std::string> order;
    while (auto t = call_next(*s, "main", day(2026, 3, 16), {"same_day"}, "1", "clerk",
                              at(2026, 3, 16, 9, 30)))
        order.push_back(t->number);
    CHECK(order ==
          std::vector<std::string>{veteran.number, pregnant.number, a.number, b.number, c.number});
}

TEST_CASE("reg-12: people ahead counts out-of-turn visitors and earlier arrivals") {
    TestStore s;
    take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    take(*s, "same_day", "", at(2026, 3, 16, 9, 1));
    Ticket mine = take(*s, "same_day", "", at(2026, 3, 16, 9, 2));
    CHECK(people_ahead(*s, mine) == 2);
    Ticket veteran = take(*s, "same_day", "labour_veteran", at(2026, 3, 16, 9, 3));
    CHECK(people_ahead(*s, mine) == 3);
    CHECK(people_ahead(*s, veteran) == 0);
    Ticket other_service = take(*s, "documents", "", at(2026, 3, 16, 9, 4));
    CHECK(people_ahead(*s, other_service) == 0);
}

TEST_CASE("queue: numbers are a letter per service and three digits, restarting each day") {
    TestStore s;
    Ticket a1 = take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    Ticket a2 = take(*s, "same_day", "", at(2026, 3, 16, 9, 1));
    Ticket b1 = take(*s, "consultation", "", at(2026, 3, 16, 9, 2));
    Ticket next_day = take(*s, "same_day", "", at(2026, 3, 17, 9, 0));
    CHECK(a1.number == "A-001");
    CHECK(a2.number == "A-002");
    CHECK(b1.number == "B-001");
    CHECK(next_day.number == "A-001");
    CHECK(next_day.day == day(2026, 3, 17));
}

TEST_CASE("queue: a ticket taken at 23:30 UTC belongs to the next local day (UTC+5)") {
    TestStore s;
    Instant late_utc = local_instant(day(2026, 3, 17), 4 * 60 + 30); // 04:30 local on 17 Mar
    CHECK(take(*s, "same_day", "", late_utc).day == day(2026, 3, 17));
}

TEST_CASE("queue: an unknown service or category is refused and nothing is written") {
    TestStore s;
    CHECK_THROWS_AS(take(*s, "passport", "", at(2026, 3, 16)), InputError);
    CHECK_THROWS_AS(take(*s, "same_day", "vip", at(2026, 3, 16)), InputError);
    Stmt st = s->prepare("SELECT (SELECT count(*) FROM tickets) + (SELECT count(*) FROM outbox)");
    st.step();
    CHECK(st.integer(0) == 0);
}

TEST_CASE("queue: tickets move forward only") {
    TestStore s;
    Ticket t = take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    auto called = call_next(*s, "main", day(2026, 3, 16), {}, "2", "clerk", at(2026, 3, 16, 9, 5));
    REQUIRE(called);
    CHECK(called->state == TicketState::Called);
    CHECK(called->desk == "2");
    const QueuePolicy& policy = profile().queue_policy;
    CHECK(recall_ticket(*s, policy, t.uuid, "clerk", at(2026, 3, 16, 9, 6)).state ==
          TicketState::Called);
    CHECK(start_ticket(*s, t.uuid, "clerk", at(2026, 3, 16, 9, 7)).state == TicketState::Serving);
    CHECK(finish_ticket(*s, t.uuid, "clerk", at(2026, 3, 16, 9, 20)).state == TicketState::Done);
    CHECK_THROWS_AS(start_ticket(*s, t.uuid, "clerk", at(2026, 3, 16, 9, 21)), StoreError);
    CHECK_THROWS_AS(no_show_ticket(*s, policy, t.uuid, "clerk", at(2026, 3, 16, 9, 21)),
                    StoreError);
    CHECK_FALSE(ticket_move_allowed(TicketState::Done, TicketState::Waiting));
    CHECK_FALSE(ticket_move_allowed(TicketState::NoShow, TicketState::Called));
    CHECK_FALSE(ticket_move_allowed(TicketState::Waiting, TicketState::Done));
}

TEST_CASE("queue: a visitor who does not come is marked no-show and the next one is called") {
    TestStore s;
    Ticket first = take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    Ticket second = take(*s, "same_day", "", at(2026, 3, 16, 9, 1));
    call_next(*s, "main", day(2026, 3, 16), {}, "1", "clerk", at(2026, 3, 16, 9, 5));
    const QueuePolicy& policy = profile().queue_policy; // called twice more, a minute apart
    recall_ticket(*s, policy, first.uuid, "clerk", at(2026, 3, 16, 9, 6));
    recall_ticket(*s, policy, first.uuid, "clerk", at(2026, 3, 16, 9, 7));
    CHECK(no_show_ticket(*s, policy, first.uuid, "clerk", at(2026, 3, 16, 9, 8)).state ==
          TicketState::NoShow);
    auto next = call_next(*s, "main", day(2026, 3, 16), {}, "1", "clerk", at(2026, 3, 16, 9, 8));
    REQUIRE(next);
    CHECK(next->uuid == second.uuid);
}

TEST_CASE("queue: a transferred visitor keeps the number and place by arrival time") {
    TestStore s;
    Ticket early = take(*s, "consultation", "", at(2026, 3, 16, 9, 0));
    Ticket later = take(*s, "documents", "", at(2026, 3, 16, 9, 10));
    auto called = call_next(*s, "main", day(2026, 3, 16), {"consultation"}, "1", "clerk",
                            at(2026, 3, 16, 9, 15));
    REQUIRE(called);
    Ticket moved = transfer_ticket(*s, profile(), early.uuid, "documents", "", "clerk",
                                   at(2026, 3, 16, 9, 20));
    CHECK(moved.number == early.number);
    CHECK(moved.state == TicketState::Waiting);
    CHECK(find_ticket(*s, early.uuid)->state == TicketState::Transferred);
    auto next = call_next(*s, "main", day(2026, 3, 16), {"documents"}, "3", "clerk",
                          at(2026, 3, 16, 9, 21));
    REQUIRE(next);
    CHECK(next->uuid == moved.uuid); // arrived at 9:00, before the 9:10 ticket
    CHECK(later.state == TicketState::Waiting);
}

static std::string input_error(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const InputError& e) {
        return e.field + ": " + e.code;
    }
    return "";
}

TEST_CASE("queue: the core refuses a transfer with no service, to a desk that is no number or "
          "back to the desk that called, and writes nothing") {
    TestStore s;
    Ticket t = take(*s, "consultation", "", at(2026, 3, 16, 9, 0));
    REQUIRE(call_next(*s, "main", day(2026, 3, 16), {"consultation"}, "3", "clerk",
                      at(2026, 3, 16, 9, 5)));
    Instant now = at(2026, 3, 16, 9, 6);
    auto transfer = [&](const std::string& service, const std::string& desk) {
        return input_error(
            [&] { transfer_ticket(*s, profile(), t.uuid, service, desk, "c", now); });
    };
    CHECK(transfer("", "") == "transfer_service: empty");
    CHECK(transfer("no_such", "") == "transfer_service: unknown_service");
    CHECK(transfer("documents", "3a") == "transfer_desk: not_digits");
    CHECK(transfer("documents", " 3 ") == "transfer_desk: transfer_same_desk");
    CHECK(find_ticket(*s, t.uuid)->state == TicketState::Called);
    CHECK(transfer("documents", "4") == "");
}

TEST_CASE("reg-12: the core refuses to remove a category without the clerk's reason") {
    TestStore s;
    Ticket claimed = take(*s, "same_day", "disability", at(2026, 3, 16, 9, 5));
    Instant now = at(2026, 3, 16, 9, 6);
    CHECK(input_error([&] { remove_category(*s, claimed.uuid, "c", "  ", now); }) ==
          "category_reason: empty");
    CHECK(input_error([&] {
              remove_category(*s, claimed.uuid, "c", std::string(201, 'x'), now);
          }) == "category_reason: too_long");
    CHECK(find_ticket(*s, claimed.uuid)->category == "disability");
}

TEST_CASE(
    "reg-12: a category claimed wrongly is removed by the clerk, logged, and loses priority") {
    TestStore s;
    Ticket normal = take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    Ticket claimed = take(*s, "same_day", "disability", at(2026, 3, 16, 9, 5));
    remove_category(*s, claimed.uuid, "clerk-aigul", "no document shown", at(2026, 3, 16, 9, 6));
    auto next = call_next(*s, "main", day(2026, 3, 16), {}, "1", "clerk", at(2026, 3, 16, 9, 7));
    REQUIRE(next);
    CHECK(next->uuid == normal.uuid);
    Stmt st = s->prepare("SELECT actor, reason, json_extract(data, '$.claimed_category') FROM "
                         "events WHERE entity_uuid = ?1 AND kind = 'category_removed'");
    st.bind(1, claimed.uuid);
    REQUIRE(st.step());
    CHECK(st.text(0) == "clerk-aigul");
    CHECK(st.text(1) == "no document shown");
    CHECK(st.text(2) == "disability");
}

TEST_CASE("queue: the board's recent calls show the newest call first") {
    TestStore s;
    take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    take(*s, "same_day", "", at(2026, 3, 16, 9, 1));
    call_next(*s, "main", day(2026, 3, 16), {}, "1", "c", at(2026, 3, 16, 9, 5));
    call_next(*s, "main", day(2026, 3, 16), {}, "2", "c", at(2026, 3, 16, 9, 6));
    auto calls = recent_calls(*s, "main", day(2026, 3, 16), 5);
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].number == "A-002");
    CHECK(calls[0].desk == "2");
    auto waiting = waiting_by_service(*s, "main", day(2026, 3, 16), at(2026, 3, 16, 9, 6));
    CHECK(waiting.empty());
}

TEST_CASE("queue: the desk sees the waiting count and the longest wait per service") {
    TestStore s;
    take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    take(*s, "same_day", "", at(2026, 3, 16, 9, 20));
    take(*s, "documents", "", at(2026, 3, 16, 9, 25));
    auto w = waiting_by_service(*s, "main", day(2026, 3, 16), at(2026, 3, 16, 9, 30));
    REQUIRE(w.size() == 2);
    CHECK(w[0].service == "documents");
    CHECK(w[0].waiting == 1);
    CHECK(w[1].service == "same_day");
    CHECK(w[1].waiting == 2);
    CHECK(w[1].longest_wait_minutes == 30);
}

TEST_CASE("queue: two kiosks issuing at the same moment never print the same number") {
    TempDir dir;
    auto path = dir / "shared.db";
    { auto s = Store::open(path, OpenMode::CreateIfMissing); }
    const int per_kiosk = 150;
    pid_t kids[2];
    for (pid_t& kid : kids) {
        kid = fork();
        if (kid == 0) {
            auto s = Store::open(path, OpenMode::Existing);
            for (int i = 0; i < per_kiosk; ++i)
                issue_ticket(*s, profile(), {"main", "same_day", "", "kk", "k"}, at(2026, 3, 16));
            _exit(0);
        }
    }
    for (pid_t kid : kids) {
        int status = 0;
        waitpid(kid, &status, 0);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    auto s = Store::open(path, OpenMode::Existing);
    Stmt st = s->prepare("SELECT count(*), count(DISTINCT number), max(number) FROM tickets");
    st.step();
    CHECK(st.integer(0) == 2 * per_kiosk);
    CHECK(st.integer(1) == 2 * per_kiosk);
    CHECK(st.text(2) == "A-300");
}

TEST_CASE("queue: two desks calling at the same moment never get the same ticket") {
    TempDir dir;
    auto path = dir / "desks.db";
    const int tickets = 120;
    {
        auto s = Store::open(path, OpenMode::CreateIfMissing);
        for (int i = 0; i < tickets; ++i)
            issue_ticket(*s, profile(), {"main", "same_day", "", "kk", "k"}, at(2026, 3, 16));
    }
    int fds[2][2];
    pid_t kids[2];
    for (int d = 0; d < 2; ++d) {
        REQUIRE(pipe(fds[d]) == 0);
        kids[d] = fork();
        if (kids[d] == 0) {
            auto s = Store::open(path, OpenMode::Existing);
            std::string got;
            while (auto t = call_next(*s, "main", day(2026, 3, 16), {}, std::to_string(d + 1),
                                      "desk", at(2026, 3, 16, 10)))
                got += t->uuid + "\n";
            (void)!write(fds[d][1], got.data(), got.size());
            _exit(0);
        }
        close(fds[d][1]);
    }
    std::multiset<std::string> called;
    int per_desk[2] = {0, 0};
    for (int d = 0; d < 2; ++d) {
        std::string out;
        char buf[4096];
        ssize_t n;
        while ((n = read(fds[d][0], buf, sizeof buf)) > 0) out.append(buf, size_t(n));
        close(fds[d][0]);
        waitpid(kids[d], nullptr, 0);
        for (size_t p = 0; (p = out.find('\n')) != std::string::npos; out.erase(0, p + 1)) {
            called.insert(out.substr(0, p));
            per_desk[d]++;
        }
    }
    CHECK(called.size() == size_t(tickets));
    CHECK(std::set<std::string>(called.begin(), called.end()).size() == size_t(tickets));
    MESSAGE("desk 1 called " << per_desk[0] << ", desk 2 called " << per_desk[1]);
}

TEST_CASE("reg-12: a desk calls a chosen ticket out of order only with the reason, logged") {
    TestStore s;
    Ticket first = take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    Ticket second = take(*s, "same_day", "", at(2026, 3, 16, 9, 1));
    Ticket other = take(*s, "documents", "", at(2026, 3, 16, 9, 2));
    std::vector<std::string> served{"same_day"};
    auto list = waiting_for_desk(*s, "main", day(2026, 3, 16), served, "2");
    REQUIRE(list.size() == 2);
    CHECK(list[0].uuid == first.uuid);
    CHECK(list[1].uuid == second.uuid);
    Instant now = at(2026, 3, 16, 9, 5);
    auto refused = [&](const std::string& uuid, const std::string& reason, const char* field,
                       const char* code) {
        try {
            call_chosen(*s, "main", day(2026, 3, 16), served, "2", uuid, "clerk", reason, now);
        } catch (const InputError& e) {
            CHECK(e.field == field);
            CHECK(e.code == code);
            return;
        }
        FAIL("not refused");
    };
    refused(second.uuid, "  ", "call_reason", "empty");
    refused(second.uuid, std::string(201, 'x'), "call_reason", "too_long");
    refused(other.uuid, "appointment", "ticket", "ticket_not_served_here");
    CHECK(find_ticket(*s, second.uuid)->state == TicketState::Waiting); // nothing written
    Ticket t = call_chosen(*s, "main", day(2026, 3, 16), served, "2", second.uuid, "clerk",
                           "Кезексіз: жазылған уақыты", now);
    CHECK(t.state == TicketState::Called);
    CHECK(t.desk == "2");
    refused(second.uuid, "again", "ticket", "ticket_not_waiting");
    auto events = history(*s, second.uuid);
    CHECK(std::any_of(events.begin(), events.end(), [](const HistoryEvent& e) {
        return e.kind == "called_out_of_order" && e.actor == "clerk" &&
               e.reason == "Кезексіз: жазылған уақыты";
    }));
    // The one passed over is still the next.
    auto next = call_next(*s, "main", day(2026, 3, 16), served, "3", "clerk", now);
    REQUIRE(next);
    CHECK(next->uuid == first.uuid);
}

TEST_CASE("reg-12: a no-show only after the configured recalls, each after the minimum gap") {
    TestStore s;
    QueuePolicy policy{2, 60, 30};
    Ticket t = take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    Instant called = at(2026, 3, 16, 9, 5);
    call_next(*s, "main", day(2026, 3, 16), {}, "1", "clerk", called);
    auto code_of = [&](const std::function<void()>& fn) -> std::string {
        try {
            fn();
        } catch (const InputError& e) {
            return e.code;
        }
        return "";
    };
    auto recall = [&](Instant at) { recall_ticket(*s, policy, t.uuid, "clerk", at); };
    auto no_show = [&](Instant at) { no_show_ticket(*s, policy, t.uuid, "clerk", at); };
    CHECK(code_of([&] { no_show(called + std::chrono::seconds(90)); }) == "recall_first");
    CHECK(code_of([&] { recall(called + std::chrono::seconds(30)); }) == "recall_too_soon");
    CHECK(code_of([&] { recall(called + std::chrono::seconds(60)); }).empty());
    CHECK(code_of([&] { recall(called + std::chrono::seconds(100)); }) == "recall_too_soon");
    CHECK(code_of([&] { recall(called + std::chrono::seconds(120)); }).empty());
    CHECK(recalls_made(*s, t.uuid) == 2);
    CHECK(code_of([&] { recall(called + std::chrono::seconds(200)); }) == "recall_limit");
    CHECK(code_of([&] { no_show(called + std::chrono::seconds(150)); }) == "no_show_too_soon");
    CHECK(find_ticket(*s, t.uuid)->state == TicketState::Called);
    CHECK(code_of([&] { no_show(called + std::chrono::seconds(180)); }).empty());
    CHECK(find_ticket(*s, t.uuid)->state == TicketState::NoShow);
}

TEST_CASE("reg-12: a no-show back within the configured time waits again in their old place") {
    TestStore s;
    QueuePolicy policy{0, 0, 30};
    Ticket late = take(*s, "same_day", "", at(2026, 3, 16, 9, 0));
    Ticket later = take(*s, "same_day", "", at(2026, 3, 16, 9, 10));
    call_next(*s, "main", day(2026, 3, 16), {}, "1", "clerk", at(2026, 3, 16, 9, 20));
    no_show_ticket(*s, policy, late.uuid, "clerk", at(2026, 3, 16, 9, 21));
    auto back = reactivatable_no_shows(*s, policy, "main", {"same_day"}, at(2026, 3, 16, 9, 40));
    REQUIRE(back.size() == 1);
    CHECK(back[0].uuid == late.uuid);
    CHECK(
        reactivatable_no_shows(*s, policy, "main", {"documents"}, at(2026, 3, 16, 9, 40)).empty());
    Ticket again = reactivate_ticket(*s, policy, late.uuid, "clerk", at(2026, 3, 16, 9, 40));
    CHECK(again.state == TicketState::Waiting);
    CHECK(again.number == late.number);
    CHECK(again.transferred_from == late.uuid);
    CHECK(find_ticket(*s, late.uuid)->state == TicketState::NoShow);   // forward only
    CHECK(people_ahead(*s, find_ticket(*s, later.uuid).value()) == 1); // back in front
    auto next = call_next(*s, "main", day(2026, 3, 16), {}, "2", "clerk", at(2026, 3, 16, 9, 41));
    REQUIRE(next);
    CHECK(next->uuid == again.uuid);
    CHECK_THROWS_AS(reactivate_ticket(*s, policy, late.uuid, "clerk", at(2026, 3, 16, 9, 42)),
                    InputError); // once
    CHECK(reactivatable_no_shows(*s, policy, "main", {}, at(2026, 3, 16, 9, 42)).empty());
    // Too late: more than the configured half an hour after the no-show.
    no_show_ticket(*s, policy, next->uuid, "clerk", at(2026, 3, 16, 9, 45));
    CHECK(reactivatable_no_shows(*s, policy, "main", {}, at(2026, 3, 16, 10, 16)).empty());
    try {
        reactivate_ticket(*s, policy, next->uuid, "clerk", at(2026, 3, 16, 10, 16));
        FAIL("reactivated too late");
    } catch (const InputError& e) {
        CHECK(e.code == "reactivate_too_late");
    }
}

TEST_CASE("queue: per-desk figures: served, average wait and service time, idle time") {
    TestStore s;
    auto t = [](int h, int m) { return at(2026, 3, 16, h, m); };
    Desk d2 = open_desk(*s, profile(), "main", "2", {"same_day"}, "clerk2", t(9, 0));
    Desk d10 = open_desk(*s, profile(), "main", "10", {"same_day"}, "clerk10", t(9, 0));
    Ticket a = take(*s, "same_day", "", t(9, 0));
    Ticket b = take(*s, "same_day", "", t(9, 10));
    Ticket c = take(*s, "same_day", "", t(9, 20));
    // Desk 2: a waits 10 min, is served 9:10-9:30; b waits 30 min, served 9:40-9:50.
    call_next_at_desk(*s, profile().queue_policy, d2.uuid, "clerk2", t(9, 10));
    start_ticket(*s, a.uuid, "clerk2", t(9, 10));
    finish_ticket(*s, a.uuid, "clerk2", t(9, 30));
    call_next_at_desk(*s, profile().queue_policy, d2.uuid, "clerk2", t(9, 40));
    start_ticket(*s, b.uuid, "clerk2", t(9, 40));
    finish_ticket(*s, b.uuid, "clerk2", t(9, 50));
    pause_desk(*s, d2.uuid, "clerk2", "", t(9, 50));
    // Desk 10: c called at 9:30, not come (the profile's two recalls, then the no-show).
    call_next_at_desk(*s, profile().queue_policy, d10.uuid, "clerk10", t(9, 30));
    recall_ticket(*s, profile().queue_policy, c.uuid, "clerk10", t(9, 31));
    recall_ticket(*s, profile().queue_policy, c.uuid, "clerk10", t(9, 32));
    no_show_ticket(*s, profile().queue_policy, c.uuid, "clerk10", t(9, 33));
    close_desk(*s, d10.uuid, "clerk10", t(10, 0));
    auto stats = desk_stats(*s, "main", day(2026, 3, 16), day(2026, 3, 16), t(11, 0));
    REQUIRE(stats.size() == 2);
    CHECK(stats[0].desk == "2"); // before 10
    CHECK(stats[0].served == 2);
    CHECK(stats[0].called == 2);
    CHECK(stats[0].avg_wait_min == doctest::Approx(20));
    CHECK(stats[0].avg_service_min == doctest::Approx(15));
    CHECK(stats[0].idle_min == doctest::Approx(20)); // open 9:00-9:50, busy 30 min
    CHECK(stats[1].desk == "10");
    CHECK(stats[1].served == 0);
    CHECK(stats[1].called == 1);
    CHECK(stats[1].avg_wait_min == doctest::Approx(10));
    CHECK(stats[1].idle_min == doctest::Approx(57)); // open 60 min, 3 min calling
    // Another day has none of it.
    CHECK(desk_stats(*s, "main", day(2026, 3, 17), day(2026, 3, 17), t(11, 0)).empty());
}

TEST_CASE("reg-12: numbering starts again at the room's configured time each day, per service, "
          "and the day before's tickets leave the live queue but stay for the reports") {
    TestStore s;
    RegulationProfile p = profile();
    p.queue_policy.day_starts_minute = 5 * 60; // 05:00
    auto take_at = [&](const std::string& service, Instant when) {
        return issue_ticket(*s, p, {"main", service, "", "kk", "kiosk-1"}, when);
    };
    Ticket a1 = take_at("same_day", at(2026, 3, 16, 9, 0));
    Ticket a2 = take_at("same_day", at(2026, 3, 16, 17, 0));
    Ticket b1 = take_at("consultation", at(2026, 3, 16, 17, 5));
    // After midnight and before 05:00: still the 16th's queue, its numbers go on.
    Ticket late = take_at("same_day", at(2026, 3, 17, 2, 30));
    CHECK(late.day == day(2026, 3, 16));
    CHECK(late.number == "A-003");
    // At 05:00 the 17th begins: each service from 001 again.
    Ticket first = take_at("same_day", at(2026, 3, 17, 5, 0));
    Ticket first_b = take_at("consultation", at(2026, 3, 17, 5, 1));
    CHECK(first.day == day(2026, 3, 17));
    CHECK(first.number == "A-001");
    CHECK(first_b.number == "B-001");
    CHECK(a1.number == "A-001");
    CHECK(b1.number == "B-001");

    // A desk at 09:00 on the 17th calls the 17th's visitors only: the 16th's waiting tickets
    // are not called, not on the board, not in the desk's list.
    Desk d =
        open_desk(*s, p, "main", "1", {"same_day", "consultation"}, "clerk", at(2026, 3, 17, 8, 0));
    auto called = call_next_at_desk(*s, p.queue_policy, d.uuid, "clerk", at(2026, 3, 17, 9, 0));
    REQUIRE(called);
    CHECK(called->uuid == first.uuid);
    Date today = queue_day(at(2026, 3, 17, 9, 0), p.queue_policy);
    CHECK(today == day(2026, 3, 17));
    for (const Ticket& w : waiting_for_desk(*s, "main", today, d.services, d.number))
        CHECK(w.day == today);
    // Kept: the 16th's tickets are still in the store for the day's figures and the reports.
    CHECK(find_ticket(*s, a2.uuid).has_value());
    CHECK(find_ticket(*s, late.uuid)->day == day(2026, 3, 16));

    CHECK(queue_day(at(2026, 3, 17, 4, 59), p.queue_policy) == day(2026, 3, 16));
    p.queue_policy.day_starts_minute = 0; // the shipped setting: midnight
    CHECK(queue_day(at(2026, 3, 17, 0, 0), p.queue_policy) == day(2026, 3, 17));
}
