// The responsible employee's screens: the work list with red overdue marks, one case
// worked through its actions by tapping as staff would, the month's schedule with a
// cancellation, the satisfaction calls and the quarter's report with its files.
#include "console_fixture.hpp"

#include "cases/casework.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace reception;
using namespace reception::console;
using namespace reception::console::test;

namespace {

static const char* const kAkim = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d01";

// A caller's application to the akim; `lang` and `interpreter` as the caller asked.
Application registered(Console& c, Instant t, const std::string& surname = "Омаров",
                       const std::string& lang = "kk", bool interpreter = false) {
    Application a;
    a.channel = Channel::Phone;
    a.applicant.surname = surname;
    a.applicant.name = "Данияр";
    a.applicant.phone = "+77011112233";
    a.applicant.address = "Хромтау, Абай к-сі, 7";
    a.essence = "Аулада балалар алаңы салу туралы өтініш";
    a.official_uuid = kAkim;
    a.language = lang;
    a.interpreter_needed = interpreter;
    return register_application(*c.s, profile(), calendar(), a, "operator1", t);
}

void into_review(Console& c, const Application& a, Instant t) {
    MoveInput in;
    in.to = AppState::InReview;
    in.actor = "resp1";
    move_and_notify(*c.s, profile(), calendar(), a.uuid, in, t);
}

std::string kk(const std::string& key) {
    return texts().text(Lang::kk, key);
}

// Every piece of text drawn this frame that is on a button or a row.
bool shown_starting(Console& c, const std::string& start) {
    for (const auto& t : c.ui.tappables)
        if (t.label.rfind(start, 0) == 0) return true;
    return false;
}

} // namespace

TEST_CASE("case work: the work list puts the overdue case first, and a case is worked by taps") {
    Console c; // Tuesday 14 April 2026
    Application late = registered(c, at(2026, 3, 2), "Кешікқызы");
    Application fresh = registered(c, at(2026, 4, 13), "Жаңаұлы");
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::WorkList));
    c.frame();
    c.frame();
    const auto& items = c->casework().items();
    REQUIRE(items.size() == 2);
    CHECK(items[0].app.uuid == late.uuid); // 15 working days from 2 March ran out on 25 March
    CHECK(items[0].overdue(local_date(c.now)));
    CHECK(c->casework().overdue_count() == 1);

    // Choose the fresh one and take it into review, then book it with the akim.
    REQUIRE(c.tap(fresh.reg_number));
    REQUIRE(c->casework().selected());
    CHECK(c->casework().selected()->app.uuid == fresh.uuid);
    REQUIRE(c.tap(kk("console.case.action.review")));
    REQUIRE(c.tap(kk("console.case.apply") + "  F10"));
    CHECK(find_application(*c.s, fresh.uuid)->state == AppState::InReview);
    CHECK(c->casework().done() == "review");

    REQUIRE(c.tap(kk("console.case.action.schedule")));
    // Applying without a session says so and changes nothing.
    REQUIRE(c.tap(kk("console.case.apply") + "  F10"));
    CHECK(c->casework().errors().at("session") == "session_required");
    CHECK(find_application(*c.s, fresh.uuid)->state == AppState::InReview);
    REQUIRE(shown_starting(c, "15.04.2026"));
    for (const auto& t : c.ui.tappables)
        if (t.label.rfind("15.04.2026", 0) == 0) {
            REQUIRE(c.tap(t.label));
            break;
        }
    REQUIRE(c.tap(kk("console.case.apply") + "  F10"));
    Application booked = *find_application(*c.s, fresh.uuid);
    CHECK(booked.state == AppState::Scheduled);
    // The reception-date notice waits to be sent; marking it sent records who and when.
    auto notices = notices_of(*c.s, fresh.uuid);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].about == "reception_date");
    c.frame();
    REQUIRE(c.tap(kk("console.channel.sms"))); // it went by SMS, not by the planned phone call
    CHECK(notices_of(*c.s, fresh.uuid)[0].sent_on == local_date(c.now));
    CHECK(notices_of(*c.s, fresh.uuid)[0].channel == "sms");
    CHECK(history(*c.s, fresh.uuid).back().actor == "resp1");
}

