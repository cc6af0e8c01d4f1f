// reg-40, reg-24, reg-38: a month of a reception room's work, scripted day by day on the 2026
// calendar (9 March and Nauryz 21-25 March off), then the report's figures checked one by one.
#include "test_support.hpp"

#include "base/i18n.hpp"
#include "cases/casework.hpp"
#include "cases/surveys.hpp"
#include "queue/queue_figures.hpp"
#include "queue/ticket_queue.hpp"
#include "reports/report.hpp"
#include "schedule/schedule.hpp"

#include <doctest/doctest.h>
#include <fstream>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

static const char* const kAkim = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d01";
static const char* const kVideoDeputy = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d03";

// The month -----------------------------------------------------------------------------

struct March {
    TestStore s;
    Store& store() { return *s; }

    Application reg(Channel channel, Instant t, const std::string& official = "",
                    const std::string& phone = "+77011234567", bool complete = true) {
        Application a;
        a.channel = channel;
        a.applicant.surname = "Тұрсынов";
        a.applicant.name = complete ? "Бақытжан" : ""; // APPC art. 63 asks for it
        a.applicant.iin = "871008401427";
        a.applicant.phone = phone;
        a.applicant.address = "Хромтау, Абай к-сі, 5";
        a.essence = "Көшені жарықтандыру туралы өтініш";
        a.official_uuid = official;
        a.from_personal_reception = channel == Channel::OralInPerson;
        return register_application(*s, profile(), calendar(), a, "operator-1", t);
    }
    void to(const Application& a, AppState state, Instant t, MoveInput in = {}) {
        in.to = state;
        in.actor = "responsible-1";
        if (in.reason.empty()) in.reason = "қаралды";
        move_and_notify(*s, profile(), calendar(), a.uuid, in, t);
    }
    void held(const Application& a, Instant t) {
        hold_reception(*s, profile(), calendar(), checked_reception(a.uuid), "responsible-1", t);
    }
    void book(const Application& a, const std::string& official, Date d, Instant t) {
        for (const auto& x : sessions_between(*s, d, d))
            if (x.official_uuid == official) {
                // reg-13: a video booking is made with the caller's consent, given by phone.
                if (x.mode == SessionMode::Video)
                    record_video_consent(*s, a.uuid, "телефон арқылы", "responsible-1", t);
                schedule_application(*s, profile(), calendar(), a.uuid, x.uuid, false,
                                     "responsible-1", t);
                return;
            }
        FAIL("no session on " << format_date(d));
    }
    void note(const Application& a, Instant t) {
        attach_note(*s, a.uuid, "date", "Қабылдау ұсынылады", "responsible-1", t);
    }
    void answer(const Application& a, const char* outcome, Instant t) {
        give_final_answer(*s, profile(), calendar(), a.uuid, outcome, "Жауап берілді",
                          "responsible-1", t);
    }
    void send_notices(const Application& a, Instant t) {
        for (const auto& n : notices_of(*s, a.uuid))
            if (!n.sent_on) mark_notice_sent(*s, n.uuid, "operator-1", t);
    }

