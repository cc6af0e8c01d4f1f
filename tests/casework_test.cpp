// Case work of chapters 3 and 4: notices, hearings, scheduling, cancellation, other
// bodies, instructions and control, the note to the akim, surveys and the work list, on the
// 2026 calendar (Nauryz 21-25 March, the May holidays).
#include "test_support.hpp"

#include "cases/bookings.hpp"
#include "cases/casework.hpp"
#include "cases/deadlines.hpp"
#include "cases/reception_protocol.hpp"
#include "cases/surveys.hpp"
#include "cases/work_list.hpp"
#include "queue/ticket_queue.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"

#include <doctest/doctest.h>
#include <fstream>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

// Helpers ------------------------------------------------------------------------------

static Application draft(const std::string& phone = "+77011234567") {
    Application a;
    a.channel = Channel::Kiosk;
    a.applicant.surname = "Сәрсенбаева";
    a.applicant.name = "Әйгерім";
    a.applicant.iin = "871008401427";
    a.applicant.phone = phone;
    a.applicant.address = "Хромтау, Әйтеке би к-сі, 12";
    a.essence = "Ауладағы жолды жөндеу туралы мәселе";
    return a;
}

static Application registered(Store& s, Instant t, Application a = draft()) {
    return register_application(s, profile(), calendar(), a, "operator-1", t);
}

static MoveInput mv(AppState to) {
    MoveInput in;
    in.to = to;
    in.actor = "responsible-1";
    in.reason = "қаралды";
    return in;
}

static Application move(Store& s, const Application& a, MoveInput in, Instant t) {
    return move_and_notify(s, profile(), calendar(), a.uuid, in, t);
}

static Application in_review(Store& s, const Application& a, Instant t) {
    return move(s, a, mv(AppState::InReview), t);
}

static void load_demo(Store& s) {
    std::ifstream in(assets() / "demo/schedule.json");
    load_schedule(s, profile(), calendar(), json::parse(in), at(2026, 1, 5));
}

// The demo schedule: the akim (…d01) receives on Wednesdays in person, a deputy (…d03) on
// Thursdays by video.
static const char* const kAkim = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d01";
static const char* const kVideoDeputy = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d03";

static ReceptionSession session_of(Store& s, const std::string& official, Date d) {
    for (const auto& x : sessions_between(s, d, d))
        if (x.official_uuid == official) return x;
    FAIL("no session of " << official << " on " << format_date(d));
    return {};
}

static long long count_rows(Store& s, const char* sql) {
    Stmt st = s.prepare(sql);
    st.step();
    return st.integer(0);
}

static const Clock* clock_of(const std::vector<Clock>& clocks, const std::string& code) {
    for (const auto& c : clocks)
        if (c.code == code) return &c;
    return nullptr;
}

static std::vector<Clock> clocks_at(Store& s, const std::string& uuid, Date today) {
    auto a = find_application(s, uuid);
    REQUIRE(a);
    return work_item(s, profile(), calendar(), *a, today).clocks;
}

template <class F> static std::string error_code(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.code;
    }
    return "";
}

// Notices ------------------------------------------------------------------------------

TEST_CASE(
    "reg-6: asking for a correction on the Friday before Nauryz plans a notice for 26 March") {
    TestStore s;
    Application a = registered(*s, at(2026, 3, 20));
    MoveInput in = mv(AppState::NeedsCorrection);
    in.missing = "address";
    move(*s, a, in, at(2026, 3, 20, 11));

    auto notices = notices_of(*s, a.uuid);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].about == "correction");
    CHECK(notices[0].item == "reg-6");
    CHECK(notices[0].channel == "phone");
    CHECK(format_date(notices[0].due_on) == "2026-03-26"); // 21-25 March are days off
    CHECK(notices_open(*s).size() == 1);

    Notice sent = mark_notice_sent(*s, notices[0].uuid, "operator-1", at(2026, 3, 26, 9, 30));
    CHECK(sent.sent_on == day(2026, 3, 26));
    CHECK(notices_open(*s).empty());
    auto events = history(*s, a.uuid);
    CHECK(events.back().kind == "notice_sent");
    CHECK(events.back().data["about"] == "correction");
    CHECK(error_code([&] { mark_notice_sent(*s, sent.uuid, "operator-1", at(2026, 3, 27)); }) ==
          "notice_already_sent");
    CHECK(error_code([&] { mark_notice_sent(*s, "no-such", "operator-1", at(2026, 3, 27)); }) ==
          "notice_not_found");
}

TEST_CASE("reg-30: an extension on 30 April is told by 6 May, across the May holidays") {
    TestStore s;
    Application a = in_review(*s, registered(*s, at(2026, 4, 20)), at(2026, 4, 21));
    MoveInput ext = mv(AppState::Extended);
    ext.extension = "letter";
    move(*s, a, ext, at(2026, 4, 30, 11));

    auto notices = notices_of(*s, a.uuid);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].about == "extension");
    CHECK(format_date(notices[0].due_on) == "2026-05-06"); // 1 May off, then 4, 5, 6 May

    const Clock* c = clock_of(clocks_at(*s, a.uuid, day(2026, 5, 7)), "reg30_extension_notice");
    REQUIRE(c);
    CHECK(c->state == ClockState::Overdue);
    // The work list marks it red.
    auto list = work_list(*s, profile(), calendar(), {}, day(2026, 5, 7));
    REQUIRE(list.size() == 1);
    CHECK(list[0].overdue(day(2026, 5, 7)));

    mark_notice_sent(*s, notices[0].uuid, "operator-1", at(2026, 5, 8));
    c = clock_of(clocks_at(*s, a.uuid, day(2026, 5, 8)), "reg30_extension_notice");
    REQUIRE(c);
    CHECK(c->state == ClockState::MetLate);
}

// Refusal with hearing -----------------------------------------------------------------

static Hearing hearing_for(const Application& a, Date held, bool present) {
    Hearing h;
    h.application_uuid = a.uuid;
    h.held_on = held;
    h.way = "in_person";
    h.start_minute = 15 * 60;
    h.end_minute = 15 * 60 + 40;
    h.place = "Хромтау аудандық әкімдігі, 12-кабинет";
    h.chaired_by = "Қайыров Нұрлан Бауыржанұлы";
    h.secretary = "Әбенова Динара Серікқызы";
    h.participants = "Сәрсенбаева Ә.";
    h.applicant_present = present;
    h.objections = "Жол ауданның балансында, деп санаймын";
    h.conclusion = "refuse";
    h.reasons = "Жол облыстық маңызы бар жолдарға жатады";
    return h;
}

TEST_CASE("reg-32, reg-33: the hearing waits for the 2 working days of objections — then refusal") {
    TestStore s;
    Application a = in_review(*s, registered(*s, at(2026, 3, 2)), at(2026, 3, 3));
    MoveInput draft_in = mv(AppState::RefusalDraftSent);
    draft_in.refusal_ground = "outside_competence";
    draft_in.decision_on = day(2026, 3, 13);
    move(*s, a, draft_in, at(2026, 3, 4));
    auto notices = notices_of(*s, a.uuid);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].about == "refusal_draft");
    CHECK(notices[0].item == "reg-32");
    CHECK(notices[0].due_on < day(2026, 3, 13));
    mark_notice_sent(*s, notices[0].uuid, "operator-1", at(2026, 3, 4, 15));

    // Draft sent on 4 March: objections until 6 March (5, 6); 7-9 March are days off.
    CHECK(error_code([&] {
              record_hearing(*s, profile(), calendar(), hearing_for(a, day(2026, 3, 6), false),
                             "responsible-1", at(2026, 3, 6));
          }) == "hearing_before_objection_term");
    Hearing empty_place = hearing_for(a, day(2026, 3, 10), false);
    empty_place.place = "  ";
    CHECK(error_code([&] {
              record_hearing(*s, profile(), calendar(), empty_place, "responsible-1",
                             at(2026, 3, 10));
          }) == "empty");
    CHECK(count_rows(*s, "SELECT count(*) FROM hearings") == 0);

    record_hearing(*s, profile(), calendar(), hearing_for(a, day(2026, 3, 10), false),
                   "responsible-1", at(2026, 3, 10));
    CHECK(find_application(*s, a.uuid)->state == AppState::Hearing);
    auto hearings = hearings_of(*s, a.uuid);
    REQUIRE(hearings.size() == 1);
    CHECK(hearings[0].objections == "Жол ауданның балансында, деп санаймын");

    MoveInput refuse = mv(AppState::Refused);
    refuse.refusal_ground = "outside_competence";
    CHECK(error_code([&] { move(*s, a, refuse, at(2026, 3, 12)); }) == "refusal_too_early");
    move(*s, a, refuse, at(2026, 3, 13));
    CHECK(find_application(*s, a.uuid)->state == AppState::Refused);
    notices = notices_of(*s, a.uuid);
    CHECK(notices.back().about == "answer");
    CHECK(notices.back().item == "reg-15");
}