TEST_CASE("case work: a bad date or a missing field in a case form is said and nothing is saved") {
    Console c;
    Application a = registered(c, at(2026, 4, 13));
    into_review(c, a, at(2026, 4, 13, 12));
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::WorkList));
    c.frame();
    c->casework().select(a.uuid, Lang::kk, c.now);
    c->casework().choose(CaseAction::DraftRefusal, c.now);
    c->casework().form().decision_on = "31.02.2026";
    CHECK_FALSE(c->casework().apply("resp1", false, Lang::kk, c.now));
    CHECK(c->casework().errors().at("decision_on") == "bad_date");
    c->casework().form().decision_on = "15.04.2026"; // too soon: 3 working days are needed
    CHECK_FALSE(c->casework().apply("resp1", false, Lang::kk, c.now));
    CHECK(c->casework().errors().at("state") == "decision_date_too_soon");
    CHECK(find_application(*c.s, a.uuid)->state == AppState::InReview);
    CHECK(notices_of(*c.s, a.uuid).empty());

    c->casework().choose(CaseAction::Withdraw, c.now);
    CHECK_FALSE(c->casework().apply("resp1", false, Lang::kk, c.now));
    CHECK(c->casework().errors().at("reason") == "empty");
    c.frame(); // the message is drawn in the user's language
    CHECK(find_application(*c.s, a.uuid)->state == AppState::InReview);
}

TEST_CASE("reg-16: the schedule screen cancels a session and lists whom to tell") {
    Console c;
    Application a = registered(c, at(2026, 4, 6));
    into_review(c, a, at(2026, 4, 6, 12));
    ReceptionSession wed;
    for (const auto& s : sessions_between(*c.s, day(2026, 4, 15), day(2026, 4, 15)))
        if (s.official_uuid == kAkim) wed = s;
    schedule_application(*c.s, profile(), calendar(), a.uuid, wed.uuid, false, "resp1",
                         at(2026, 4, 7));
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::MonthSchedule));
    c.frame();
    ScheduleModel& sm = c->schedule();
    CHECK(sm.month() == day(2026, 4, 1));
    CHECK(sm.without_session().empty()); // the demo officials all receive in April (reg-7)
    sm.select(wed.uuid);
    CHECK_FALSE(sm.cancel("resp1", c.now)); // no reason given
    CHECK(sm.errors().at("reason") == "empty");
    sm.cancel_reason() = "Облыс әкімінің кеңесі";
    REQUIRE(sm.cancel("resp1", c.now));
    CHECK(sm.cancelled_in_time() == false); // the day before: later than 2 working days
    c.frame();
    CHECK(c.ui.find(kk("console.schedule.notify")) == nullptr); // a heading, not a button
    REQUIRE(sm.to_notify().size() == 1);
    CHECK(sm.to_notify()[0].reg_number == a.reg_number);
    CHECK(sm.to_notify()[0].new_date == day(2026, 4, 22));
}