    March() {
        std::ifstream in(assets() / "demo/schedule.json");
        load_schedule(*s, profile(), calendar(), json::parse(in), at(2026, 1, 5));

        // February: one left untouched (in the quarter, not in the month).
        reg(Channel::Kiosk, at(2026, 2, 27));

        // A1: booked to the akim on 11 March, received, resolved.
        Application a1 = reg(Channel::Kiosk, at(2026, 3, 2), kAkim);
        to(a1, AppState::InReview, at(2026, 3, 2, 12));
        note(a1, at(2026, 3, 3));
        book(a1, kAkim, day(2026, 3, 11), at(2026, 3, 3, 11));
        send_notices(a1, at(2026, 3, 3, 12)); // the date of reception, told at once
        held(a1, at(2026, 3, 11, 16));
        answer(a1, "resolved", at(2026, 3, 12));

        // A2: by phone, received 18 March, an instruction done, resolved in April.
        Application a2 = reg(Channel::Phone, at(2026, 3, 3), kAkim);
        to(a2, AppState::InReview, at(2026, 3, 3, 12));
        note(a2, at(2026, 3, 4));
        book(a2, kAkim, day(2026, 3, 18), at(2026, 3, 4, 11));
        send_notices(a2, at(2026, 3, 4, 12));
        held(a2, at(2026, 3, 18, 16));
        Instruction i;
        i.application_uuid = a2.uuid;
        i.text = "Жарық бағаналарын орнату мерзімін анықтау";
        i.executor = "ТКШ бөлімі";
        i.due_on = day(2026, 4, 10);
        i = add_instruction(*s, profile(), calendar(), i, "responsible-1", at(2026, 3, 18, 17));
        complete_instruction(*s, i.uuid, "Сәуірде орнатылады", "executor-1", at(2026, 4, 3));
        answer(a2, "resolved", at(2026, 4, 6));

        // A3: from e-Otinish, a consultation at the reception; surveyed, rated 4.
        Application a3 = reg(Channel::EOtinish, at(2026, 3, 4), kAkim, "+77015556677");
        to(a3, AppState::InReview, at(2026, 3, 5));
        note(a3, at(2026, 3, 5, 11));
        book(a3, kAkim, day(2026, 3, 18), at(2026, 3, 5, 12));
        send_notices(a3, at(2026, 3, 5, 13));
        held(a3, at(2026, 3, 18, 17));
        answer(a3, "consultation", at(2026, 3, 19));

        // A4: by phone, refused after a hearing; surveyed, not reached.
        Application a4 = reg(Channel::Phone, at(2026, 3, 5), "", "+77017778899");
        to(a4, AppState::InReview, at(2026, 3, 5, 12));
        MoveInput draft;
        draft.refusal_ground = "outside_competence";
        draft.decision_on = day(2026, 3, 13);
        to(a4, AppState::RefusalDraftSent, at(2026, 3, 6), draft);
        send_notices(a4, at(2026, 3, 6, 12)); // reg-32: the draft goes out the same day
        Hearing h;
        h.application_uuid = a4.uuid;
        h.held_on = day(2026, 3, 12);
        h.way = "phone";
        h.start_minute = 11 * 60;
        h.end_minute = 11 * 60 + 20;
        h.place = "12-кабинет";
        h.chaired_by = "Қайыров Н. Б.";
        h.secretary = "Әбенова Д. С.";
        h.participants = "Тұрсынов Б.";
        h.no_objections = true;
        h.conclusion = "refuse";
        h.reasons = "Облыстық жол";
        record_hearing(*s, profile(), calendar(), h, "responsible-1", at(2026, 3, 12));
        MoveInput refuse;
        refuse.refusal_ground = "outside_competence";
        to(a4, AppState::Refused, at(2026, 3, 13), refuse);
        send_notices(a4, at(2026, 3, 13, 12)); // the refusal told: reg-29 is met by it

        // A5: on paper, withdrawn by the applicant.
        Application a5 = reg(Channel::Paper, at(2026, 3, 10));
        to(a5, AppState::InReview, at(2026, 3, 10, 12));
        to(a5, AppState::Withdrawn, at(2026, 3, 12));

        // A6: from the kiosk, left in review: its 15 working days ran out on 27 March.
        Application a6 = reg(Channel::Kiosk, at(2026, 3, 2, 11));
        to(a6, AppState::InReview, at(2026, 3, 3));

        // A7: from the kiosk, extended by letter (told in time) and still not answered.
        Application a7 = reg(Channel::Kiosk, at(2026, 3, 16));
        to(a7, AppState::InReview, at(2026, 3, 17));
        MoveInput ext;
        ext.extension = "letter";
        to(a7, AppState::Extended, at(2026, 3, 20), ext);
        send_notices(a7, at(2026, 3, 26));

        // A8: a call on Friday 20 March at 19:00, registered on 26 March after Nauryz, without
        // the caller's name: corrected, booked by video on 9 April, received; no note to the akim.
        Application a8 = reg(Channel::Phone, at(2026, 3, 20, 19), "", "+77021112233", false);
        send_notices(a8, at(2026, 3, 27));
        to(a8, AppState::Corrected, at(2026, 3, 30));
        to(a8, AppState::InReview, at(2026, 3, 30, 11));
        book(a8, kVideoDeputy, day(2026, 4, 9), at(2026, 4, 1));
        send_notices(a8, at(2026, 4, 1, 12));
        held(a8, at(2026, 4, 9, 12));

        // A9: handed in at a personal reception (reg-36) and never taken up.
        reg(Channel::OralInPerson, at(2026, 3, 11));

        // Surveys at the end of the month (reg-38).
        record_survey(*s, {a3.uuid, "consultation", true, 4, "Жақсы", ""}, "operator-1",
                      at(2026, 3, 31));
        record_survey(*s, {a4.uuid, "refused", false, std::nullopt, "", ""}, "operator-1",
                      at(2026, 3, 31));
    }
};

