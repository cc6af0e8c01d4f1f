// Applications: registration (reg-5, reg-6, reg-25), the legal moves and their history.
#include "test_support.hpp"

#include "cases/applications.hpp"
#include "cases/handlers.hpp"
#include "staff/staff.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

static Application draft(Channel channel = Channel::Kiosk) {
    Application a;
    a.channel = channel;
    a.applicant.surname = "Сәрсенбаева";
    a.applicant.name = "Әйгерім";
    a.applicant.iin = "871008401427";
    a.applicant.phone = "8 (701) 123-45-67";
    a.applicant.address = "Хромтау, Әйтеке би к-сі, 12";
    a.essence = "Ауладағы жолды жөндеу туралы мәселе";
    a.language = "kk";
    return a;
}

static Application registered(Store& s, Instant t, Application a = draft()) {
    return register_application(s, profile(), calendar(), a, "operator-1", t);
}

static long long count_rows(Store& s, const char* table_sql) {
    Stmt st = s.prepare(table_sql);
    st.step();
    return st.integer(0);
}

static MoveInput move(AppState to) {
    MoveInput in;
    in.to = to;
    in.actor = "responsible-1";
    if (to == AppState::Withdrawn) in.reason = "өтінішін кері қайтарып алды"; // reg-15.5
    return in;
}

TEST_CASE("reg-5: an application without the essence of the issue is not accepted, nothing saved") {
    TestStore s;
    for (const char* essence : {"", "   ", "жол"}) {
        Application a = draft();
        a.essence = essence;
        try {
            registered(*s, at(2026, 3, 16), a);
            FAIL("accepted an application without essence: " << essence);
        } catch (const InputError& e) {
            CHECK(e.field == "essence");
            CHECK((e.code == "empty" || e.code == "too_short"));
        }
    }
    CHECK(count_rows(*s, "SELECT count(*) FROM applications") == 0);
    CHECK(count_rows(*s, "SELECT count(*) FROM outbox") == 0);
    CHECK(count_rows(*s, "SELECT count(*) FROM number_counters") == 0); // no number used up
}

TEST_CASE("reg-5: an essence of invisible spaces or of signs alone is no essence, nothing saved") {
    TestStore s;
    std::string ideographic, zero_width;
    for (int i = 0; i < 12; ++i) ideographic += "\u3000", zero_width += "\u200B\uFEFF";
    for (const std::string& essence :
         {ideographic, zero_width,
          std::string("\u2003\u202F\u2003\u202F\u2003\u202F\u2003\u202F\u2003\u202F"),
          std::string("..........."), std::string("-----------"), std::string("87012345678")}) {
        Application a = draft();
        a.essence = essence;
        try {
            registered(*s, at(2026, 3, 16), a);
            FAIL("accepted an application with no essence: " << essence);
        } catch (const InputError& e) {
            CHECK(e.field == "essence");
            CHECK(e.code == "empty");
        }
    }
    CHECK(count_rows(*s, "SELECT count(*) FROM applications") == 0);
    CHECK(count_rows(*s, "SELECT count(*) FROM number_counters") == 0); // no number used up
    // With letters it is accepted, stored without the invisible marks around it.
    Application a = draft();
    a.essence = "\u3000Ауладағы жолды жөндеу\u200B";
    CHECK(registered(*s, at(2026, 3, 16), a).essence == "Ауладағы жолды жөндеу");
}

TEST_CASE("reg-25: an application is registered on the day it arrives in working hours") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 20, 10, 0)); // Friday
    CHECK(a.registered_on == day(2026, 3, 20));
    CHECK(a.reg_number == "K1-2026-00001");
    CHECK(a.applicant.phone == "+77011234567");
    CHECK(a.state == AppState::Registered);
}