TEST_CASE("reg-38, reg-40: surveys and the quarter's report from the console") {
    Console c;
    Application a = registered(c, at(2026, 4, 1));
    MoveInput in;
    in.actor = "resp1";
    in.to = AppState::InReview;
    move_and_notify(*c.s, profile(), calendar(), a.uuid, in, at(2026, 4, 1, 12));
    in.to = AppState::RefusalDraftSent;
    in.refusal_ground = "outside_competence";
    in.decision_on = day(2026, 4, 8);
    move_and_notify(*c.s, profile(), calendar(), a.uuid, in, at(2026, 4, 2));
    for (const auto& n : notices_of(*c.s, a.uuid)) // reg-32: the draft went out that day
        if (!n.sent_on) mark_notice_sent(*c.s, n.uuid, "operator1", at(2026, 4, 2, 15));
    in.to = AppState::Refused;
    move_and_notify(*c.s, profile(), calendar(), a.uuid, in, at(2026, 4, 8));

    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    REQUIRE(c->go(Screen::Surveys));
    c.frame();
    SurveyModel& sv = c->surveys();
    REQUIRE(sv.calls().size() == 1);
    CHECK(sv.calls()[0].reason == "refused");
    REQUIRE(c.tap(a.reg_number));
    REQUIRE(sv.selected());
    sv.answer().reached = true;
    sv.answer().rating = 2;
    sv.answer().comment = "Басқа органға жіберу керек еді";
    REQUIRE(sv.save(c->actor(), c.now));
    CHECK(sv.calls().empty());
    CHECK(sv.figures().answered == 1);
    CHECK(sv.figures().satisfied == 0);
    CHECK_FALSE(c->go(Screen::Reports)); // not the operator's

    c->sign_out(c.now);
    c.add_staff("resp1", StaffRole::Responsible);
    c->sign_in_form() = {"resp1", "password-resp1"};
    REQUIRE(c->sign_in(c.now));
    REQUIRE(c->go(Screen::Reports));
    c.frame();
    ReportModel& rm = c->reports();
    REQUIRE(rm.report());
    CHECK(rm.year() == 2026);
    CHECK(rm.quarter() == 2);
    CHECK(rm.report()->registered == 1);
    CHECK(rm.report()->survey.answered == 1);
    TempDir out;
    setenv("RECEPTION_EXPORT_DIR", out.path.c_str(), 1);
    rm.export_files(Lang::kk);
    unsetenv("RECEPTION_EXPORT_DIR");
    CHECK(rm.exported().error.empty());
    REQUIRE(rm.exported().files.size() == 3);
    for (const auto& f : rm.exported().files) CHECK(std::filesystem::file_size(f) > 100);
    rm.shift(-1, Lang::kk, c.now);
    CHECK(rm.quarter() == 1);
    CHECK(rm.report()->registered == 0);
}

TEST_CASE("reg-9: the schedule screen adds an ad-hoc session, and says what is wrong first") {
    Console c;
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::MonthSchedule));
    c.frame();
    ScheduleModel& sm = c->schedule();
    size_t before = sm.sessions().size();
    AdHocForm& f = sm.ad_hoc();
    f.official_uuid = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d03";
    f.date = "17.04.2026";
    f.start = "25:00";
    CHECK_FALSE(sm.add_ad_hoc("resp1", c.now));
    CHECK(sm.errors().at("start") == "bad_time");
    f.start = "15:00";
    CHECK_FALSE(sm.add_ad_hoc("resp1", c.now));
    CHECK(sm.errors().at("instruction") == "empty");
    CHECK(sm.sessions().size() == before);
    f.reason = "Әкімнің 13.04.2026 тапсырмасы";
    REQUIRE(sm.add_ad_hoc("resp1", c.now));
    CHECK(sm.added());
    CHECK(sm.sessions().size() == before + 1);
    bool found = false;
    for (const auto& row : sm.sessions())
        found = found || (row.session.ad_hoc && row.session.date == day(2026, 4, 17));
    CHECK(found);
}

TEST_CASE(
    "reg-6: the correction form starts from the application and names what is still missing") {
    Console c;
    Application a;
    a.channel = Channel::Phone;
    a.applicant.surname = "Омаров";
    a.applicant.phone = "+77011112233";
    a.applicant.address = "Хромтау, Абай к-сі, 7";
    a.essence = "Аулада балалар алаңы салу туралы өтініш";
    a = register_application(*c.s, profile(), calendar(), a, "operator1", at(2026, 4, 13));
    REQUIRE(a.state == AppState::NeedsCorrection);
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::WorkList));
    c.frame();
    CaseworkModel& cw = c->casework();
    cw.select(a.uuid, Lang::kk, c.now);
    cw.choose(CaseAction::Corrected, c.now);
    CHECK(cw.form().applicant.surname == "Омаров");
    CHECK_FALSE(cw.apply("resp1", false, Lang::kk, c.now));
    CHECK(cw.errors().at("name") == "still_missing");
    c.frame(); // the message shows under the name field
    CHECK(c.shown(kk("ui.name")));
    cw.form().applicant.name = "Данияр";
    REQUIRE(cw.apply("resp1", false, Lang::kk, c.now));
    CHECK(find_application(*c.s, a.uuid)->state == AppState::Corrected);
    CHECK(find_application(*c.s, a.uuid)->applicant.name == "Данияр");
}