static const CountRow* row(const std::vector<CountRow>& rows, const std::string& code) {
    for (const auto& r : rows)
        if (r.code == code) return &r;
    return nullptr;
}

static int count_of(const std::vector<CountRow>& rows, const std::string& code) {
    const CountRow* r = row(rows, code);
    return r ? r->count : 0;
}

static const ClockFigures* clock(const QuarterReport& r, const std::string& code) {
    for (const auto& c : r.clocks)
        if (c.code == code) return &c;
    return nullptr;
}

// The figures ----------------------------------------------------------------------------

TEST_CASE("reg-40: a month of work, scripted, gives the report's figures") {
    March m;
    QuarterReport r = period_report(m.store(), profile(), calendar(), catalog(), Lang::ru,
                                    day(2026, 3, 1), day(2026, 3, 31), day(2026, 4, 30));
    CHECK(r.registered == 9);
    CHECK(r.from_personal_reception == 1); // reg-36

    CHECK(count_of(r.by_channel, "kiosk") == 3);
    CHECK(count_of(r.by_channel, "phone") == 3);
    CHECK(count_of(r.by_channel, "eotinish") == 1);
    CHECK(count_of(r.by_channel, "paper") == 1);
    CHECK(count_of(r.by_channel, "oral_in_person") == 1);
    REQUIRE(row(r.by_channel, "egov_portal")); // a channel with none still has its row
    CHECK(row(r.by_channel, "egov_portal")->count == 0);
    CHECK(row(r.by_channel, "kiosk")->label == "Терминал");

    CHECK(count_of(r.by_outcome, "resolved") == 2);
    CHECK(count_of(r.by_outcome, "consultation") == 1);
    CHECK(count_of(r.by_outcome, "refused") == 1);
    CHECK(count_of(r.by_outcome, "withdrawn") == 1);
    CHECK(count_of(r.by_outcome, "in_work") == 4);
    CHECK(r.by_outcome.front().code == "resolved");
    CHECK(row(r.by_outcome, "in_work")->label == "В работе");

    REQUIRE(r.by_official.size() == 2);
    CHECK(r.by_official[0].label == "Жұмабаев Ерлан Серікұлы");
    CHECK(r.by_official[0].count == 3);
    CHECK(r.by_official[1].label == "Должностное лицо не указано");
    CHECK(r.by_official[1].count == 6);

    REQUIRE(r.by_month.size() == 1);
    CHECK(r.by_month[0].code == "2026-03");
    CHECK(r.by_month[0].count == 9);

    // Deadlines as they stand on 30 April.
    const ClockFigures* response = clock(r, "reg29_response_date");
    REQUIRE(response);
    CHECK(response->met == 6);     // A1-A5 and A8 (told 1 April, due 16 April)
    CHECK(response->overdue == 2); // A6 and A9
    CHECK(response->met_late == 0);
    const ClockFigures* extended = clock(r, "reg30_extension_30_days");
    REQUIRE(extended);
    CHECK(extended->overdue == 1); // A7: 30 days from 16 March ran out on 15 April
    const ClockFigures* note = clock(r, "reg26_note_to_akim");
    REQUIRE(note);
    CHECK(note->met == 3);
    CHECK(note->overdue == 1); // A8: due 2 April, before the 9 April session
    CHECK(clock(r, "reg30_extension_notice")->met == 1);
    CHECK(clock(r, "reg6_correction")->met == 1);
    CHECK(clock(r, "reg32_draft_refusal")->met == 1);
    // Listed in the regulation's order.
    for (size_t k = 1; k < r.clocks.size(); ++k)
        CHECK(std::stoi(r.clocks[k - 1].item.substr(4)) <= std::stoi(r.clocks[k].item.substr(4)));

    CHECK(r.survey.called == 2);
    CHECK(r.survey.answered == 1);
    CHECK(r.survey.satisfied == 1);
    CHECK(r.survey.average == doctest::Approx(4.0));
}