TEST_CASE("reg-33: a hearing needs a draft refusal first — present applicant may be heard early") {
    TestStore s;
    Application a = in_review(*s, registered(*s, at(2026, 3, 2)), at(2026, 3, 3));
    CHECK(error_code([&] {
              record_hearing(*s, profile(), calendar(), hearing_for(a, day(2026, 3, 4), true),
                             "responsible-1", at(2026, 3, 4));
          }) == "hearing_without_draft");
    MoveInput draft_in = mv(AppState::RefusalDraftSent);
    draft_in.refusal_ground = "outside_competence";
    draft_in.decision_on = day(2026, 3, 13);
    move(*s, a, draft_in, at(2026, 3, 4));
    Hearing h = hearing_for(a, day(2026, 3, 5), true);
    h.conclusion = "schedule";
    record_hearing(*s, profile(), calendar(), h, "responsible-1", at(2026, 3, 5));
    CHECK(find_application(*s, a.uuid)->state == AppState::Hearing);
    h.conclusion = "maybe";
    CHECK(error_code([&] {
              record_hearing(*s, profile(), calendar(), h, "responsible-1", at(2026, 3, 5));
          }) == "conclusion_required");
}

static Notice notice_about(Store& s, const Application& a, const std::string& about) {
    for (const auto& n : notices_of(s, a.uuid))
        if (n.about == about) return n;
    FAIL("no " << about << " notice");
    return {};
}

template <class F> static std::string error_at(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.field + ": " + e.code;
    }
    return "";
}

// Registered 2 March 2026 and in review: a draft refusal made at `made`, announcing the decision
// for Friday 13 March, and sent to the applicant at `sent` when given.
static Application drafted(Store& s, Instant made, std::optional<Instant> sent) {
    Application a = in_review(s, registered(s, at(2026, 3, 2)), at(2026, 3, 3));
    MoveInput draft_in = mv(AppState::RefusalDraftSent);
    draft_in.refusal_ground = "outside_competence";
    draft_in.decision_on = day(2026, 3, 13);
    a = move(s, a, draft_in, made);
    if (sent) mark_notice_sent(s, notice_about(s, a, "refusal_draft").uuid, "operator-1", *sent);
    return a;
}

static MoveInput refusal() {
    MoveInput in = mv(AppState::Refused);
    in.refusal_ground = "outside_competence";
    return in;
}

TEST_CASE("reg-32: a refusal needs the draft sent to the applicant 3 working days before it") {
    TestStore s;
    Application a = drafted(*s, at(2026, 3, 4), std::nullopt);
    Notice draft_notice = notice_about(*s, a, "refusal_draft");
    CHECK(draft_notice.due_on == day(2026, 3, 10)); // 12, 11, 10 March before the 13th

    // The draft was made, never sent: on the decision day the applicant has had no time at all.
    MoveInput refuse = refusal();
    CHECK(error_code([&] { move(*s, a, refuse, at(2026, 3, 13)); }) == "refusal_draft_not_sent");
    CHECK(error_code([&] {
              record_hearing(*s, profile(), calendar(), hearing_for(a, day(2026, 3, 13), false),
                             "responsible-1", at(2026, 3, 13));
          }) == "refusal_draft_not_sent");
    const Clock* k = clock_of(clocks_at(*s, a.uuid, day(2026, 3, 11)), "reg32_draft_refusal");
    REQUIRE(k);
    CHECK(k->state == ClockState::Overdue);

    // Sent on Wednesday 11 March, a day late: the refusal waits 3 working days from then.
    mark_notice_sent(*s, draft_notice.uuid, "operator-1", at(2026, 3, 11, 10));
    CHECK(error_code([&] { move(*s, a, refuse, at(2026, 3, 13)); }) == "refusal_too_early");
    k = clock_of(clocks_at(*s, a.uuid, day(2026, 3, 16)), "reg32_draft_refusal");
    CHECK(k->state == ClockState::MetLate);
    move(*s, a, refuse, at(2026, 3, 16)); // 12, 13, 16 March
    CHECK(find_application(*s, a.uuid)->state == AppState::Refused);
}

TEST_CASE("reg-32: the decision day announced in the draft holds whatever is recorded in between") {
    TestStore s;
    Application a = drafted(*s, at(2026, 3, 5), at(2026, 3, 5, 15));
    // Other events in the same state: a request to another body, its notice, a note.
    request_other_body(*s, profile(), calendar(), a.uuid, "Облыстық жер қатынастары басқармасы",
                       "responsible-1", at(2026, 3, 6));
    mark_notice_sent(*s, notice_about(*s, a, "other_body").uuid, "operator-1", at(2026, 3, 6, 12));
    attach_note(*s, a.uuid, "refusal", "Бас тарту ұсынылады", "responsible-1", at(2026, 3, 6, 15));

    auto item =
        work_item(*s, profile(), calendar(), *find_application(*s, a.uuid), day(2026, 3, 12));
    REQUIRE(item.draft);
    CHECK(item.draft->made_on == day(2026, 3, 5));
    CHECK(item.draft->sent_on == day(2026, 3, 5));
    CHECK(item.draft->decision_on == day(2026, 3, 13));
    // 3 working days from 5 March end on 11 March, but the applicant was told the 13th.
    MoveInput refuse = refusal();
    CHECK(error_code([&] { move(*s, a, refuse, at(2026, 3, 12)); }) == "refusal_too_early");
    // Nor does a note on the eve of the decision put the decision off.
    attach_note(*s, a.uuid, "refusal", "Бас тарту ұсынылады, негіздері толықтырылды",
                "responsible-1", at(2026, 3, 12, 16));
    move(*s, a, refuse, at(2026, 3, 13));
    CHECK(find_application(*s, a.uuid)->state == AppState::Refused);
}

TEST_CASE("reg-33: the hearing's protocol holds the way, start and end, secretary, participants "
          "and objections (APPC art. 73, 74)") {
    TestStore s;
    Application a = drafted(*s, at(2026, 3, 4), at(2026, 3, 4, 15));
    auto refused_with = [&](auto change) {
        Hearing h = hearing_for(a, day(2026, 3, 10), false);
        change(h);
        return error_at([&] {
            record_hearing(*s, profile(), calendar(), h, "responsible-1", at(2026, 3, 10));
        });
    };
    CHECK(refused_with([](Hearing& h) { h.way = ""; }) == "way: hearing_way_required");
    CHECK(refused_with([](Hearing& h) { h.way = "by pigeon"; }) == "way: hearing_way_required");
    CHECK(refused_with([](Hearing& h) { h.start_minute = -1; }) == "start: bad_time");
    CHECK(refused_with([](Hearing& h) { h.end_minute = -1; }) == "end: bad_time");
    CHECK(refused_with([](Hearing& h) { h.end_minute = h.start_minute; }) ==
          "end: hearing_end_before_start");
    CHECK(refused_with([](Hearing& h) { h.secretary = " "; }) == "secretary: empty");
    CHECK(refused_with([](Hearing& h) { h.participants = ""; }) == "participants: empty");
    CHECK(refused_with([](Hearing& h) { h.objections = ""; }) == "objections: objections_or_none");
    CHECK(refused_with([](Hearing& h) { h.no_objections = true; }) ==
          "objections: objections_or_none");
    CHECK(count_rows(*s, "SELECT count(*) FROM hearings") == 0);

    Hearing h = hearing_for(a, day(2026, 3, 10), false);
    h.way = "video";
    h.objections = "";
    h.no_objections = true;
    record_hearing(*s, profile(), calendar(), h, "responsible-1", at(2026, 3, 10, 16));
    auto stored = hearings_of(*s, a.uuid);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].way == "video");
    CHECK(stored[0].start_minute == 15 * 60);
    CHECK(stored[0].end_minute == 15 * 60 + 40);
    CHECK(stored[0].secretary == "Әбенова Динара Серікқызы");
    CHECK(stored[0].participants == "Сәрсенбаева Ә.");
    CHECK(stored[0].no_objections);
    // Other terminals and the server get the whole protocol.
    Stmt st = s->prepare("SELECT payload FROM outbox WHERE entity = 'hearing'");
    REQUIRE(st.step());
    json payload = json::parse(st.text(0));
    CHECK(payload["way"] == "video");
    CHECK(payload["secretary"] == "Әбенова Динара Серікқызы");
    CHECK(payload["end_minute"] == 15 * 60 + 40);
}