TEST_CASE("case work: the work list narrows to one state, and to what is assigned to me") {
    Console c;
    Application a = registered(c, at(2026, 4, 13), "Бірінші");
    registered(c, at(2026, 4, 13, 11), "Екінші");
    into_review(c, a, at(2026, 4, 13, 12));
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    assign_application(*c.s, a.uuid, "resp1", "admin", at(2026, 4, 13, 13));
    REQUIRE(c->go(Screen::WorkList));
    c.frame();
    CHECK(c->casework().items().size() == 2);
    REQUIRE(c.tap(kk("app.state.in_review")));
    REQUIRE(c->casework().items().size() == 1);
    CHECK(c->casework().items()[0].app.uuid == a.uuid);
    REQUIRE(c.tap(kk("console.work.all_states")));
    CHECK(c->casework().items().size() == 2);
    c.press(keys::k1 + 1, true); // Ctrl+2: assigned to me
    REQUIRE(c->casework().items().size() == 1);
    CHECK(c->casework().items()[0].app.assigned_to == "resp1");
}

TEST_CASE("reg-30, reg-33: the case screen asks who decided an extension, by role, and the "
          "hearing's way, times, secretary and objections") {
    Console c; // Tuesday 14 April 2026
    Application a = registered(c, at(2026, 4, 6));
    into_review(c, a, at(2026, 4, 6, 12));
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::WorkList));
    c.frame();
    CaseworkModel& cw = c->casework();
    cw.select(a.uuid, Lang::kk, c.now);

    // reg-30: the deciding akim or deputy is one of two buttons, not a name typed in.
    REQUIRE(c.tap(kk("console.case.action.extend")));
    REQUIRE(c.tap(kk("console.case.extension.decision")));
    CHECK(c.shown(profile().role("akim")->name("kk")));
    CHECK_FALSE(c.shown(profile().role("head_of_apparatus")->name("kk")));
    c.press(keys::kF1 + 9); // F10: the long form's button is below the fold
    CHECK(cw.errors().at("state") == "extension_decided_by_required");
    REQUIRE(c.tap(profile().role("deputy_akim")->name("kk")));
    c.press(keys::kF1 + 9);
    CHECK(find_application(*c.s, a.uuid)->state == AppState::Extended);
    CHECK(history(*c.s, a.uuid).back().data["decided_by"] == "deputy_akim");

    // reg-32: a draft refusal, sent the same day; the case says when it went.
    MoveInput d;
    d.to = AppState::RefusalDraftSent;
    d.actor = "resp1";
    d.refusal_ground = "outside_competence";
    d.decision_on = day(2026, 4, 20);
    move_and_notify(*c.s, profile(), calendar(), a.uuid, d, at(2026, 4, 9));
    for (const auto& n : notices_of(*c.s, a.uuid))
        if (n.about == "refusal_draft") mark_notice_sent(*c.s, n.uuid, "resp1", at(2026, 4, 9, 12));
    cw.select(a.uuid, Lang::kk, c.now);
    c.frame();
    REQUIRE(cw.selected()->draft);
    CHECK(cw.selected()->draft->sent_on == day(2026, 4, 9));
    CHECK(cw.selected()->draft->decision_on == day(2026, 4, 20));

    // reg-33: the protocol's fields, each said when missing.
    REQUIRE(c.tap(kk("console.case.action.hearing")));
    for (const char* label :
         {"console.case.way.in_person", "console.case.way.video", "console.case.way.phone",
          "console.case.way.written", "console.case.start_time", "console.case.end_time",
          "console.case.secretary", "console.case.participants"})
        CHECK_MESSAGE(c.shown(kk(label)), label);
    CHECK(c.shown(kk("console.case.no_objections") + "  (Ctrl+3)"));
    REQUIRE(c.tap(kk("console.case.way.video")));
    CaseForm& f = cw.form();
    f.start_time = "15:00";
    f.end_time = "14:30";
    c.press(keys::kF1 + 9);
    CHECK(cw.errors().at("end") == "hearing_end_before_start");
    f.end_time = "15:30";
    c.press(keys::kF1 + 9);
    CHECK(cw.errors().at("place") == "empty");
    f.place = "12-кабинет";
    f.chaired_by = "Қайыров Н. Б.";
    f.secretary = "Әбенова Д. С.";
    f.participants = "Омаров Д.";
    f.hearing_reasons = "Облыстық жол";
    c.press(keys::kF1 + 9);
    CHECK(cw.errors().at("objections") == "objections_or_none");
    f.no_objections = true;
    c.press(keys::kF1 + 9);
    auto heard = hearings_of(*c.s, a.uuid);
    REQUIRE(heard.size() == 1);
    CHECK(heard[0].way == "video");
    CHECK(heard[0].secretary == "Әбенова Д. С.");
    CHECK(heard[0].start_minute == 15 * 60);
    CHECK(heard[0].end_minute == 15 * 60 + 30);
    CHECK(heard[0].no_objections);
}