TEST_CASE("reg-25: after hours on Friday before Nauryz, registered on Thursday 26 March 2026") {
    TestStore s;
    CHECK(registered(*s, at(2026, 3, 20, 18, 45)).registered_on == day(2026, 3, 26));
    CHECK(registered(*s, at(2026, 3, 21, 11, 0)).registered_on == day(2026, 3, 26)); // Saturday
    CHECK(registered(*s, at(2026, 3, 23, 11, 0)).registered_on == day(2026, 3, 26)); // Nauryz
    CHECK(registered(*s, at(2026, 3, 26, 8, 0)).registered_on == day(2026, 3, 26));  // before 9
}

TEST_CASE("reg-25: on a holiday of the May days, registered on the next working day") {
    TestStore s;
    CHECK(registered(*s, at(2026, 5, 9, 12, 0)).registered_on == day(2026, 5, 12)); // Sat, Mon off
    CHECK(registered(*s, at(2026, 5, 7, 12, 0)).registered_on == day(2026, 5, 8)); // Defender's Day
}

TEST_CASE("reg-25: oral applications go into the separate protocol, written ones do not") {
    TestStore s;
    Application phone = registered(*s, at(2026, 3, 16), draft(Channel::Phone));
    Application oral = registered(*s, at(2026, 3, 16), draft(Channel::OralInPerson));
    Application kiosk = registered(*s, at(2026, 3, 16), draft(Channel::Kiosk));
    CHECK(phone.oral_protocol_number == "OP-K1-2026-0001");
    CHECK(oral.oral_protocol_number == "OP-K1-2026-0002");
    CHECK(kiosk.oral_protocol_number.empty());
    CHECK(find_by_reg_number(*s, "OP-K1-2026-0002")->uuid == oral.uuid);
    // Typed as it comes, in small letters: the same application.
    REQUIRE(find_by_reg_number(*s, "op-k1-2026-0002"));
    CHECK(find_by_reg_number(*s, "op-k1-2026-0002")->uuid == oral.uuid);
    std::string typed = kiosk.reg_number; // "K1-2026-0000N"
    typed[0] = 'k';
    REQUIRE(find_by_reg_number(*s, typed));
    CHECK(find_by_reg_number(*s, typed)->uuid == kiosk.uuid);
}

TEST_CASE(
    "reg-6: an application missing an APPC art. 63 item is accepted, marked needs correction") {
    TestStore s;
    Application a = draft();
    a.applicant.surname = "";
    a.applicant.address = "";
    a.applicant.phone = "";
    Application r = registered(*s, at(2026, 3, 16), a); // Monday
    CHECK(r.state == AppState::NeedsCorrection);
    REQUIRE(r.correction_due);
    // 5 working days after Monday 16 March: 17, 18, 19, 20, then Nauryz (23-25), then 26.
    CHECK(*r.correction_due == day(2026, 3, 26));
    auto h = history(*s, r.uuid);
    REQUIRE(h.size() == 2);
    CHECK(h[1].to_state == "needs_correction");
    CHECK(h[1].data["missing"] == "surname,address");
}

TEST_CASE("validation: a wrong IIN or phone is refused with the field named, nothing saved") {
    TestStore s;
    Application a = draft();
    a.applicant.iin = "871008401428";
    CHECK_THROWS_WITH_AS(registered(*s, at(2026, 3, 16), a), "iin: bad_checksum", InputError);
    a = draft();
    a.applicant.phone = "+7 912 345 67 89";
    CHECK_THROWS_WITH_AS(registered(*s, at(2026, 3, 16), a), "phone: not_kazakh_phone", InputError);
    a = draft();
    a.applicant.kind = ApplicantKind::Representative;
    a.applicant.bin = "940140000386";
    CHECK_THROWS_WITH_AS(registered(*s, at(2026, 3, 16), a), "bin: bad_checksum", InputError);
    CHECK(count_rows(*s, "SELECT count(*) FROM applications") == 0);
}