// Scheduling ---------------------------------------------------------------------------

TEST_CASE("reg-14, reg-28: in restriction mode only video sessions take bookings, in order") {
    TestStore s;
    load_demo(*s);
    Application d = draft();
    d.video_consent = true; // reg-13: a video booking needs it
    Application a = in_review(*s, registered(*s, at(2026, 4, 6), d), at(2026, 4, 6, 12));
    Application b = in_review(*s, registered(*s, at(2026, 4, 6, 11), d), at(2026, 4, 6, 12));
    ReceptionSession in_person = session_of(*s, kAkim, day(2026, 4, 15));
    ReceptionSession video = session_of(*s, kVideoDeputy, day(2026, 4, 16));

    CHECK(error_code([&] {
              schedule_application(*s, profile(), calendar(), a.uuid, in_person.uuid, true,
                                   "responsible-1", at(2026, 4, 7));
          }) == "session_not_video");
    CHECK(find_application(*s, a.uuid)->state == AppState::InReview);

    Booked first, second;
    schedule_application(*s, profile(), calendar(), a.uuid, video.uuid, true, "responsible-1",
                         at(2026, 4, 7), &first);
    schedule_application(*s, profile(), calendar(), b.uuid, video.uuid, true, "responsible-1",
                         at(2026, 4, 7), &second);
    CHECK(first.position == 1);
    CHECK(second.position == 2);
    auto notices = notices_of(*s, a.uuid);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].about == "reception_date");
    CHECK(notices[0].item == "reg-29");
    // reg-29: within 15 working days of registration on 6 April (4 May is the 15th).
    CHECK(notices[0].due_on <= day(2026, 4, 27));
    const Clock* response = clock_of(clocks_at(*s, a.uuid, day(2026, 4, 7)), "reg29_response_date");
    REQUIRE(response);
    CHECK(response->state == ClockState::Running); // booked, not told yet

    Application c = in_review(*s, registered(*s, at(2026, 4, 20)), at(2026, 4, 20, 12));
    CHECK(error_code([&] {
              schedule_application(*s, profile(), calendar(), c.uuid, video.uuid, false,
                                   "responsible-1", at(2026, 4, 20, 13));
          }) == "session_past");
    CHECK(error_code([&] {
              schedule_application(*s, profile(), calendar(), c.uuid, "no-such", false,
                                   "responsible-1", at(2026, 4, 20, 13));
          }) == "session_not_found");
}

// Registered Monday 6 April 2026 (its 15 working days end on 27 April), taken into review and
// booked at `when` into the akim's session of Wednesday 22 April.
static Application booked_for_22_april(Store& s, Instant when, Booked* booked = nullptr) {
    load_demo(s);
    Application a = in_review(s, registered(s, at(2026, 4, 6)), at(2026, 4, 6, 12));
    schedule_application(s, profile(), calendar(), a.uuid,
                         session_of(s, kAkim, day(2026, 4, 22)).uuid, false, "responsible-1", when,
                         booked);
    return a;
}

TEST_CASE("reg-29: the reception-date notice is due before the reception — the clock stops when "
          "it is sent") {
    TestStore s;
    Application a = booked_for_22_april(*s, at(2026, 4, 7));
    Notice n = notice_about(*s, a, "reception_date");
    CHECK(n.due_on == day(2026, 4, 21)); // the working day before the reception, not 27 April
    const Clock* response = clock_of(clocks_at(*s, a.uuid, day(2026, 4, 8)), "reg29_response_date");
    REQUIRE(response);
    CHECK(response->state == ClockState::Running); // booked; the applicant knows nothing yet
    CHECK(response->due == day(2026, 4, 27));
    mark_notice_sent(*s, n.uuid, "operator-1", at(2026, 4, 9, 11));
    response = clock_of(clocks_at(*s, a.uuid, day(2026, 4, 9)), "reg29_response_date");
    CHECK(response->state == ClockState::Met);
    CHECK(response->done_on == day(2026, 4, 9));
}

TEST_CASE("reg-26: a booking too close for the note to the akim is warned about when made, not "
          "born overdue") {
    TestStore s;
    // Monday 20 April for Wednesday 22 April: the note was due on 15 April.
    Booked b;
    Application a = booked_for_22_april(*s, at(2026, 4, 20, 10), &b);
    CHECK(b.offer.note_late);
    CHECK(b.offer.note_due == day(2026, 4, 15));
    CHECK_FALSE(b.offer.after_response_term);
    CHECK(history(*s, a.uuid).back().data["note_late"] == true); // the history says so too
    const Clock* note = clock_of(clocks_at(*s, a.uuid, day(2026, 4, 20)), "reg26_note_to_akim");
    REQUIRE(note);
    CHECK(note->state == ClockState::Running);
    CHECK(note->due == day(2026, 4, 20));
    auto list = work_list(*s, profile(), calendar(), {}, day(2026, 4, 20));
    REQUIRE(list.size() == 1);
    CHECK_FALSE(list[0].overdue(day(2026, 4, 20)));
    attach_note(*s, a.uuid, "date", "22 сәуірге қабылдау ұсынылады", "responsible-1",
                at(2026, 4, 20, 15));
    CHECK(clock_of(clocks_at(*s, a.uuid, day(2026, 4, 21)), "reg26_note_to_akim")->state ==
          ClockState::Met);
}

TEST_CASE("reg-26, reg-29: the sessions offered are marked past the reg-29 term or too close for "
          "the note") {
    TestStore s;
    load_demo(*s);
    // Registered 6 April, term to 27 April; offered on Tuesday 7 April.
    Application a = in_review(*s, registered(*s, at(2026, 4, 6)), at(2026, 4, 6, 12));
    auto offers = sessions_to_offer(*s, profile(), calendar(), a, day(2026, 4, 7));
    auto offer_on = [&](Date d) -> const SessionOffer* {
        for (const auto& o : offers)
            if (o.session.date == d) return &o;
        return nullptr;
    };
    const SessionOffer* in_term = offer_on(day(2026, 4, 22));
    REQUIRE(in_term);
    CHECK_FALSE(in_term->after_response_term);
    CHECK_FALSE(in_term->note_late);
    const SessionOffer* after = offer_on(day(2026, 4, 29));
    REQUIRE(after);
    CHECK(after->after_response_term);
    CHECK(after->term_ends == day(2026, 4, 27));
    const SessionOffer* soon = offer_on(day(2026, 4, 9)); // the deputy's Thursday by video
    REQUIRE(soon);
    CHECK(soon->note_late); // its note was due on 2 April
    for (const auto& o : offers) CHECK_FALSE(o.session.cancelled);
}