// The schedule's persons, restriction and video consent (reg-9, 13, 14, 21, 27, 28) ---------

namespace {

ReceptionSession session_on(Console& c, const std::string& official, Date d) {
    for (const auto& s : sessions_between(*c.s, d, d))
        if (s.official_uuid == official) return s;
    FAIL("no session on " << format_date(d));
    return {};
}

// Registered, taken into review and booked into the akim's Wednesday 22 April.
Application booked_22_april(Console& c, const std::string& surname, const std::string& lang,
                            bool interpreter) {
    Application a = registered(c, at(2026, 4, 6), surname, lang, interpreter);
    into_review(c, a, at(2026, 4, 6, 12));
    schedule_application(*c.s, profile(), calendar(), a.uuid,
                         session_on(c, kAkim, day(2026, 4, 22)).uuid, false, "resp1",
                         at(2026, 4, 7));
    return a;
}

} // namespace

TEST_CASE("reg-9: the schedule screen's ad-hoc panel offers only officials who may receive ad "
          "hoc") {
    Console c;
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::MonthSchedule));
    c.frame();
    std::vector<std::string> offered;
    for (const auto& o : c->schedule().ad_hoc_officials()) offered.push_back(o.role);
    // The demo's two deputies; not the akim, the head of apparatus or the subdivision head.
    CHECK(offered == std::vector<std::string>{"deputy_akim", "deputy_akim"});
}

TEST_CASE("reg-27, reg-28, reg-11, reg-21: the schedule screen lists a session's persons with "
          "their times and needs, and prints the list in kk and ru") {
    Console c;
    Application kazakh = booked_22_april(c, "Омаров", "kk", false);
    Application russian = booked_22_april(c, "Петров", "ru", true);
    ReceptionSession wed = session_on(c, kAkim, day(2026, 4, 22));
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::MonthSchedule));
    c.frame();
    ScheduleModel& sm = c->schedule();
    const SessionRow* row = nullptr;
    for (const auto& r : sm.sessions())
        if (r.session.uuid == wed.uuid) row = &r;
    REQUIRE(row);
    CHECK(row->booked == 2);
    CHECK(row->capacity == 9);
    CHECK(row->interpreters == 1);
    CHECK(row->languages == "kk, ru");
    sm.select(wed.uuid);
    c.frame();
    REQUIRE(sm.persons().size() == 2);
    CHECK(sm.persons()[0].app.uuid == kazakh.uuid);
    CHECK(sm.persons()[0].start_minute == 15 * 60);
    CHECK(sm.persons()[1].app.uuid == russian.uuid);
    CHECK(sm.persons()[1].start_minute == 15 * 60 + 20);
    REQUIRE(c.shown(kk("console.schedule.persons_print")));
    TempDir out;
    setenv("RECEPTION_EXPORT_DIR", out.path.c_str(), 1);
    CHECK(c.tap(kk("console.schedule.persons_print")));
    unsetenv("RECEPTION_EXPORT_DIR");
    CHECK(sm.exported().error.empty());
    REQUIRE(sm.exported().files.size() == 2);
    for (const auto& f : sm.exported().files) CHECK(std::filesystem::file_size(f) > 1000);
}

