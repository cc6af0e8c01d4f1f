// Times inside ops: the server checks each op's times against the batch's
// sent_at, not only sent_at against its clock. A time in the future would freeze a record (every
// later change "superseded"), one far in the past would put a ticket ahead of every queue;
// honest offline work days old still goes through. A superseded change is shown on the terminal.
#include "sync_support.hpp"

#include "cases/applications.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/profile.hpp"
#include "store/outbox.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

// A ticket this kiosk issued `ago` before now, left in its outbox as an agent offline since
// then would have it.
Ticket ticket_from_the_past(Store& kiosk, std::chrono::seconds ago) {
    Instant then = now_utc() - ago;
    TicketRequest req;
    req.room = "main";
    req.service = "same_day";
    req.kiosk = kiosk.terminal_id();
    Ticket t = issue_ticket(kiosk, profile(), req, then);
    kiosk.transaction([&] {
        kiosk.prepare("UPDATE outbox SET created_at = ?1 WHERE entity_uuid = ?2")
            .bind(1, format_instant(then))
            .bind(2, t.uuid)
            .run();
    });
    return t;
}

} // namespace

TEST_CASE("sync: an op stamped in the future or far in the past is refused, honest days-old "
          "work is not") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    auto c1 = enrolled_store(server, dir / "c1.db", "C1", "main", "console");

    // An application stamped 9999-12-31: every later change would be "superseded".
    register_application(*c1, profile(), calendar(), sample_application(Channel::Paper),
                         "operator-1", now_utc());
    json frozen = copy_op(last_op(*c1, "application"));
    frozen["payload"]["updated_at"] = "9999-12-31T00:00:00Z";
    check_refused(push_ops(*c1, json::array({frozen})), 400, "op_time");
    json late = copy_op(last_op(*c1, "application"));
    late["created_at"] = format_instant(now_utc() + std::chrono::hours(1));
    check_refused(push_ops(*c1, json::array({late})), 400, "op_time");

    // A ticket stamped 2000-01-01 for today: ahead of every visitor in the queue.
    take_ticket(*k1);
    json early = copy_op(last_op(*k1, "ticket"), true);
    early["payload"]["number"] = "A1-099";
    early["payload"]["issued_at"] = "2000-01-01T03:00:00Z";
    check_refused(push_ops(*k1, json::array({early})), 400, "op_time");
    CHECK(server.count("SELECT count(*) FROM srv_changes") == 0);

    // A kiosk offline for three days: its tickets of those days go through. One 31 days old
    // is beyond the bound (docs/sync.md): refused with its reason, kept in the dead letters.
    Ticket offline = ticket_from_the_past(*k1, std::chrono::hours(72));
    Ticket ancient = ticket_from_the_past(*k1, std::chrono::hours(31 * 24));
    sync(*k1);
    sync(*c1);
    CHECK(find_ticket(*c1, offline.uuid).has_value());
    CHECK(!find_ticket(*c1, ancient.uuid).has_value());
    SyncState s = read_sync_state(*k1);
    CHECK(s.pending == 0);
    CHECK(s.dead_letters == 1);
    Stmt dead = k1->prepare("SELECT entity_uuid, reason FROM sync_dead_letters");
    REQUIRE(dead.step());
    CHECK(dead.text(0) == ancient.uuid);
    CHECK(dead.text(1).find("op_time") != std::string::npos);
    // The console's honest application went up with it.
    CHECK(server.count("SELECT count(*) FROM srv_records WHERE entity = 'application'") == 1);
}

TEST_CASE("sync: a change the server answers 'superseded' is counted where staff see it") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto c1 = enrolled_store(server, dir / "c1.db", "C1", "main", "console");
    auto c2 = enrolled_store(server, dir / "c2.db", "C2", "main", "console");
    Application a = register_application(
        *c1, profile(), calendar(), sample_application(Channel::Paper), "operator-1", now_utc());
    json newest = last_op(*c1, "application");
    sync(*c1);
    sync(*c2);

    // C2 changed the application offline before C1's last change: C2's change is older.
    json older = newest["payload"];
    older["topic"] = "a change made earlier at C2";
    older["updated_at"] = format_instant(now_utc() - std::chrono::minutes(5));
    c2->transaction(
        [&] { append_outbox(*c2, "application", a.uuid, "application.assigned", older); });
    sync(*c2);
    CHECK(read_sync_state(*c2).pending == 0);

    std::string out;
    REQUIRE(syncd("--store " + (dir / "c2.db").string() + " status", &out) == 0);
    INFO(out);
    CHECK(out.find("superseded:   1") != std::string::npos);
    CHECK(out.find(a.uuid) != std::string::npos); // which record, so staff can look at it
}

TEST_CASE("sync: a ticket's day is the date it was issued, or the day before for one issued "
          "before noon (a queue day that starts after midnight), never another") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto k1 = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    take_ticket(*k1);
    json model = last_op(*k1, "ticket");
    Date yesterday = add_days(local_date(now_utc()), -1);
    auto ticket = [&](const std::string& number, int minute_of_day, Date day) {
        json op = copy_op(model, true);
        op["payload"]["number"] = number;
        op["payload"]["issued_at"] = format_instant(local_instant(yesterday, minute_of_day));
        op["payload"]["updated_at"] = op["payload"]["issued_at"];
        op["payload"]["day"] = format_date(day);
        return op;
    };
    // Issued yesterday at 04:30 in a queue day that began the day before: taken.
    HttpResult r =
        push_ops(*k1, json::array({ticket("A1-201", 4 * 60 + 30, add_days(yesterday, -1))}));
    REQUIRE(r.ok());
    CHECK(body_of(r)["results"][0]["status"] == "applied");
    // Issued yesterday at 14:00 but claiming the day before: refused.
    check_refused(push_ops(*k1, json::array({ticket("A1-202", 14 * 60, add_days(yesterday, -1))})),
                  400, "op_time");
    // Two days back from its issue: refused.
    check_refused(push_ops(*k1, json::array({ticket("A1-203", 4 * 60, add_days(yesterday, -2))})),
                  400, "op_time");
}