TEST_CASE("reg-16: a cancelled session's bookings go to the official's next session, all told") {
    TestStore s;
    load_demo(*s);
    ReceptionSession wed = session_of(*s, kAkim, day(2026, 4, 15));
    std::vector<std::string> booked;
    for (int i = 0; i < 2; ++i) {
        Application a = in_review(*s, registered(*s, at(2026, 4, 6, 10 + i)), at(2026, 4, 7));
        schedule_application(*s, profile(), calendar(), a.uuid, wed.uuid, false, "responsible-1",
                             at(2026, 4, 7));
        booked.push_back(a.uuid);
    }
    CHECK(error_code([&] {
              cancel_session(*s, profile(), calendar(), wed.uuid, " ", "responsible-1",
                             at(2026, 4, 14));
          }) == "empty");

    // The day before: later than the 2 working days of reg-16.
    Cancellation c = cancel_session(*s, profile(), calendar(), wed.uuid, "Облыс әкімінің кеңесі",
                                    "responsible-1", at(2026, 4, 14));
    CHECK_FALSE(c.notified_in_time);
    REQUIRE(c.moved.size() == 2);
    for (const auto& m : c.moved) {
        CHECK(m.to_date == day(2026, 4, 22));
        auto a = find_application(*s, m.application_uuid);
        CHECK(a->session_uuid == m.to_session);
        CHECK(a->state == AppState::Scheduled);
        int told = 0;
        for (const auto& n : notices_of(*s, m.application_uuid))
            if (n.about == "session_cancelled" && n.item == "reg-16" &&
                n.due_on == day(2026, 4, 14) && !n.sent_on)
                ++told;
        CHECK(told == 1);
    }
    CHECK(find_session(*s, wed.uuid)->cancelled);
    CHECK(error_code([&] {
              cancel_session(*s, profile(), calendar(), wed.uuid, "екінші рет", "responsible-1",
                             at(2026, 4, 14));
          }) == "session_cancelled");

    // A week ahead is in time.
    ReceptionSession later = session_of(*s, kAkim, day(2026, 4, 29));
    CHECK(cancel_session(*s, profile(), calendar(), later.uuid, "Іссапар", "responsible-1",
                         at(2026, 4, 20))
              .notified_in_time);
}

// Video, restriction and the order of a session (reg-13, 14, 28) ---------------------------

static const char* const kRoom = "5b0c1a3e-7d2f-4e61-9a55-0f3b2c8d1e01";

// A video session of the akim (whose role may receive by video) on `d`, 10:00-12:00.
static ReceptionSession akim_video_session(Store& s, Date d) {
    json doc = {{"sessions", json::array({{{"official", kAkim},
                                           {"room", kRoom},
                                           {"date", format_date(d)},
                                           {"start", "10:00"},
                                           {"end", "12:00"},
                                           {"mode", "video"}}})}};
    load_schedule(s, profile(), calendar(), doc, at(2026, 4, 1));
    return session_of(s, kAkim, d);
}

static Application consenting(Store& s, Instant t, bool consent) {
    Application d = draft();
    d.video_consent = consent;
    return in_review(s, registered(s, t, d), t + std::chrono::hours(1));
}

TEST_CASE("reg-13: a video booking needs the applicant's recorded consent") {
    TestStore s;
    load_demo(*s);
    Application a = consenting(*s, at(2026, 4, 6), false);
    ReceptionSession video = session_of(*s, kVideoDeputy, day(2026, 4, 16));
    CHECK(error_code([&] {
              schedule_application(*s, profile(), calendar(), a.uuid, video.uuid, false,
                                   "responsible-1", at(2026, 4, 7));
          }) == "no_video_consent");
    CHECK(find_application(*s, a.uuid)->state == AppState::InReview);
    CHECK(notices_of(*s, a.uuid).empty());
    // The applicant consents on the phone: staff record it, with how, then the booking holds.
    CHECK(error_code([&] {
              record_video_consent(*s, a.uuid, " ", "responsible-1", at(2026, 4, 7));
          }) == "empty");
    record_video_consent(*s, a.uuid, "телефон арқылы", "responsible-1", at(2026, 4, 7));
    CHECK(find_application(*s, a.uuid)->video_consent);
    CHECK(history(*s, a.uuid).back().kind == "video_consent");
    schedule_application(*s, profile(), calendar(), a.uuid, video.uuid, false, "responsible-1",
                         at(2026, 4, 7, 11));
    CHECK(find_application(*s, a.uuid)->session_uuid == video.uuid);
}

TEST_CASE("reg-14: under restriction a cancelled session's bookings move only into a video "
          "session, or are left for staff with the reason") {
    TestStore s;
    load_demo(*s);
    ReceptionSession wed = session_of(*s, kAkim, day(2026, 4, 15));
    ReceptionSession video = akim_video_session(*s, day(2026, 4, 24));
    Application agrees = consenting(*s, at(2026, 4, 6), true);
    Application refuses = consenting(*s, at(2026, 4, 6, 11), false);
    for (const auto& a : {agrees, refuses})
        schedule_application(*s, profile(), calendar(), a.uuid, wed.uuid, false, "responsible-1",
                             at(2026, 4, 7));
    set_restriction_mode(*s, true, "admin", "Эпидемиялық жағдай", at(2026, 4, 8));

    Cancellation c = cancel_session(*s, profile(), calendar(), wed.uuid, "Іссапар", "responsible-1",
                                    at(2026, 4, 9));
    REQUIRE(c.moved.size() == 2);
    for (const auto& m : c.moved) {
        auto a = find_application(*s, m.application_uuid);
        if (m.application_uuid == agrees.uuid) {
            // Not the in-person Wednesday of 22 April: the akim's video session of 24 April.
            CHECK(m.to_session == video.uuid);
            CHECK(m.to_date == day(2026, 4, 24));
            CHECK(m.left_because.empty());
            CHECK(a->session_uuid == video.uuid);
        } else {
            CHECK(m.to_session.empty());
            CHECK(m.left_because == "no_video_consent");
            CHECK(a->session_uuid == wed.uuid); // still on the cancelled one: staff place it
        }
    }

    // With no later video session at all, nobody is moved into an in-person one.
    Application third = consenting(*s, at(2026, 4, 6, 12), true);
    ReceptionSession next_wed = session_of(*s, kAkim, day(2026, 4, 29));
    set_restriction_mode(*s, false, "admin", "Шектеу алынды", at(2026, 4, 9));
    schedule_application(*s, profile(), calendar(), third.uuid, next_wed.uuid, false,
                         "responsible-1", at(2026, 4, 9));
    set_restriction_mode(*s, true, "admin", "Шектеу қайта енгізілді", at(2026, 4, 10));
    cancel_session(*s, profile(), calendar(), video.uuid, "Байланыс жоқ", "responsible-1",
                   at(2026, 4, 10));
    c = cancel_session(*s, profile(), calendar(), next_wed.uuid, "Іссапар", "responsible-1",
                       at(2026, 4, 10));
    REQUIRE(c.moved.size() == 1);
    CHECK(c.moved[0].left_because == "no_video_session");
    CHECK(find_application(*s, third.uuid)->session_uuid == next_wed.uuid);
}

TEST_CASE("reg-14: in-person bookings made before the switch to restriction are flagged") {
    TestStore s;
    load_demo(*s);
    ReceptionSession wed = session_of(*s, kAkim, day(2026, 4, 22));
    Application a = consenting(*s, at(2026, 4, 6), false);
    schedule_application(*s, profile(), calendar(), a.uuid, wed.uuid, false, "responsible-1",
                         at(2026, 4, 7));
    CHECK(bookings_against_restriction(*s, profile(), day(2026, 4, 8)).empty());
    set_restriction_mode(*s, true, "admin", "Эпидемиялық жағдай", at(2026, 4, 8));
    auto flagged = bookings_against_restriction(*s, profile(), day(2026, 4, 8));
    REQUIRE(flagged.size() == 1);
    CHECK(flagged[0].app.uuid == a.uuid);
    CHECK(flagged[0].in_person_under_restriction);
    // A reception already past is nothing to move.
    CHECK(bookings_against_restriction(*s, profile(), day(2026, 4, 23)).empty());
}