TEST_CASE("reg-10: a representative of a legal entity gives the BIN and the authority document") {
    TestStore s;
    Application a = draft();
    a.applicant.kind = ApplicantKind::Representative;
    a.applicant.bin = "940140000385";
    a.applicant.entity_name = "«Хромтау Құрылыс» ЖШС";
    a.applicant.authority_document = "Сенімхат № 15, 02.03.2026";
    Application r = registered(*s, at(2026, 3, 16), a);
    CHECK(r.state == AppState::Registered);
    CHECK(find_application(*s, r.uuid)->applicant.bin == "940140000385");
    a.applicant.authority_document = "";
    CHECK(registered(*s, at(2026, 3, 16), a).state == AppState::NeedsCorrection);
}

TEST_CASE("state machine: only legal moves are made, each one an event with who, when, why") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 16, 10));
    CHECK_THROWS_WITH_AS(move_application(*s, profile(), calendar(), a.uuid,
                                          move(AppState::Received), at(2026, 3, 16, 11)),
                         "state: transition_not_allowed", InputError);
    MoveInput in = move(AppState::InReview);
    in.reason = "preliminary review";
    a = move_application(*s, profile(), calendar(), a.uuid, in, at(2026, 3, 16, 11));
    CHECK(a.state == AppState::InReview);
    auto h = history(*s, a.uuid);
    REQUIRE(h.size() == 2);
    CHECK(h[1].from_state == "registered");
    CHECK(h[1].to_state == "in_review");
    CHECK(h[1].actor == "responsible-1");
    CHECK(h[1].reason == "preliminary review");
    CHECK(h[1].at == at(2026, 3, 16, 11));
    CHECK(h[1].data["item"] == "reg-25");
    MoveInput nobody = move(AppState::Withdrawn);
    nobody.actor = "";
    CHECK_THROWS_WITH_AS(
        move_application(*s, profile(), calendar(), a.uuid, nobody, at(2026, 3, 16, 12)),
        "state: actor_required", InputError);
    // A final state has no way out.
    a = move_application(*s, profile(), calendar(), a.uuid, move(AppState::Withdrawn),
                         at(2026, 3, 16, 12));
    CHECK(is_final(AppState::Withdrawn));
    CHECK_THROWS_AS(move_application(*s, profile(), calendar(), a.uuid, move(AppState::InReview),
                                     at(2026, 3, 16, 13)),
                    InputError);
}

TEST_CASE("reg-15: a withdrawal without the applicant's words is refused by the core") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 16, 10));
    MoveInput in = move(AppState::Withdrawn);
    in.reason = "  ";
    CHECK_THROWS_WITH_AS(
        move_application(*s, profile(), calendar(), a.uuid, in, at(2026, 3, 16, 11)),
        "reason: empty", InputError);
    CHECK(find_application(*s, a.uuid)->state == AppState::Registered);
    CHECK(history(*s, a.uuid).size() == 1);
}

TEST_CASE("reg-6: an application not corrected in time is returned, not before") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 16, 10));
    MoveInput fix = move(AppState::NeedsCorrection);
    CHECK_THROWS_WITH_AS(
        move_application(*s, profile(), calendar(), a.uuid, fix, at(2026, 3, 16, 11)),
        "state: correction_missing_required", InputError);
    fix.missing = "address";
    a = move_application(*s, profile(), calendar(), a.uuid, fix, at(2026, 3, 16, 11));
    REQUIRE(a.correction_due);
    CHECK(*a.correction_due == day(2026, 3, 26));
    CHECK_THROWS_WITH_AS(move_application(*s, profile(), calendar(), a.uuid,
                                          move(AppState::Returned), at(2026, 3, 26, 17)),
                         "state: correction_term_running", InputError);
    a = move_application(*s, profile(), calendar(), a.uuid, move(AppState::Returned),
                         at(2026, 3, 27, 9));
    CHECK(a.state == AppState::Returned);
}

