// What a terminal may write. A kiosk stands in a public hall and may be
// stolen or tampered with: the server binds numbers and actors to the pushing credential and
// keeps each kind of terminal to the records, kinds and events it produces (docs/sync.md).
// Each case plays the tampered terminal against a real server on loopback.
#include "sync_support.hpp"

#include "cases/applications.hpp"
#include "common/protocol.hpp"
#include "queue/ticket_queue.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

// Two kiosks and two consoles of room "main".
struct Hall : SyncedTerminals {
    std::unique_ptr<Store> k1 = enrol("K1", "main", "kiosk");
    std::unique_ptr<Store> k2 = enrol("K2", "main", "kiosk");
    std::unique_ptr<Store> c1 = enrol("C1", "main", "console");
    std::unique_ptr<Store> c2 = enrol("C2", "main", "console");
};

// A history event as a terminal's outbox carries it.
json event_op(const std::string& application_uuid, const std::string& kind, const std::string& from,
              const std::string& to, const std::string& actor) {
    std::string uuid = new_uuid();
    json ev{{"uuid", uuid},
            {"entity", "application"},
            {"entity_uuid", application_uuid},
            {"kind", kind},
            {"from", from},
            {"to", to},
            {"actor", actor},
            {"reason", ""},
            {"data", json::object()},
            {"at", format_instant(now_utc())}};
    return op_json(new_uuid(), "event", uuid, "event.appended", ev.dump(),
                   format_instant(now_utc()));
}

std::string year_now() {
    return std::to_string(int(local_date(now_utc()).year()));
}

} // namespace

TEST_CASE("sync: a kiosk cannot take another kiosk's ticket numbers nor speak for another kiosk") {
    Hall hall;
    Ticket real = take_ticket(*hall.k2); // K2 offline: the visitor holds A2-001
    REQUIRE(real.number == "A2-001");
    take_ticket(*hall.k1);
    json own = last_op(*hall.k1, "ticket");

    // K1 pushes K2's next number first.
    json stolen = copy_op(own, true);
    stolen["payload"]["number"] = "A2-001";
    check_refused(push_ops(*hall.k1, json::array({stolen})), 403, "forbidden");
    // ... or a transferred ticket, which keeps a number it does not claim.
    json transferred = copy_op(own, true);
    transferred["payload"]["transferred_from"] = real.uuid;
    check_refused(push_ops(*hall.k1, json::array({transferred})), 403, "forbidden");

    // A ticket naming K2 as its kiosk is taken in K1's name: the credential says who.
    json claimed = own;
    claimed["payload"]["kiosk"] = "K2";
    REQUIRE(push_ops(*hall.k1, json::array({claimed})).ok());
    CHECK(hall.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket' AND "
                            "json_extract(payload, '$.kiosk') = 'K1'") == 1);

    // K2 comes online: its real ticket is the one the desks call, nothing dead-lettered.
    sync(*hall.k2);
    CHECK(read_sync_state(*hall.k2).dead_letters == 0);
    std::string owner = "SELECT count(*) FROM srv_ticket_numbers WHERE number = 'A2-001' AND "
                        "uuid = '" +
                        real.uuid + "'";
    CHECK(hall.server.count(owner.c_str()) == 1);
    sync(*hall.c1);
    CHECK(find_ticket(*hall.c1, real.uuid).has_value());
}

TEST_CASE("sync: registration numbers are unique in a room and only their own terminal's") {
    Hall hall;
    // A tampered kiosk reserves the console's next registration number.
    register_application(*hall.k1, profile(), calendar(), sample_application(Channel::Kiosk),
                         "kiosk-1", now_utc());
    json squat = copy_op(last_op(*hall.k1, "application"), true);
    squat["payload"]["reg_number"] = "C1-" + year_now() + "-00001";
    check_refused(push_ops(*hall.k1, json::array({squat})), 403, "forbidden");
    sync(*hall.k1);
    CHECK(read_sync_state(*hall.k1).dead_letters == 0); // its own application went through

    // The console's real application is on the server and on every other console.
    Application real =
        register_application(*hall.c1, profile(), calendar(), sample_application(Channel::Paper),
                             "operator-1", now_utc());
    REQUIRE(real.reg_number == "C1-" + year_now() + "-00001");
    sync(*hall.c1);
    CHECK(read_sync_state(*hall.c1).dead_letters == 0);
    sync(*hall.c2);
    CHECK(find_application(*hall.c2, real.uuid).has_value());
    CHECK(read_sync_state(*hall.c2).last_error.empty());

    // A second application under a number the room already has (a console restored from an
    // old copy of its store hands out the same serial again) is refused with its reason and
    // kept in the dead letters: the first one stays.
    Application twin =
        register_application(*hall.c1, profile(), calendar(), sample_application(Channel::Paper),
                             "operator-1", now_utc());
    hall.c1->transaction([&] {
        hall.c1
            ->prepare("UPDATE outbox SET payload = json_set(payload, '$.reg_number', ?1) "
                      "WHERE entity = 'application'")
            .bind(1, real.reg_number)
            .run();
    });
    sync(*hall.c1);
    CHECK(read_sync_state(*hall.c1).dead_letters == 1);
    Stmt dead = hall.c1->prepare("SELECT reason, entity_uuid FROM sync_dead_letters");
    REQUIRE(dead.step());
    CHECK(dead.text(0).find("reg_number_taken") != std::string::npos);
    CHECK(dead.text(1) == twin.uuid);
    std::string holder = "SELECT count(*) FROM srv_records WHERE entity = 'application' AND "
                         "json_extract(payload, '$.reg_number') = '" +
                         real.reg_number + "'";
    CHECK(hall.server.count(holder.c_str()) == 1);
}