TEST_CASE("reg-28, reg-12: each person of a session has a time of their own, out-of-turn "
          "categories first") {
    TestStore s;
    load_demo(*s);
    ReceptionSession wed = session_of(*s, kAkim, day(2026, 4, 22)); // 15:00-18:00, 20 min each
    Application first = consenting(*s, at(2026, 4, 6, 10), false);
    Application second = consenting(*s, at(2026, 4, 6, 11), false);
    Booked b1, b2;
    schedule_application(*s, profile(), calendar(), first.uuid, wed.uuid, false, "responsible-1",
                         at(2026, 4, 7), &b1);
    schedule_application(*s, profile(), calendar(), second.uuid, wed.uuid, false, "responsible-1",
                         at(2026, 4, 7), &b2);
    CHECK(b1.start_minute == 15 * 60);
    CHECK(b2.position == 2);
    CHECK(b2.start_minute == 15 * 60 + 20);
    // The first is told 15:00; then a veteran is booked and goes first (reg-12).
    mark_notice_sent(*s, notice_about(*s, first, "reception_date").uuid, "operator-1",
                     at(2026, 4, 8));
    Application d = draft();
    d.category = "wwii_veteran";
    Application veteran = in_review(*s, registered(*s, at(2026, 4, 7, 9), d), at(2026, 4, 7, 12));
    Booked bv;
    schedule_application(*s, profile(), calendar(), veteran.uuid, wed.uuid, false, "responsible-1",
                         at(2026, 4, 8, 12), &bv);
    CHECK(bv.position == 1);
    CHECK(bv.start_minute == 15 * 60);
    auto persons = session_persons(*s, profile(), wed, false);
    REQUIRE(persons.size() == 3);
    CHECK(persons[0].app.uuid == veteran.uuid);
    CHECK(persons[1].app.uuid == first.uuid);
    CHECK(persons[1].start_minute == 15 * 60 + 20);
    CHECK(persons[2].start_minute == 15 * 60 + 40);
    // The one already told 15:00 is told the new time again.
    int retold = 0;
    for (const auto& n : notices_of(*s, first.uuid))
        if (n.about == "reception_date" && !n.sent_on && n.text == "15:00 → 15:20") ++retold;
    CHECK(retold == 1);
    // The notice says the person's own time, in their language.
    std::string words =
        notice_words(*s, profile(), notice_about(*s, second, "reception_date"), catalog());
    CHECK(words.find("15:40") != std::string::npos);
    CHECK(words.find("22.04.2026") != std::string::npos);

    // Nine slots of 20 minutes in three hours: the tenth is refused.
    for (int i = 0; i < 6; ++i) {
        Application x = consenting(*s, at(2026, 4, 6, 12 + i % 3), false);
        schedule_application(*s, profile(), calendar(), x.uuid, wed.uuid, false, "responsible-1",
                             at(2026, 4, 8, 13));
    }
    Application tenth = consenting(*s, at(2026, 4, 6, 15), false);
    CHECK(error_code([&] {
              schedule_application(*s, profile(), calendar(), tenth.uuid, wed.uuid, false,
                                   "responsible-1", at(2026, 4, 8, 14));
          }) == "session_full");
    CHECK(error_code([&] {
              Application bad = draft();
              bad.category = "no_such_category";
              registered(*s, at(2026, 4, 8), bad);
          }) == "unknown_category");
}

TEST_CASE("reg-21: a notice is written in the applicant's language, whoever reads it out") {
    TestStore s;
    load_demo(*s);
    ReceptionSession wed = session_of(*s, kAkim, day(2026, 4, 22));
    Application d = draft();
    d.language = "ru";
    Application ru = in_review(*s, registered(*s, at(2026, 4, 6), d), at(2026, 4, 6, 12));
    Application kk = consenting(*s, at(2026, 4, 6, 11), false);
    for (const auto& a : {ru, kk})
        schedule_application(*s, profile(), calendar(), a.uuid, wed.uuid, false, "responsible-1",
                             at(2026, 4, 7));
    std::string in_ru =
        notice_words(*s, profile(), notice_about(*s, ru, "reception_date"), catalog());
    std::string in_kk =
        notice_words(*s, profile(), notice_about(*s, kk, "reception_date"), catalog());
    CHECK(in_ru.find("Личный приём: 22.04.2026, в 15:00") != std::string::npos);
    CHECK(in_ru.find("Аким Хромтауского района") != std::string::npos);
    CHECK(in_kk.find("Жеке қабылдау: 22.04.2026, сағат 15:20") != std::string::npos);
    CHECK(in_kk.find("Хромтау ауданының әкімі") != std::string::npos);
}

TEST_CASE("reg-29, reg-16: a cancellation's notice with the new date tells the applicant the "
          "date, and the reg-29 clock stops") {
    TestStore s;
    load_demo(*s);
    Application a = consenting(*s, at(2026, 4, 6), false);
    ReceptionSession wed = session_of(*s, kAkim, day(2026, 4, 15));
    schedule_application(*s, profile(), calendar(), a.uuid, wed.uuid, false, "responsible-1",
                         at(2026, 4, 7));
    cancel_session(*s, profile(), calendar(), wed.uuid, "Іссапар", "responsible-1", at(2026, 4, 8));
    Notice cancelled = notice_about(*s, a, "session_cancelled");
    CHECK(notice_words(*s, profile(), cancelled, catalog()).find("22.04.2026") !=
          std::string::npos);
    mark_notice_sent(*s, cancelled.uuid, "operator-1", at(2026, 4, 8, 15));
    const Clock* response = clock_of(clocks_at(*s, a.uuid, day(2026, 4, 9)), "reg29_response_date");
    REQUIRE(response);
    CHECK(response->state == ClockState::Met);
    CHECK(response->done_on == day(2026, 4, 8));
}

// Other bodies -------------------------------------------------------------------------

TEST_CASE("reg-19, reg-20: another body's participation is told within 2 working days in May") {
    TestStore s;
    Application a = in_review(*s, registered(*s, at(2026, 4, 27)), at(2026, 4, 28));
    request_other_body(*s, profile(), calendar(), a.uuid, "Облыстық денсаулық сақтау басқармасы",
                       "responsible-1", at(2026, 5, 6));
    auto n = notices_of(*s, a.uuid);
    REQUIRE(n.size() == 1);
    CHECK(n[0].about == "other_body");
    CHECK(n[0].item == "reg-19");
    CHECK(format_date(n[0].due_on) == "2026-05-12"); // 7 May and 11 May are days off
    const Clock* notice =
        clock_of(clocks_at(*s, a.uuid, day(2026, 5, 8)), "reg19_other_body_notice");
    REQUIRE(notice);
    CHECK(notice->state == ClockState::Running);

    other_body_refused(*s, a.uuid, "Облыстық денсаулық сақтау басқармасы", "responsible-1",
                       at(2026, 5, 13));
    const Clock* report =
        clock_of(clocks_at(*s, a.uuid, day(2026, 5, 13)), "reg20_other_body_refusal_report");
    REQUIRE(report);
    CHECK(format_date(report->due) == "2026-05-15");
    report_refusal(*s, a.uuid, "responsible-1", at(2026, 5, 14));
    report = clock_of(clocks_at(*s, a.uuid, day(2026, 5, 14)), "reg20_other_body_refusal_report");
    CHECK(report->state == ClockState::Met);
    CHECK(error_code([&] {
              request_other_body(*s, profile(), calendar(), a.uuid, "", "responsible-1",
                                 at(2026, 5, 14));
          }) == "empty");
}

// Protocol, control and the answer -----------------------------------------------------

// An application booked into the akim's session of Wednesday 15 April 2026, 15:00-18:00.
static Application booked_app(Store& s, Application d = draft()) {
    load_demo(s);
    Application a = in_review(s, registered(s, at(2026, 4, 6), d), at(2026, 4, 6, 12));
    schedule_application(s, profile(), calendar(), a.uuid,
                         session_of(s, kAkim, day(2026, 4, 15)).uuid, false, "responsible-1",
                         at(2026, 4, 7));
    return a;
}

static Application received_app(Store& s) {
    Application a = booked_app(s);
    hold_reception(s, profile(), calendar(), checked_reception(a.uuid), "responsible-1",
                   at(2026, 4, 15, 16));
    return *find_application(s, a.uuid);
}