TEST_CASE("reg-32: the draft refusal goes out at least 3 working days before the decision") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 16, 10));
    a = move_application(*s, profile(), calendar(), a.uuid, move(AppState::InReview),
                         at(2026, 3, 16, 11));
    MoveInput draft_refusal = move(AppState::RefusalDraftSent);
    draft_refusal.decision_on = day(2026, 3, 27);
    CHECK_THROWS_WITH_AS(
        move_application(*s, profile(), calendar(), a.uuid, draft_refusal, at(2026, 3, 19, 10)),
        "state: refusal_ground_required", InputError);
    draft_refusal.refusal_ground = "court_act_exists";
    // Thursday 19 March + 3 working days = 20, 26, 27 (Nauryz between): 27 is the earliest.
    draft_refusal.decision_on = day(2026, 3, 26);
    CHECK_THROWS_WITH_AS(
        move_application(*s, profile(), calendar(), a.uuid, draft_refusal, at(2026, 3, 19, 10)),
        "state: decision_date_too_soon", InputError);
    draft_refusal.decision_on = day(2026, 3, 27);
    a = move_application(*s, profile(), calendar(), a.uuid, draft_refusal, at(2026, 3, 19, 10));
    CHECK(a.state == AppState::RefusalDraftSent);
    record_application_event(*s, a.uuid, "notice_sent", "operator-1", "",
                             {{"about", "refusal_draft"}, {"channel", "letter"}},
                             at(2026, 3, 19, 12)); // sent the same day
    MoveInput refuse = move(AppState::Refused);
    refuse.refusal_ground = "court_act_exists";
    CHECK_THROWS_WITH_AS(
        move_application(*s, profile(), calendar(), a.uuid, refuse, at(2026, 3, 26, 10)),
        "state: refusal_too_early", InputError);
    a = move_application(*s, profile(), calendar(), a.uuid, refuse, at(2026, 3, 27, 10));
    CHECK(a.state == AppState::Refused);
    CHECK(a.refusal_ground == "court_act_exists");
}

TEST_CASE("reg-15: a refusal needs one of the grounds of the regulation") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 2, 10));
    move_application(*s, profile(), calendar(), a.uuid, move(AppState::InReview),
                     at(2026, 3, 2, 11));
    MoveInput d = move(AppState::RefusalDraftSent);
    d.refusal_ground = "does_not_like_the_applicant";
    d.decision_on = day(2026, 3, 10);
    CHECK_THROWS_WITH_AS(move_application(*s, profile(), calendar(), a.uuid, d, at(2026, 3, 2, 12)),
                         "state: refusal_ground_required", InputError);
    for (const char* g :
         {"outside_competence", "decision_exists", "court_act_exists", "returned", "withdrawn"})
        CHECK(profile().refusal_ground(g) != nullptr);
}

TEST_CASE("reg-30: a letter extends once — a decision of the akim or a deputy extends further") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 2, 10));
    move_application(*s, profile(), calendar(), a.uuid, move(AppState::InReview),
                     at(2026, 3, 2, 11));
    MoveInput ext = move(AppState::Extended);
    CHECK_THROWS_WITH_AS(move_application(*s, profile(), calendar(), a.uuid, ext, at(2026, 3, 3)),
                         "state: extension_kind_required", InputError);
    ext.extension = "letter";
    move_application(*s, profile(), calendar(), a.uuid, ext, at(2026, 3, 3));
    CHECK_THROWS_WITH_AS(move_application(*s, profile(), calendar(), a.uuid, ext, at(2026, 3, 4)),
                         "state: extension_already_used", InputError);
    ext.extension = "decision";
    CHECK_THROWS_WITH_AS(move_application(*s, profile(), calendar(), a.uuid, ext, at(2026, 3, 4)),
                         "state: extension_decided_by_required", InputError);
    ext.decided_by = "deputy_akim";
    CHECK(move_application(*s, profile(), calendar(), a.uuid, ext, at(2026, 3, 4)).state ==
          AppState::Extended);
}