TEST_CASE("reg-29: the report counts a response met when the applicant was told, not when "
          "booked") {
    TestStore s;
    std::ifstream in(assets() / "demo/schedule.json");
    load_schedule(*s, profile(), calendar(), json::parse(in), at(2026, 1, 5));
    std::string session;
    for (const auto& x : sessions_between(*s, day(2026, 3, 11), day(2026, 3, 11)))
        if (x.official_uuid == kAkim) session = x.uuid;
    REQUIRE(!session.empty());
    std::vector<Application> booked;
    for (const char* phone : {"+77011234567", "+77019876543"}) {
        Application a;
        a.channel = Channel::Phone;
        a.applicant.surname = "Тұрсынов";
        a.applicant.name = "Бақытжан";
        a.applicant.phone = phone;
        a.applicant.address = "Хромтау, Абай к-сі, 7";
        a.essence = "Көшені жарықтандыру туралы өтініш";
        a = register_application(*s, profile(), calendar(), a, "operator-1", at(2026, 3, 2));
        MoveInput review;
        review.to = AppState::InReview;
        review.actor = "responsible-1";
        move_and_notify(*s, profile(), calendar(), a.uuid, review, at(2026, 3, 2, 12));
        schedule_application(*s, profile(), calendar(), a.uuid, session, false, "responsible-1",
                             at(2026, 3, 3));
        booked.push_back(a);
    }
    // Both booked on 3 March; only the first applicant was ever told the date.
    for (const auto& n : notices_of(*s, booked[0].uuid))
        mark_notice_sent(*s, n.uuid, "operator-1", at(2026, 3, 3, 15));
    QuarterReport r = period_report(*s, profile(), calendar(), catalog(), Lang::ru, day(2026, 3, 1),
                                    day(2026, 3, 31), day(2026, 4, 30));
    const ClockFigures* response = clock(r, "reg29_response_date");
    REQUIRE(response);
    CHECK(response->met == 1);
    CHECK(response->overdue == 1);
    CHECK(report_csv(r).find("deadline_overdue,reg29_response_date,reg-29,1\r\n") !=
          std::string::npos);
}

TEST_CASE("reg-40: the first quarter adds February and is titled in the report's language") {
    March m;
    QuarterReport kk = quarter_report(m.store(), profile(), calendar(), catalog(), Lang::kk, 2026,
                                      1, day(2026, 4, 30));
    CHECK(kk.title == "2026 жыл, 1-тоқсан");
    CHECK(kk.first == day(2026, 1, 1));
    CHECK(kk.last == day(2026, 3, 31));
    CHECK(kk.registered == 10);
    REQUIRE(kk.by_month.size() == 3);
    CHECK(kk.by_month[0].label == "қаңтар");
    CHECK(kk.by_month[0].count == 0);
    CHECK(kk.by_month[1].count == 1);
    CHECK(kk.by_month[2].count == 9);
    CHECK(clock(kk, "reg29_response_date")->overdue == 3);
    QuarterReport ru = quarter_report(m.store(), profile(), calendar(), catalog(), Lang::ru, 2026,
                                      1, day(2026, 4, 30));
    CHECK(ru.title == "2026 год, 1-й квартал");
    CHECK_THROWS_AS(quarter_report(m.store(), profile(), calendar(), catalog(), Lang::ru, 2026, 5,
                                   day(2026, 4, 30)),
                    InputError);
}