TEST_CASE("reg-10: a scheduled reception is not held without the identity check, the authority "
          "of one acting for another, or before the session begins") {
    TestStore s;
    Application a = booked_app(*s);
    // The plain move, with only a reason, is no longer a way round the check.
    CHECK(error_code([&] { move(*s, a, mv(AppState::Received), at(2026, 4, 15, 16)); }) ==
          "reception_protocol_required");
    auto refused = [&](ReceptionHeld h, Instant t) {
        try {
            hold_reception(*s, profile(), calendar(), h, "responsible-1", t);
        } catch (const InputError& e) {
            return e.field + ": " + e.code;
        }
        return std::string("held");
    };
    ReceptionHeld h = checked_reception(a.uuid);
    h.id_checked = false;
    CHECK(refused(h, at(2026, 4, 15, 16)) == "id_checked: id_not_checked");
    h = checked_reception(a.uuid);
    h.id_document = "  ";
    CHECK(refused(h, at(2026, 4, 15, 16)) == "id_document: empty");
    h = checked_reception(a.uuid);
    h.acting_for_another = true; // a son for his mother: his power of attorney
    CHECK(refused(h, at(2026, 4, 15, 16)) == "authority_document: empty");
    h.authority_document = "Сенімхат № 15, 02.03.2026";
    CHECK(refused(h, at(2026, 4, 15, 16)) == "authority_checked: authority_not_checked");
    h.authority_checked = true;
    // The session is at 15:00: not in the morning, not the day before.
    CHECK(refused(h, at(2026, 4, 15, 11)) == "state: reception_before_session");
    CHECK(refused(h, at(2026, 4, 14, 16)) == "state: reception_before_session");
    CHECK(find_application(*s, a.uuid)->state == AppState::Scheduled);
    CHECK(count_rows(*s, "SELECT count(*) FROM reception_protocols") == 0);
    CHECK(refused(h, at(2026, 4, 15, 15, 5)) == "held");
    CHECK(find_application(*s, a.uuid)->state == AppState::Received);
    CHECK(protocol_of(*s, a.uuid)->authority_document == "Сенімхат № 15, 02.03.2026");
}

TEST_CASE("reg-10: a company's representative is received only with the authority checked") {
    TestStore s;
    Application d = draft();
    d.applicant.kind = ApplicantKind::Representative;
    d.applicant.bin = "940140000385";
    d.applicant.entity_name = "«Хромтау Құрылыс» ЖШС";
    d.applicant.authority_document = "Бұйрық № 7, 01.04.2026";
    Application a = booked_app(*s, d);
    ReceptionHeld h = checked_reception(a.uuid); // acting_for_another not ticked: still asked
    CHECK(error_code([&] {
              hold_reception(*s, profile(), calendar(), h, "responsible-1", at(2026, 4, 15, 16));
          }) == "authority_not_checked");
    h.authority_checked = true; // the document stated when applying is the one checked
    hold_reception(*s, profile(), calendar(), h, "responsible-1", at(2026, 4, 15, 16));
    ReceptionProtocol p = *protocol_of(*s, a.uuid);
    CHECK(p.acting_for_another);
    CHECK(p.authority_document == "Бұйрық № 7, 01.04.2026");
}

TEST_CASE("reg-23: the reception's protocol has its number, day, official, attendees, decision "
          "and instructions with deadlines attached to the application") {
    TestStore s;
    Application a = booked_app(*s);
    ReceptionHeld h = checked_reception(a.uuid);
    h.attendees = "Тұрғын үй-коммуналдық шаруашылық бөлімінің басшысы Омаров Д.";
    h.decision = "Жолды жөндеу 2026 жылғы жоспарға енгізілсін";
    h.instructions = {{"Жөндеу сметасын дайындау", "ТКШ бөлімі", day(2026, 4, 30)},
                      {"Өтініш иесіне мерзімін хабарлау", "Қабылдау бөлмесі", day(2026, 4, 10)}};
    CHECK(error_code([&] {
              hold_reception(*s, profile(), calendar(), h, "responsible-1", at(2026, 4, 15, 16));
          }) == "due_in_past"); // a concrete deadline, not one already gone
    CHECK(instructions_of(*s, a.uuid).empty());
    h.instructions[1].due_on = day(2026, 4, 20);
    for (const char* field : {"attendees", "decision"}) {
        ReceptionHeld blank = h;
        (std::string(field) == "attendees" ? blank.attendees : blank.decision) = "";
        try {
            hold_reception(*s, profile(), calendar(), blank, "responsible-1", at(2026, 4, 15, 16));
            FAIL("held without " << field);
        } catch (const InputError& e) {
            CHECK(e.field == field);
        }
    }
    ReceptionProtocol p =
        hold_reception(*s, profile(), calendar(), h, "responsible-1", at(2026, 4, 15, 16));
    CHECK(p.number == "PR-K1-2026-0001");
    ReceptionProtocol stored = *protocol_of(*s, a.uuid);
    CHECK(stored.number == p.number);
    CHECK(stored.held_on == day(2026, 4, 15));
    CHECK(stored.official_uuid == kAkim); // the session's official, unless another received
    CHECK(stored.attendees == h.attendees);
    CHECK(stored.decision == h.decision);
    CHECK(instructions_of(*s, a.uuid).size() == 2);
    CHECK(find_application(*s, a.uuid)->state == AppState::OnControl); // reg-34
    // The move in the history names the protocol.
    bool named = false;
    for (const auto& e : history(*s, a.uuid))
        named |= e.to_state == "received" && e.data.value("protocol_uuid", "") == p.uuid;
    CHECK(named);
}

TEST_CASE("reg-23, reg-34, reg-35: instructions keep the application on control until answered") {
    TestStore s;
    Application fresh = in_review(*s, registered(*s, at(2026, 4, 6, 9)), at(2026, 4, 6, 12));
    Application a = received_app(*s);

    Instruction i;
    i.application_uuid = a.uuid;
    i.text = "Жолды жөндеу мерзімін анықтау";
    i.executor = "Тұрғын үй-коммуналдық шаруашылық бөлімі";
    i.due_on = day(2026, 4, 10);
    CHECK(error_code([&] {
              add_instruction(*s, profile(), calendar(), i, "responsible-1", at(2026, 4, 15, 17));
          }) == "due_in_past");
    i.due_on = day(2026, 4, 30);
    Instruction wrong = i;
    wrong.application_uuid = fresh.uuid;
    CHECK(error_code([&] {
              add_instruction(*s, profile(), calendar(), wrong, "responsible-1",
                              at(2026, 4, 15, 17));
          }) == "instruction_needs_reception");

    i = add_instruction(*s, profile(), calendar(), i, "responsible-1", at(2026, 4, 15, 17));
    CHECK(find_application(*s, a.uuid)->state == AppState::OnControl);
    CHECK(instructions_open(*s).size() == 1);
    CHECK(error_code([&] {
              give_final_answer(*s, profile(), calendar(), a.uuid, "resolved", "Жол жөнделді",
                                "responsible-1", at(2026, 4, 20));
          }) == "instructions_open");

    complete_instruction(*s, i.uuid, "Жөндеу 25 мамырға жоспарланды", "executor-1",
                         at(2026, 4, 28));
    CHECK(error_code([&] {
              complete_instruction(*s, i.uuid, "тағы", "executor-1", at(2026, 4, 28));
          }) == "instruction_already_done");
    CHECK(error_code([&] {
              give_final_answer(*s, profile(), calendar(), a.uuid, "", "Жол жөнделеді",
                                "responsible-1", at(2026, 4, 29));
          }) == "outcome_required");
    give_final_answer(*s, profile(), calendar(), a.uuid, "resolved", "Жол 25 мамырда жөнделеді",
                      "responsible-1", at(2026, 4, 29));
    CHECK(find_application(*s, a.uuid)->state == AppState::Answered);
    auto n = notices_of(*s, a.uuid);
    CHECK(n.back().about == "answer");
    CHECK(n.back().item == "reg-35");
    CHECK(instructions_open(*s).empty());
}