TEST_CASE("sync: a kiosk writes history only for what it registered, and in its own name") {
    Hall hall;
    Application theirs =
        register_application(*hall.c1, profile(), calendar(), sample_application(Channel::Paper),
                             "operator-1", now_utc());
    json theirs_op = last_op(*hall.c1, "application");
    sync(*hall.c1);
    // An "answered" pushed by a kiosk on the console's application would stop its clock.
    json forged = event_op(theirs.uuid, "state_changed", "registered", "answered", "head");
    check_refused(push_ops(*hall.k1, json::array({forged})), 403, "forbidden");

    // Its own application without a name: registered and sent for correction (reg-6), with
    // the events and the notice; the history names the credential, not what the kiosk says.
    Application mine =
        register_application(*hall.k1, profile(), calendar(),
                             sample_application(Channel::Kiosk, false), "kiosk-1", now_utc());
    REQUIRE(mine.state == AppState::NeedsCorrection);
    sync(*hall.k1);
    CHECK(read_sync_state(*hall.k1).dead_letters == 0);
    std::string by = "SELECT count(*) FROM srv_records WHERE entity = 'event' AND "
                     "json_extract(payload, '$.entity_uuid') = '" +
                     mine.uuid + "' AND json_extract(payload, '$.actor') = ";
    CHECK(hall.server.count((by + "'K1'").c_str()) == 2);
    CHECK(hall.server.count((by + "'kiosk-1'").c_str()) == 0);

    // Even on its own application a kiosk does not decide: refusals and answers are staff's.
    json decided = event_op(mine.uuid, "state_changed", "needs_correction", "refused", "K1");
    check_refused(push_ops(*hall.k1, json::array({decided})), 403, "forbidden");
    json moved = copy_op(theirs_op);
    moved["payload"]["updated_at"] = format_instant(now_utc() + std::chrono::seconds(1));
    // A kiosk writes no schedule, and no application of another terminal.
    check_refused(push_ops(*hall.k1, json::array({moved})), 403, "forbidden");
    json official =
        op_json(new_uuid(), "official", new_uuid(), "official.saved",
                json{{"surname", "X"}, {"updated_at", format_instant(now_utc())}}.dump(),
                format_instant(now_utc()));
    check_refused(push_ops(*hall.k1, json::array({official})), 403, "forbidden");
    // What is refused never reached the feed.
    std::string leaked =
        "SELECT count(*) FROM srv_changes WHERE terminal = 'K1' AND entity = 'event' AND "
        "json_extract(payload, '$.to') IN ('answered', 'refused')";
    CHECK(hall.server.count(leaked.c_str()) == 0);
}

TEST_CASE("sync: the server takes every kind of record a console writes, and refuses one it "
          "does not know") {
    Hall hall;
    // Each entity shared/ appends to the outbox for a console (grep append_outbox) and the
    // server keeps without rules of its own (applications, events and tickets have theirs,
    // tested above): a new one the server does not know would be dead-lettered at every console.
    for (const char* entity : {"notice", "desk", "staff", "reception_record", "hearing",
                               "instruction", "survey", "reception_protocol", "walk_in_survey"}) {
        std::string uuid = new_uuid();
        json payload{{"uuid", uuid}, {"updated_at", format_instant(now_utc())}};
        json op = op_json(new_uuid(), entity, uuid, std::string(entity) + ".created",
                          payload.dump(), format_instant(now_utc()));
        HttpResult r = push_ops(*hall.c1, json::array({op}));
        INFO(entity << ": " << r.body);
        REQUIRE(r.ok());
        CHECK(body_of(r)["results"][0]["status"] != "rejected");
    }
    std::string uuid = new_uuid();
    json unknown = op_json(new_uuid(), "bank_account", uuid, "bank_account.created",
                           json{{"uuid", uuid}}.dump(), format_instant(now_utc()));
    check_refused(push_ops(*hall.c1, json::array({unknown})), 403, "forbidden");
}

TEST_CASE("sync: a no-show put back in the queue at a desk reaches the server and other desks") {
    Hall hall;
    Instant now = now_utc();
    Ticket t = issue_ticket(*hall.k1, profile(), {"main", "same_day", "", "kk", "K1"}, now);
    sync(*hall.k1);
    sync(*hall.c1);
    QueuePolicy at_once{0, 0, 30};
    REQUIRE(call_next(*hall.c1, "main", local_date(now), {}, "1", "clerk", now));
    no_show_ticket(*hall.c1, at_once, t.uuid, "clerk", now);
    Ticket back = reactivate_ticket(*hall.c1, at_once, t.uuid, "clerk", now);
    sync(*hall.c1);
    CHECK(read_sync_state(*hall.c1).dead_letters == 0);
    CHECK(hall.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket' AND "
                            "json_extract(payload, '$.state') = 'waiting' AND "
                            "json_extract(payload, '$.transferred_from') <> ''") == 1);
    // Another desk sees the visitor waiting again, under the same number.
    sync(*hall.c2);
    auto seen = find_ticket(*hall.c2, back.uuid);
    REQUIRE(seen);
    CHECK(seen->state == TicketState::Waiting);
    CHECK(seen->number == t.number);
    CHECK(find_ticket(*hall.c2, t.uuid)->state == TicketState::NoShow);
}