TEST_CASE("reg-40: the report as CSV opens in a spreadsheet with Kazakh letters and its figures") {
    March m;
    QuarterReport r = quarter_report(m.store(), profile(), calendar(), catalog(), Lang::kk, 2026, 1,
                                     day(2026, 4, 30));
    std::string csv = report_csv(r);
    CHECK(csv.rfind("\xEF\xBB\xBF"
                    "section,code,label,count\r\n",
                    0) == 0);
    CHECK(csv.find("total,registered,\"2026 жыл, 1-тоқсан\",10\r\n") != std::string::npos);
    CHECK(csv.find("channel,kiosk,Терминал,4\r\n") != std::string::npos);
    CHECK(csv.find("outcome,consultation,Кеңес берілді,1\r\n") != std::string::npos);
    CHECK(csv.find("deadline_overdue,reg29_response_date,reg-29,3\r\n") != std::string::npos);
    CHECK(csv.find("survey,average,reg-38,4.00\r\n") != std::string::npos);
}

TEST_CASE("reg-24: the media export has the figures and no personal data") {
    March m;
    QuarterReport r = quarter_report(m.store(), profile(), calendar(), catalog(), Lang::kk, 2026, 1,
                                     day(2026, 4, 30));
    std::string text = media_export_json(r);
    json j = json::parse(text);
    CHECK(j["registered"] == 10);
    CHECK(j["by_channel"]["kiosk"] == 4);
    CHECK(j["by_outcome"]["refused"] == 1);
    CHECK(j["deadlines"]["reg29_response_date"]["overdue"] == 3);
    CHECK(j["survey"]["average"] == 4.0);
    for (const char* personal : {"Тұрсынов", "Бақытжан", "871008401427", "+7701", "Хромтау, Абай",
                                 "Көшені", "Жұмабаев", kAkim})
        CHECK_MESSAGE(text.find(personal) == std::string::npos, "published: " << personal);
}

// The report written as a Russian PDF, read back by pdftotext.
static std::string russian_pdf_text(const QuarterReport& r) {
    TempDir dir;
    std::string error;
    REQUIRE_MESSAGE(write_report_pdf(r, catalog(), Lang::ru, (dir / "r.pdf").string(), &error),
                    error);
    std::string text;
    REQUIRE(run_command("pdftotext -enc UTF-8 '" + (dir / "r.pdf").string() + "' -", &text) == 0);
    return text;
}

TEST_CASE("reg-40: the month's real report prints as a PDF") {
    March m;
    QuarterReport r = quarter_report(m.store(), profile(), calendar(), catalog(), Lang::ru, 2026, 1,
                                     day(2026, 4, 30));
    std::string text = russian_pdf_text(r);
    for (const char* part : {"2026 год, 1-й квартал", "Терминал", "Жұмабаев", "В работе"})
        CHECK_MESSAGE(text.find(part) != std::string::npos, "missing: " << std::string(part));
}