TEST_CASE("reg-35: the final answer is planned for the applicant, not claimed sent — the case "
          "stays on the list until it is") {
    TestStore s;
    Application a = received_app(*s);
    for (const auto& n : notices_of(*s, a.uuid)) // the date of reception went out on time
        if (!n.sent_on) mark_notice_sent(*s, n.uuid, "operator-1", at(2026, 4, 7, 15));
    give_final_answer(*s, profile(), calendar(), a.uuid, "explained", "Жол облыстық маңызы бар",
                      "responsible-1", at(2026, 4, 16, 11));
    CHECK(find_application(*s, a.uuid)->state == AppState::Answered); // off control (reg-35)
    Notice answer = notice_about(*s, a, "answer");
    CHECK_FALSE(answer.sent_on);
    CHECK(answer.sent_by.empty());
    CHECK(answer.due_on == day(2026, 4, 16));
    for (const auto& e : history(*s, a.uuid))
        CHECK_MESSAGE(!(e.kind == "notice_sent" && e.data.value("about", "") == "answer"),
                      "a letter nobody sent is in the history");
    // Closed, yet its applicant is owed the letter: it stays on the work list, red tomorrow.
    auto list = work_list(*s, profile(), calendar(), {}, day(2026, 4, 17));
    REQUIRE(list.size() == 1);
    CHECK(list[0].app.uuid == a.uuid);
    CHECK(list[0].overdue(day(2026, 4, 17)));
    mark_notice_sent(*s, answer.uuid, "operator-1", at(2026, 4, 17, 9), "letter");
    CHECK(work_list(*s, profile(), calendar(), {}, day(2026, 4, 17)).empty());
}

TEST_CASE("reg-26: the note to the akim is due 5 working days before the reception — attaching "
          "stops it") {
    TestStore s;
    Application a = booked_for_22_april(*s, at(2026, 4, 7));
    const Clock* note = clock_of(clocks_at(*s, a.uuid, day(2026, 4, 8)), "reg26_note_to_akim");
    REQUIRE(note);
    CHECK(note->state == ClockState::Running);
    CHECK(note->due == day(2026, 4, 15));
    CHECK(error_code([&] {
              attach_note(*s, a.uuid, "maybe", "Қабылдау ұсынылады", "responsible-1",
                          at(2026, 4, 9));
          }) == "proposal_required");
    attach_note(*s, a.uuid, "date", "22 сәуірге қабылдау ұсынылады", "responsible-1",
                at(2026, 4, 9));
    note = clock_of(clocks_at(*s, a.uuid, day(2026, 4, 9)), "reg26_note_to_akim");
    CHECK(note->state == ClockState::Met);
}

// Surveys (reg-38) ---------------------------------------------------------------------

TEST_CASE("reg-38: the call list holds consultations and refusals, each applicant surveyed once") {
    TestStore s;
    Application consulted = received_app(*s);
    give_final_answer(*s, profile(), calendar(), consulted.uuid, "consultation", "Кеңес берілді",
                      "responsible-1", at(2026, 4, 16));
    Application refused =
        in_review(*s, registered(*s, at(2026, 4, 1, 11), draft("+77019876543")), at(2026, 4, 2));
    MoveInput d = mv(AppState::RefusalDraftSent);
    d.refusal_ground = "outside_competence";
    d.decision_on = day(2026, 4, 10);
    move(*s, refused, d, at(2026, 4, 2, 12));
    for (const auto& n : notices_of(*s, refused.uuid))
        if (n.about == "refusal_draft")
            mark_notice_sent(*s, n.uuid, "operator-1", at(2026, 4, 2, 15));
    MoveInput r = mv(AppState::Refused);
    r.refusal_ground = "outside_competence";
    move(*s, refused, r, at(2026, 4, 10));

    auto calls = survey_call_list(*s, profile(), day(2026, 4, 1), day(2026, 4, 30));
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].reason == "refused");
    CHECK(calls[1].reason == "consultation");
    CHECK(calls[1].phone == "+77011234567");

    SurveyAnswer ans{consulted.uuid, "consultation", true, 5, "Рахмет", ""};
    SurveyAnswer bad = ans;
    bad.rating = 6;
    CHECK(error_code([&] { record_survey(*s, bad, "operator-1", at(2026, 4, 20)); }) ==
          "rating_range");
    bad.rating = 4;
    bad.reached = false;
    CHECK(error_code([&] { record_survey(*s, bad, "operator-1", at(2026, 4, 20)); }) ==
          "rating_without_call");
    record_survey(*s, ans, "operator-1", at(2026, 4, 20));
    CHECK(error_code([&] { record_survey(*s, ans, "operator-1", at(2026, 4, 21)); }) ==
          "already_surveyed");
    record_survey(*s, {refused.uuid, "refused", false, std::nullopt, "Телефон өшірулі", ""},
                  "operator-1", at(2026, 4, 20));
    CHECK(survey_call_list(*s, profile(), day(2026, 4, 1), day(2026, 4, 30)).empty());

    SurveyFigures f = survey_figures(*s, day(2026, 4, 1), day(2026, 4, 30));
    CHECK(f.called == 2);
    CHECK(f.answered == 1);
    CHECK(f.satisfied == 1);
    CHECK(f.average == doctest::Approx(5.0));
}

// The work list ------------------------------------------------------------------------

TEST_CASE("reg-38: a walk-in consultation (a queue ticket) is surveyed too, when the visitor "
          "gave a phone at the desk and agreed") {
    TestStore s;
    Ticket b = issue_ticket(*s, profile(), {"main", "consultation", "", "kk", "kiosk-1"},
                            at(2026, 4, 14, 10));
    Ticket a =
        issue_ticket(*s, profile(), {"main", "same_day", "", "kk", "kiosk-1"}, at(2026, 4, 14, 10));
    CHECK(error_code([&] {
              add_walk_in_contact(*s, b.uuid, "8 701 555 66 77", false, "clerk-1",
                                  at(2026, 4, 14, 11));
          }) == "consent_required");
    CHECK(error_code([&] {
              add_walk_in_contact(*s, a.uuid, "8 701 555 66 77", true, "clerk-1",
                                  at(2026, 4, 14, 11));
          }) == "survey_not_consultation");
    add_walk_in_contact(*s, b.uuid, "8 701 555 66 77", true, "clerk-1", at(2026, 4, 14, 11));
    CHECK(error_code([&] {
              add_walk_in_contact(*s, b.uuid, "8 701 555 66 78", true, "clerk-1",
                                  at(2026, 4, 14, 11));
          }) == "survey_contact_given");

    auto calls = survey_call_list(*s, profile(), day(2026, 4, 1), day(2026, 4, 30));
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].reg_number == b.number); // what to say on the phone: the ticket's number
    CHECK(calls[0].phone == "+77015556677");
    CHECK(calls[0].reason == "consultation");
    CHECK(calls[0].application_uuid.empty());
    SurveyAnswer ans;
    ans.walk_in_uuid = calls[0].walk_in_uuid;
    ans.reason = "consultation";
    ans.reached = true;
    ans.rating = 5;
    record_survey(*s, ans, "operator-1", at(2026, 4, 20));
    CHECK(error_code([&] { record_survey(*s, ans, "operator-1", at(2026, 4, 21)); }) ==
          "already_surveyed");
    CHECK(survey_call_list(*s, profile(), day(2026, 4, 1), day(2026, 4, 30)).empty());
    SurveyFigures f = survey_figures(*s, day(2026, 4, 1), day(2026, 4, 30));
    CHECK(f.called == 1);
    CHECK(f.satisfied == 1);
}