TEST_CASE("reg-30: no extension once the term has run out — the decision is the akim's or a "
          "deputy's role") {
    TestStore s;
    // Registered Monday 2 March 2026; the profile and the calendar say when its term ends.
    Application late = registered(*s, at(2026, 3, 2, 10));
    move_application(*s, profile(), calendar(), late.uuid, move(AppState::InReview),
                     at(2026, 3, 2, 11));
    Date term_ends = term_after(calendar(), profile().term("response_date"), day(2026, 3, 2));
    MoveInput ext = move(AppState::Extended);
    ext.extension = "letter";
    CHECK_THROWS_WITH_AS(move_application(*s, profile(), calendar(), late.uuid, ext,
                                          local_instant(add_days(term_ends, 1), 10 * 60)),
                         "state: extension_term_over", InputError);
    ext.extension = "decision";
    ext.decided_by = "akim";
    CHECK_THROWS_WITH_AS(move_application(*s, profile(), calendar(), late.uuid, ext,
                                          local_instant(add_days(term_ends, 1), 10 * 60)),
                         "state: extension_term_over", InputError);
    CHECK(find_application(*s, late.uuid)->state == AppState::InReview);
    // On the term's last day it still runs.
    ext.extension = "letter";
    CHECK(move_application(*s, profile(), calendar(), late.uuid, ext,
                           local_instant(term_ends, 17 * 60))
              .state == AppState::Extended);

    // Two months only by the akim or a deputy, named by role: not a name typed in, not the head
    // of the apparatus.
    Application b = registered(*s, at(2026, 3, 16, 10));
    move_application(*s, profile(), calendar(), b.uuid, move(AppState::InReview),
                     at(2026, 3, 16, 11));
    MoveInput decision = move(AppState::Extended);
    decision.extension = "decision";
    for (const char* who : {"Әбілқасымова Г.Т.", "deputy akim", "head_of_apparatus"}) {
        decision.decided_by = who;
        CHECK_THROWS_WITH_AS(
            move_application(*s, profile(), calendar(), b.uuid, decision, at(2026, 3, 17)),
            "state: extension_decided_by_role", InputError);
    }
    decision.decided_by = "deputy_akim";
    move_application(*s, profile(), calendar(), b.uuid, decision, at(2026, 3, 17));
    CHECK(history(*s, b.uuid).back().data["decided_by"] == "deputy_akim");
}

// Responsible employees with accounts: a handler is a login of staff/staff.hpp.
static void add_handlers(Store& s, std::initializer_list<const char*> logins) {
    for (const char* login : logins)
        create_staff(s,
                     {login, "Қызметкерова Дина", "бас маман", std::string("password-") + login,
                      StaffRole::Responsible},
                     "admin", at(2026, 3, 1));
}

TEST_CASE("reg-37: an application is never assigned to the employee who handled it before") {
    TestStore s;
    add_handlers(*s, {"employee-17", "employee-22"});
    Application a = draft(Channel::OralInPerson);
    a.from_personal_reception = true; // reg-36
    a.previous_handler = "employee-17";
    a = registered(*s, at(2026, 3, 16), a);
    CHECK(find_application(*s, a.uuid)->from_personal_reception);
    CHECK_THROWS_WITH_AS(assign_application(*s, a.uuid, "employee-17", "head", at(2026, 3, 16)),
                         "assigned_to: reassign_previous_handler", InputError);
    CHECK(assign_application(*s, a.uuid, "employee-22", "head", at(2026, 3, 16)).assigned_to ==
          "employee-22");
    // The schema holds the rule too, whatever code writes the row.
    CHECK_THROWS_AS(s->exec("UPDATE applications SET assigned_to = previous_handler"), StoreError);
}