// reg-3: the same day is the queue's day. A wrong rule (counting today's waiting tickets, or
// the calendar day instead of the queue's) moves a ticket between the last two columns.
TEST_CASE("reg-3: a same-day visitor still waiting when the day ended is not received that day, "
          "one waiting today is not counted yet, and the report says so") {
    TestStore s;
    Instant monday = at(2026, 3, 16, 10, 0), tuesday = at(2026, 3, 17, 10, 0);
    auto ticket = [&](const std::string& service, Instant t) {
        return issue_ticket(*s, profile(), TicketRequest{"main", service, "", "kk", "K1"}, t);
    };
    Ticket served = ticket("same_day", monday);
    Ticket left = ticket("same_day", monday + std::chrono::minutes(5));
    Ticket called = ticket("same_day", monday + std::chrono::minutes(6));
    ticket("consultation", monday + std::chrono::minutes(7));
    Date mon = day(2026, 3, 16), tue = day(2026, 3, 17);
    auto next =
        call_next(*s, "main", mon, {"same_day"}, "D1", "clerk-1", monday + std::chrono::hours(1));
    REQUIRE(next);
    CHECK(next->uuid == served.uuid);
    finish_ticket(*s, start_ticket(*s, served.uuid, "clerk-1", monday + std::chrono::hours(1)).uuid,
                  "clerk-1", monday + std::chrono::hours(2));
    // The desk called the next and nobody came before closing time: not received either.
    next =
        call_next(*s, "main", mon, {"same_day"}, "D1", "clerk-1", monday + std::chrono::hours(8));
    REQUIRE(next);
    CHECK(next->uuid == left.uuid);
    Ticket today = ticket("same_day", tuesday);

    auto figures = queue_figures(*s, profile(), mon, tue, tue);
    REQUIRE_FALSE(figures.empty());
    const ServiceFigures& same_day = figures[0];
    CHECK(same_day.service == "same_day");
    CHECK(same_day.item == "reg-3");
    CHECK(same_day.tickets == 4);
    CHECK(same_day.received == 1);
    CHECK(same_day.not_received == 2); // left (called, never came) and called (never called)
    CHECK(same_day.waiting_today == 1);
    (void)called;
    (void)today;
    // Tomorrow, today's ticket is one more.
    CHECK(queue_figures(*s, profile(), mon, tue, day(2026, 3, 18))[0].not_received == 3);

    QuarterReport r = period_report(*s, profile(), calendar(), catalog(), Lang::ru, mon, tue, tue);
    CHECK(report_csv(r).find("queue_not_received,same_day,reg-3,2\r\n") != std::string::npos);
    std::string text = russian_pdf_text(r);
    CHECK(text.find(catalog().text(Lang::ru, "report.queue")) != std::string::npos);
    CHECK(text.find(catalog().text(Lang::ru, "service.consultation")) != std::string::npos);
    CHECK(text.find(catalog().text(Lang::ru, "report.queue.no_show")) != std::string::npos);
}

TEST_CASE("reg-3: in the room's last hour the desks are told how many same-day visitors still "
          "wait, and not before, after or on a day off") {
    TestStore s;
    Instant morning = at(2026, 3, 16, 10, 0); // a Monday; the room closes at 18:30
    for (const char* service : {"same_day", "same_day", "consultation"})
        issue_ticket(*s, profile(), TicketRequest{"main", service, "", "kk", "K1"}, morning);
    CHECK_FALSE(same_day_left(*s, profile(), calendar(), "main", at(2026, 3, 16, 17, 29)));
    auto left = same_day_left(*s, profile(), calendar(), "main", at(2026, 3, 16, 18, 0));
    REQUIRE(left);
    CHECK(left->waiting == 2); // the consultation is no same-day reception
    CHECK(left->minutes_to_closing == 30);
    CHECK(left->closes_at == 18 * 60 + 30);
    CHECK(left->service == "same_day"); // the queue the board names
    // One is called and served: one left.
    auto called = call_next(*s, "main", day(2026, 3, 16), {"same_day"}, "D1", "clerk-1",
                            at(2026, 3, 16, 18, 5));
    REQUIRE(called);
    finish_ticket(*s, start_ticket(*s, called->uuid, "clerk-1", at(2026, 3, 16, 18, 5)).uuid,
                  "clerk-1", at(2026, 3, 16, 18, 10));
    left = same_day_left(*s, profile(), calendar(), "main", at(2026, 3, 16, 18, 10));
    REQUIRE(left);
    CHECK(left->waiting == 1);
    CHECK_FALSE(same_day_left(*s, profile(), calendar(), "main", at(2026, 3, 16, 18, 30)));
    CHECK_FALSE(same_day_left(*s, profile(), calendar(), "other-room", at(2026, 3, 16, 18, 0)));
    CHECK_FALSE(same_day_left(*s, profile(), calendar(), "main", at(2026, 3, 21, 18, 0))); // Sat
    CHECK(catalog().has(Lang::kk, "console.desk.same_day_left"));
}