TEST_CASE("reg-38: the call list is a sample, not everyone, and the same at every look, "
          "calling it through brings no others onto it") {
    TestStore s;
    for (int i = 0; i < 60; ++i) {
        Ticket t = issue_ticket(*s, profile(), {"main", "consultation", "", "kk", "kiosk-1"},
                                at(2026, 4, 14, 10));
        add_walk_in_contact(*s, t.uuid, "+7701555" + std::to_string(1000 + i), true, "clerk-1",
                            at(2026, 4, 14, 11));
    }
    auto calls = survey_call_list(*s, profile(), day(2026, 4, 1), day(2026, 4, 30));
    CHECK(calls.size() >= size_t(profile().survey_sample.at_least));
    CHECK(calls.size() < 40); // about a third of the 60: selective, as the item says
    auto again = survey_call_list(*s, profile(), day(2026, 4, 1), day(2026, 4, 30));
    REQUIRE(again.size() == calls.size());
    for (size_t i = 0; i < calls.size(); ++i) CHECK(again[i].walk_in_uuid == calls[i].walk_in_uuid);
    for (const auto& c : calls) {
        SurveyAnswer ans;
        ans.walk_in_uuid = c.walk_in_uuid;
        ans.reason = "consultation";
        record_survey(*s, ans, "operator-1", at(2026, 4, 20));
    }
    CHECK(survey_call_list(*s, profile(), day(2026, 4, 1), day(2026, 4, 30)).empty());
}

TEST_CASE("work list: overdue first, then the nearest deadline — filters narrow it") {
    TestStore s;
    Application old = in_review(*s, registered(*s, at(2026, 3, 2)), at(2026, 3, 3));
    Application newer = registered(*s, at(2026, 4, 1), draft("+77025554433"));
    Application done = in_review(*s, registered(*s, at(2026, 3, 3)), at(2026, 3, 4));
    MoveInput w = mv(AppState::Withdrawn);
    move(*s, done, w, at(2026, 3, 5));

    Date today = day(2026, 4, 2);
    auto list = work_list(*s, profile(), calendar(), {}, today);
    REQUIRE(list.size() == 2); // the withdrawn one is closed
    CHECK(list[0].app.uuid == old.uuid);
    CHECK(list[0].overdue(today)); // 15 working days from 2 March ran out on 25 March
    REQUIRE(list[0].nearest);
    CHECK(list[0].nearest->item == "reg-29");
    CHECK(list[0].nearest->days_left(today) < 0);
    CHECK_FALSE(list[1].overdue(today));

    WorkFilter f;
    f.text = "+77025554433";
    list = work_list(*s, profile(), calendar(), f, today);
    REQUIRE(list.size() == 1);
    CHECK(list[0].app.uuid == newer.uuid);
    // Names in any letter case, Kazakh letters included, and with a stray space.
    for (const char* typed : {"сәрсенбаева", "СӘРСЕНБАЕВА", " Әйгерім ", "ЖОЛДЫ ЖӨНДЕУ"}) {
        f.text = typed;
        CHECK_MESSAGE(work_list(*s, profile(), calendar(), f, today).size() == 2, typed);
    }
    f.text = "Сәрсенбаев Ә";
    CHECK(work_list(*s, profile(), calendar(), f, today).empty());
    f = {};
    f.only_overdue = true;
    CHECK(work_list(*s, profile(), calendar(), f, today).size() == 1);
    f = {};
    f.state = "registered";
    CHECK(work_list(*s, profile(), calendar(), f, today).size() == 1);
}

TEST_CASE("reg-9: an ad-hoc session of a deputy is added on the akim's instruction") {
    TestStore s;
    load_demo(*s);
    ReceptionSession x;
    x.official_uuid = kVideoDeputy;
    x.room_uuid = "5b0c1a3e-7d2f-4e61-9a55-0f3b2c8d1e01";
    x.date = day(2026, 4, 17); // a Friday: the deputy's days are Thursdays
    x.start_minute = 15 * 60;
    x.end_minute = 17 * 60;
    auto add = [&](ReceptionSession v, const std::string& reason, Instant t) {
        return add_ad_hoc_session(*s, profile(), calendar(), v, reason, "responsible-1", t);
    };
    CHECK(error_code([&] { add(x, "", at(2026, 4, 14)); }) == "empty");
    ReceptionSession holiday = x;
    holiday.date = day(2026, 5, 7);
    CHECK(error_code([&] { add(holiday, "Әкімнің тапсырмасы", at(2026, 4, 14)); }) ==
          "not_working_day");
    CHECK(error_code([&] { add(x, "Әкімнің тапсырмасы", at(2026, 4, 20)); }) == "session_past");
    ReceptionSession backwards = x;
    backwards.end_minute = 14 * 60;
    CHECK(error_code([&] { add(backwards, "Әкімнің тапсырмасы", at(2026, 4, 14)); }) ==
          "end_before_start");
    ReceptionSession nobody = x;
    nobody.official_uuid = "00000000-0000-4000-8000-000000000000";
    CHECK(error_code([&] { add(nobody, "Әкімнің тапсырмасы", at(2026, 4, 14)); }) ==
          "unknown_official");
    CHECK(sessions_between(*s, day(2026, 4, 17), day(2026, 4, 17)).size() == 1); // Petrenko's

    ReceptionSession made = add(x, "Әкімнің 13.04.2026 тапсырмасы", at(2026, 4, 14));
    CHECK(made.ad_hoc);
    CHECK(made.date == day(2026, 4, 17));
    CHECK(sessions_between(*s, day(2026, 4, 17), day(2026, 4, 17)).size() == 2);
    auto events = history(*s, made.uuid);
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == "session_added");
    CHECK(events[0].reason == "Әкімнің 13.04.2026 тапсырмасы");
}

TEST_CASE("reg-6: a correction writes what the applicant brought, keeps what was there before") {
    TestStore s;
    Application d = draft();
    d.applicant.name = ""; // APPC art. 63: the name is missing
    Application a = registered(*s, at(2026, 4, 13), d);
    REQUIRE(a.state == AppState::NeedsCorrection);
    Applicant fixed = a.applicant;
    CHECK(error_code([&] {
              correct_application(*s, profile(), calendar(), a.uuid, fixed, "responsible-1",
                                  at(2026, 4, 14));
          }) == "still_missing");
    fixed.name = "Әйгерім";
    fixed.phone = "8 701 12";
    CHECK(error_code([&] {
              correct_application(*s, profile(), calendar(), a.uuid, fixed, "responsible-1",
                                  at(2026, 4, 14));
          }) == "wrong_length");
    CHECK(find_application(*s, a.uuid)->state == AppState::NeedsCorrection);
    CHECK(find_application(*s, a.uuid)->applicant.name.empty());

    fixed.phone = "+7 701 123 45 67";
    Application c = correct_application(*s, profile(), calendar(), a.uuid, fixed, "responsible-1",
                                        at(2026, 4, 14));
    CHECK(c.state == AppState::Corrected);
    CHECK(find_application(*s, a.uuid)->applicant.name == "Әйгерім");
    const HistoryEvent e = history(*s, a.uuid).back();
    INFO(e.data.dump());
    CHECK(e.to_state == "corrected");
    CHECK(e.data["corrected"]["name"]["was"] == "");
    CHECK(e.data["corrected"]["name"]["now"] == "Әйгерім");
    const Clock* clock = clock_of(clocks_at(*s, a.uuid, day(2026, 4, 14)), "reg6_correction");
    REQUIRE(clock);
    CHECK(clock->state == ClockState::Met);
}

TEST_CASE("notices: a notice is marked sent by the way it really went, or refused for a bad one") {
    TestStore s;
    Application a = registered(*s, at(2026, 4, 13));
    MoveInput in = mv(AppState::NeedsCorrection);
    in.missing = "address";
    move(*s, a, in, at(2026, 4, 13, 11));
    Notice n = notices_of(*s, a.uuid).at(0);
    CHECK(n.channel == "phone"); // planned: the applicant gave a phone number
    CHECK(error_code([&] { mark_notice_sent(*s, n.uuid, "operator-1", at(2026, 4, 14), "fax"); }) ==
          "unknown_channel");
    CHECK_FALSE(notices_of(*s, a.uuid).at(0).sent_on);
    mark_notice_sent(*s, n.uuid, "operator-1", at(2026, 4, 14), "letter");
    Notice sent = notices_of(*s, a.uuid).at(0);
    CHECK(sent.channel == "letter");
    CHECK(history(*s, a.uuid).back().data["channel"] == "letter");
}