TEST_CASE("reg-37: handlers are staff accounts, A to B and back to A is refused, and so is the "
          "handler of the applicant's earlier application for one handed in at a reception") {
    TestStore s;
    add_handlers(*s, {"aliya", "bolat", "dana"});
    // A typed name is no handler, at registration or at assignment.
    Application typed = draft(Channel::OralInPerson);
    typed.from_personal_reception = true;
    typed.previous_handler = "Иванов И.И.";
    CHECK_THROWS_WITH_AS(registered(*s, at(2026, 3, 16), typed),
                         "previous_handler: staff_not_found", InputError);
    Application first = registered(*s, at(2026, 3, 16));
    CHECK_THROWS_WITH_AS(assign_application(*s, first.uuid, "Бекова Д.", "head", at(2026, 3, 16)),
                         "assigned_to: staff_not_found", InputError);

    // A -> B -> A: every earlier handler counts, not only the one named at the desk.
    assign_application(*s, first.uuid, "aliya", "head", at(2026, 3, 16, 11));
    assign_application(*s, first.uuid, "bolat", "head", at(2026, 3, 17));
    CHECK_THROWS_WITH_AS(assign_application(*s, first.uuid, "aliya", "head", at(2026, 3, 18)),
                         "assigned_to: reassign_previous_handler", InputError);
    CHECK(find_application(*s, first.uuid)->assigned_to == "bolat");

    // The same applicant (IIN) hands in a new one at a reception: nobody who handled the first.
    Application later = draft(Channel::OralInPerson);
    later.from_personal_reception = true;
    later = registered(*s, at(2026, 4, 15), later);
    CHECK(earlier_handlers(*s, later) == std::vector<std::string>{"aliya", "bolat"});
    for (const char* who : {"aliya", "bolat"})
        CHECK_THROWS_WITH_AS(assign_application(*s, later.uuid, who, "head", at(2026, 4, 15)),
                             "assigned_to: reassign_previous_handler", InputError);
    CHECK(assign_application(*s, later.uuid, "dana", "head", at(2026, 4, 15)).assigned_to ==
          "dana");

    // A name typed before handlers were accounts stays readable as it was written.
    s->prepare("UPDATE applications SET assigned_to = '', previous_handler = 'Иванов И.И.' "
               "WHERE uuid = ?1")
        .bind(1, first.uuid)
        .run();
    CHECK(handler_label(*s, "Иванов И.И.") == "Иванов И.И.");
    CHECK(handler_label(*s, "dana") == "Қызметкерова Дина (dana)");
}

TEST_CASE("lookup: a caller's open applications are found by phone in any spelling, or by IIN") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 16));
    Application other = draft();
    other.applicant.phone = "+7 702 000 00 00";
    other.applicant.iin = "760212350620";
    registered(*s, at(2026, 3, 16), other);
    CHECK(open_applications_of(*s, "87011234567", "").size() == 1);
    CHECK(open_applications_of(*s, "+7 (701) 123 45 67", "").size() == 1);
    CHECK(open_applications_of(*s, "", "760212350620").size() == 1);
    move_application(*s, profile(), calendar(), a.uuid, move(AppState::Withdrawn), at(2026, 3, 17));
    CHECK(open_applications_of(*s, "87011234567", "").empty());
}

TEST_CASE("outbox: registration and every move leave a change for the sync agent") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 16));
    move_application(*s, profile(), calendar(), a.uuid, move(AppState::InReview), at(2026, 3, 16));
    Stmt st = s->prepare("SELECT kind FROM outbox WHERE entity_uuid = ?1 ORDER BY seq");
    st.bind(1, a.uuid);
    std::vector<std::string> kinds;
    while (st.step()) kinds.push_back(st.text(0));
    CHECK(kinds == std::vector<std::string>{"application.registered", "application.state_changed"});
    // And each history event is itself carried to the server.
    CHECK(count_rows(*s, "SELECT count(*) FROM outbox WHERE kind = 'event.appended'") == 2);
}

TEST_CASE(
    "applications: an IIN or phone of spaces is typed wrong, not left out, and nothing is saved") {
    TestStore s;
    for (const char* field : {"iin", "phone"}) {
        Application a = draft();
        (field == std::string("iin") ? a.applicant.iin : a.applicant.phone) = "   ";
        try {
            registered(*s, at(2026, 3, 16), a);
            FAIL("accepted an " << field << " of spaces");
        } catch (const InputError& e) {
            CHECK(e.field == field);
        }
    }
    CHECK(count_rows(*s, "SELECT count(*) FROM applications") == 0);
}