TEST_CASE("reg-14: the schedule screen flags in-person bookings once the room receives by "
          "video only, and says why a cancelled one was not moved") {
    Console c;
    Application a = booked_22_april(c, "Омаров", "ru", false);
    set_restriction_mode(*c.s, true, "admin", "Эпидемиялық жағдай", at(2026, 4, 13));
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::MonthSchedule));
    c.frame();
    ScheduleModel& sm = c->schedule();
    ReceptionSession wed = session_on(c, kAkim, day(2026, 4, 22));
    for (const auto& r : sm.sessions())
        if (r.session.uuid == wed.uuid) CHECK(r.against_restriction == 1);
    sm.select(wed.uuid);
    REQUIRE(sm.persons().size() == 1);
    CHECK(sm.persons()[0].in_person_under_restriction);
    sm.cancel_reason() = "Іссапар";
    REQUIRE(sm.cancel("resp1", c.now));
    REQUIRE(sm.to_notify().size() == 1);
    CHECK_FALSE(sm.to_notify()[0].new_date); // the akim has no video session: not moved
    CHECK(sm.to_notify()[0].left_because == "no_video_session");
    CHECK(sm.to_notify()[0].language == "ru");
    CHECK(find_application(*c.s, a.uuid)->session_uuid == wed.uuid);
}

TEST_CASE("reg-13, reg-21: the case screen books by video only with the applicant's consent, "
          "recorded with how it was given, and shows the notice in the applicant's language") {
    Console c;
    Application a = registered(c, at(2026, 4, 6));
    into_review(c, a, at(2026, 4, 6, 12));
    Application ru = booked_22_april(c, "Петров", "ru", false);
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::WorkList));
    c.frame();
    CaseworkModel& cw = c->casework();
    cw.select(a.uuid, Lang::kk, c.now);
    cw.choose(CaseAction::Schedule, c.now);
    // The video deputy's Thursday 23 April.
    cw.form().session_uuid =
        session_on(c, "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d03", day(2026, 4, 23)).uuid;
    CHECK_FALSE(cw.apply("resp1", false, Lang::kk, c.now));
    CHECK(cw.errors().at("session") == "no_video_consent");
    cw.form().video_consent_now = true;
    CHECK_FALSE(cw.apply("resp1", false, Lang::kk, c.now)); // how it was given is required
    CHECK(cw.errors().at("how") == "empty");
    CHECK_FALSE(find_application(*c.s, a.uuid)->video_consent);
    cw.form().consent_how = "телефон арқылы";
    REQUIRE(cw.apply("resp1", false, Lang::kk, c.now));
    CHECK(find_application(*c.s, a.uuid)->video_consent);
    REQUIRE(cw.booked());
    CHECK(cw.booked()->start_minute == 10 * 60);

    // A Russian-speaking applicant's notice reads in Russian on a Kazakh console.
    cw.select(ru.uuid, Lang::kk, c.now);
    c.frame();
    REQUIRE_FALSE(cw.notices().empty());
    CHECK(cw.notice_words(cw.notices()[0]).find("Личный приём: 22.04.2026, в 15:00") !=
          std::string::npos);
}

TEST_CASE("reg-10, reg-23: the case screen records a reception held only with the documents seen, "
          "from the session's time, with its protocol and instructions") {
    Console c;
    Application a = registered(c, at(2026, 4, 6));
    into_review(c, a, at(2026, 4, 6, 12));
    ReceptionSession wed;
    for (const auto& x : sessions_between(*c.s, day(2026, 4, 15), day(2026, 4, 15)))
        if (x.official_uuid == kAkim) wed = x; // Wednesday 15 April, 15:00
    schedule_application(*c.s, profile(), calendar(), a.uuid, wed.uuid, false, "resp1",
                         at(2026, 4, 7));
    c.now = at(2026, 4, 15, 11); // the morning before the session
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::WorkList));
    c.frame();
    CaseworkModel& cw = c->casework();
    cw.select(a.uuid, Lang::kk, c.now);
    REQUIRE(c.tap(kk("console.case.action.received")));
    for (const char* label : {"console.record.id_document", "console.case.attendees",
                              "console.case.decision", "console.case.instruction_text"})
        CHECK_MESSAGE(c.shown(kk(label)), label);
    CaseForm& f = cw.form();
    CHECK(f.official_uuid == kAkim); // the session's official, unless another received
    f.id_document = "Жеке куәлік № 045612378";
    c.press(keys::kF1 + 9);
    CHECK(cw.errors().at("id_checked") == "id_not_checked");
    f.id_checked = true;
    f.attendees = "ТКШ бөлімінің басшысы";
    f.decision = "Балалар алаңы 2026 жылғы жоспарға енгізілсін";
    f.protocol_instructions[0] = {"Смета дайындау", "ТКШ бөлімі", "30.04.2026"};
    c.press(keys::kF1 + 9);
    CHECK(cw.errors().at("state") == "reception_before_session");
    CHECK(find_application(*c.s, a.uuid)->state == AppState::Scheduled);

    c.now = at(2026, 4, 15, 15, 10);
    c.press(keys::kF1 + 9);
    CHECK(cw.errors().empty());
    CHECK(find_application(*c.s, a.uuid)->state == AppState::OnControl);
    c.frame();
    REQUIRE(cw.protocol()); // shown under the clocks: number, day, official, decision
    CHECK(cw.protocol()->number == "PR-K1-2026-0001");
    CHECK(cw.protocol()->decision == "Балалар алаңы 2026 жылғы жоспарға енгізілсін");
    CHECK(instructions_of(*c.s, a.uuid).size() == 1);
}

// What the central server reported of an SMS notice (pulled into notice_deliveries by the agent)
// is on the case: failed, the staff's buttons stay; sent, they go and the clock is met.
TEST_CASE("case work: reg-6: a notice the server could not send shows the reason with the "
          "buttons to phone instead, and one it sent needs nothing more") {
    Console c;
    auto planned = [&](const std::string& surname) {
        Application a;
        a.channel = Channel::Phone;
        a.applicant.surname = surname;
        a.applicant.name = "Данияр";
        a.applicant.phone = "+77011112233";
        a.applicant.address = "Хромтау, Абай к-сі, 7";
        a.essence = "Аулада балалар алаңы салу туралы өтініш";
        a.official_uuid = kAkim;
        a.notice_consent = true; // a mobile and consent: the server texts it
        a = register_application(*c.s, profile(), calendar(), a, "operator1", c.now);
        MoveInput in;
        in.to = AppState::NeedsCorrection;
        in.actor = "resp1";
        in.missing = "address";
        move_and_notify(*c.s, profile(), calendar(), a.uuid, in, c.now);
        auto notices = notices_of(*c.s, a.uuid);
        REQUIRE(notices.size() == 1);
        CHECK(notices[0].channel == "sms");
        return std::make_pair(a, notices[0]);
    };
    // What the agent writes when it pulls the server's report.
    auto delivery = [&](const Notice& n, const char* state, const char* reason) {
        c.s->prepare("INSERT INTO notice_deliveries(uuid, application_uuid, channel, state, "
                     "reason, attempts, queued_at, sent_at, updated_at) VALUES (?1, ?2, 'sms', "
                     "?3, ?4, 3, ?5, ?6, ?5)")
            .bind(1, n.uuid)
            .bind(2, n.application_uuid)
            .bind(3, state)
            .bind(4, reason)
            .bind(5, format_instant(c.now))
            .bind(6, std::string(state) == "sent" ? format_instant(c.now) : "")
            .run();
    };
    auto [failed_app, failed] = planned("Омаров");
    auto [sent_app, sent] = planned("Сейітов");
    delivery(failed, "failed", "gave_up: unreachable: HTTP 503");
    delivery(sent, "sent", "");
    REQUIRE(c.sign_in_as("resp1", StaffRole::Responsible));
    REQUIRE(c->go(Screen::WorkList));
    c.frame();

    REQUIRE(c.tap(failed_app.reg_number));
    c.frame();
    REQUIRE(c->casework().notices().size() == 1);
    const Notice& shown = c->casework().notices()[0];
    REQUIRE(shown.delivery);
    CHECK(shown.delivery->state == "failed");
    CHECK(!shown.went_out());
    REQUIRE(c.tap(kk("console.channel.phone"))); // staff rang instead
    CHECK(notices_of(*c.s, failed_app.uuid)[0].sent_on == local_date(c.now));

    REQUIRE(c->go(Screen::WorkList));
    c.frame();
    REQUIRE(c.tap(sent_app.reg_number));
    c.frame();
    REQUIRE(c->casework().notices().size() == 1);
    CHECK(c->casework().notices()[0].went_out());
    CHECK(!c.shown(kk("console.channel.phone")));
    CHECK(!c.shown(kk("console.channel.letter")));
}
