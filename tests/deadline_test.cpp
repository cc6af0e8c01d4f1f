// The deadline engine: every clock of the regulation, with its due date, state and item, on the
// 2026 calendar (Nauryz 21-25 March, the May holidays).
#include "test_support.hpp"

#include "cases/applications.hpp"
#include "cases/deadlines.hpp"

#include <doctest/doctest.h>
#include <fstream>

using namespace reception;
using namespace reception::test;

namespace {

Application sample() {
    Application a;
    a.channel = Channel::Paper;
    a.applicant.surname = "Ахметов";
    a.applicant.name = "Қанат";
    a.applicant.phone = "+77051234567";
    a.applicant.address = "Хромтау";
    a.essence = "Жер учаскесін беру мәселесі бойынша";
    return a;
}

struct Case {
    TestStore s;
    Application a;
    explicit Case(Instant when) {
        a = register_application(*s, profile(), calendar(), sample(), "clerk", when);
    }
    void to(AppState st, Instant when, MoveInput in = {}) {
        in.to = st;
        in.actor = "clerk";
        a = move_application(*s, profile(), calendar(), a.uuid, in, when);
    }
    // Into review, then extended by a letter (reg-30).
    void extend_by_letter(Instant review, Instant extended) {
        to(AppState::InReview, review);
        MoveInput ext;
        ext.extension = "letter";
        to(AppState::Extended, extended, ext);
    }
    void event(const char* kind, nlohmann::json data, Instant when) {
        record_application_event(*s, a.uuid, kind, "clerk", "", data, when);
    }
    // A notice about `about` marked sent at `when`, as mark_notice_sent records it.
    void told(const char* about, Instant when) {
        event(event_kind::kNoticeSent, {{"about", about}, {"channel", "phone"}}, when);
    }
    std::vector<Clock> clocks(Date today, std::optional<Date> session = std::nullopt) {
        return application_clocks(a, history(*s, a.uuid), session, profile(), calendar(), today);
    }
    Clock clock(const std::string& code, Date today, std::optional<Date> session = std::nullopt) {
        for (auto& c : clocks(today, session))
            if (c.code == code) return c;
        FAIL("no clock " << code);
        return {};
    }
};

} // namespace

TEST_CASE("reg-29: response with date within 15 working days, across Nauryz 2026") {
    Case c(at(2026, 3, 20, 10)); // Friday; 23-25 March are days off
    Clock r = c.clock("reg29_response_date", day(2026, 3, 20));
    CHECK(r.item == "reg-29");
    // 26, 27 | 30, 31, 1, 2, 3 | 6-10 | 13, 14, 15 -> Wednesday 15 April
    CHECK(r.due == day(2026, 4, 15));
    CHECK(r.state == ClockState::Running);
    CHECK(r.days_left(day(2026, 4, 10)) == 5);
    CHECK(c.clock("reg29_response_date", day(2026, 4, 15)).state == ClockState::Running);
    CHECK(c.clock("reg29_response_date", day(2026, 4, 16)).state == ClockState::Overdue);
}

TEST_CASE("reg-29: across the May holidays 2026") {
    Case c(at(2026, 4, 30, 10)); // Thursday; 1, 7, 11 May are days off
    // 4, 5, 6, 8 | 12-15 | 18-22 | 25, 26 -> Tuesday 26 May
    CHECK(c.clock("reg29_response_date", day(2026, 4, 30)).due == day(2026, 5, 26));
}

TEST_CASE("reg-29: the clock is met when the applicant is told the date, not when a session is "
          "booked") {
    MoveInput s;
    s.session_uuid = "5e5e5e5e-0000-4000-8000-000000000001";
    Case booked(at(2026, 3, 2, 10));
    booked.to(AppState::InReview, at(2026, 3, 3));
    booked.to(AppState::Scheduled, at(2026, 3, 10), s);
    // Booked on 10 March, nobody told the applicant: the term runs, then it is missed.
    Clock untold = booked.clock("reg29_response_date", day(2026, 3, 11));
    CHECK(untold.state == ClockState::Running);
    CHECK_FALSE(untold.done_on);
    CHECK(booked.clock("reg29_response_date", day(2026, 4, 30)).state == ClockState::Overdue);
    // Told two days after the booking: met on the day of the telling.
    booked.told("reception_date", at(2026, 3, 12, 15));
    Clock told = booked.clock("reg29_response_date", day(2026, 4, 30));
    CHECK(told.state == ClockState::Met);
    CHECK(told.done_on == day(2026, 3, 12));

    // Booked in time, told after the term: met late, however early the booking was.
    Case late(at(2026, 3, 2, 10));
    late.to(AppState::InReview, at(2026, 3, 3));
    late.to(AppState::Scheduled, at(2026, 3, 4), s);
    late.told("reception_date", at(2026, 4, 20));
    CHECK(late.clock("reg29_response_date", day(2026, 4, 30)).state == ClockState::MetLate);
    // Another notice (the draft, another body) is not the date of reception.
    Case other(at(2026, 3, 2, 10));
    other.told("other_body", at(2026, 3, 5));
    CHECK_FALSE(other.clock("reg29_response_date", day(2026, 3, 6)).done_on);
}

TEST_CASE("reg-30: a letter extends to 30 calendar days, ending the Friday before a Sunday limit "
          "— notice in 3 days") {
    Case c(at(2026, 3, 20, 10));
    c.extend_by_letter(at(2026, 3, 26), at(2026, 4, 2, 11)); // Thursday
    Clock r = c.clock("reg30_extension_30_days", day(2026, 4, 2));
    CHECK(r.item == "reg-30");
    CHECK(r.due == day(2026, 4, 17)); // 19 April is a Sunday: not past the limit
    Clock notice = c.clock("reg30_extension_notice", day(2026, 4, 2));
    CHECK(notice.due == day(2026, 4, 7)); // 3, 6, 7 April
    CHECK(notice.state == ClockState::Running);
    CHECK(c.clock("reg30_extension_notice", day(2026, 4, 8)).state == ClockState::Overdue);
    c.event(event_kind::kNoticeSent, {{"about", "extension"}, {"channel", "sms"}}, at(2026, 4, 6));
    CHECK(c.clock("reg30_extension_notice", day(2026, 4, 8)).state == ClockState::Met);
}

TEST_CASE("reg-30: 30 days from 2 December 2026 end on Thursday 31 December, not past the limit "
          "on 5 January 2027") {
    Case c(at(2026, 12, 2, 10));
    c.extend_by_letter(at(2026, 12, 3), at(2026, 12, 10));
    // 1 January is the limit and a holiday, then a weekend and 4 January (moved New Year).
    CHECK(c.clock("reg30_extension_30_days", day(2026, 12, 10)).due == day(2026, 12, 31));
    CHECK(profile().term_end == TermEnd::OnOrBefore);
    CHECK(profile().term_end_citation.find("item 30") != std::string::npos);

    // A profile that says so moves the end forward instead, past the limit.
    std::ifstream in(assets() / "regulations/khromtau-2023-133.json");
    nlohmann::json j = nlohmann::json::parse(in);
    j["term_end_on_day_off"] = {{"rule", "next_working_day"}, {"citation", "Civil Code art. 176"}};
    RegulationProfile forward = parse_profile(j.dump(), "forward.json");
    auto clocks = application_clocks(c.a, history(*c.s, c.a.uuid), std::nullopt, forward,
                                     calendar(), day(2026, 12, 10));
    CHECK(clocks[0].code == "reg30_extension_30_days");
    CHECK(clocks[0].due == day(2027, 1, 5));
    // Without the setting, the default is the one that keeps within the limit.
    j.erase("term_end_on_day_off");
    CHECK(parse_profile(j.dump(), "default.json").term("extension_letter").end ==
          TermEnd::OnOrBefore);
}

TEST_CASE("reg-29: a term that runs into a year with no calendar file is flagged") {
    Case late(at(2027, 12, 20, 10)); // Monday; 15 working days reach into January 2028
    Clock r = late.clock("reg29_response_date", day(2027, 12, 20));
    CHECK(r.guessed_year == 2028);
    Case known(at(2026, 12, 22, 10));
    CHECK(known.clock("reg29_response_date", day(2026, 12, 22)).guessed_year == 0);
}

TEST_CASE("reg-29: the worked Sunday 5 January 2025 registers and counts as a working day") {
    Case c(at(2025, 1, 4, 12)); // Saturday: registered on the next working day (reg-25)
    CHECK(c.a.registered_on == day(2025, 1, 5));
    // 6 | (7 off) 8, 9, 10 | 13-17 | 20-24 | 27: the fifteenth working day is Monday 27 January.
    CHECK(c.clock("reg29_response_date", day(2025, 1, 5)).due == day(2025, 1, 27));
}

TEST_CASE("reg-30: a decision extends to two months at most") {
    Case c(at(2026, 3, 20, 10));
    c.to(AppState::InReview, at(2026, 3, 26));
    MoveInput ext;
    ext.extension = "decision";
    ext.decided_by = "akim";
    c.to(AppState::Extended, at(2026, 4, 10), ext);
    Clock r = c.clock("reg30_extension_two_months", day(2026, 4, 10));
    CHECK(r.due == day(2026, 5, 20));
}

TEST_CASE("reg-6: the correction clock runs from the request to the due date") {
    Case c(at(2026, 3, 16, 10));
    MoveInput fix;
    fix.missing = "address";
    c.to(AppState::NeedsCorrection, at(2026, 3, 16, 11), fix);
    Clock k = c.clock("reg6_correction", day(2026, 3, 27));
    CHECK(k.due == day(2026, 3, 26));
    CHECK(k.state == ClockState::Overdue);
    c.to(AppState::Corrected, at(2026, 3, 25, 9));
    CHECK(c.clock("reg6_correction", day(2026, 3, 27)).state == ClockState::Met);
}

TEST_CASE("reg-19: the applicant hears of a request to another body within 2 working days") {
    Case c(at(2026, 5, 6, 10));
    c.event(event_kind::kOtherBodyRequested, {{"body", "district land office"}},
            at(2026, 5, 6, 12));
    Clock k = c.clock("reg19_other_body_notice", day(2026, 5, 6));
    CHECK(k.item == "reg-19");
    CHECK(k.due == day(2026, 5, 12)); // 8 May, then 11 May is off, 12 May
}

TEST_CASE("reg-20: another body's refusal is reported within 2 working days") {
    Case c(at(2026, 3, 2, 10));
    c.event(event_kind::kOtherBodyRefused, {{"body", "regional office"}}, at(2026, 3, 3, 12));
    CHECK(c.clock("reg20_other_body_refusal_report", day(2026, 3, 3)).due == day(2026, 3, 5));
    c.event(event_kind::kRefusalReported, {}, at(2026, 3, 5, 12));
    CHECK(c.clock("reg20_other_body_refusal_report", day(2026, 3, 6)).state == ClockState::Met);
}

TEST_CASE("reg-26: the note to the akim is due 5 working days before the reception") {
    Case c(at(2026, 3, 16, 10));
    Clock n = c.clock("reg26_note_to_akim", day(2026, 3, 16), day(2026, 4, 1));
    // Before Wednesday 1 April: 31, 30, 27, 26, 20 (Nauryz skipped) -> Friday 20 March
    CHECK(n.due == day(2026, 3, 20));
    c.event(event_kind::kNoteAttached, {{"proposal", "date"}}, at(2026, 3, 19));
    CHECK(c.clock("reg26_note_to_akim", day(2026, 3, 30), day(2026, 4, 1)).state ==
          ClockState::Met);
}

TEST_CASE("reg-32: the draft refusal clock stops when the draft is sent, and can be overdue") {
    Case c(at(2026, 3, 2, 10));
    c.to(AppState::InReview, at(2026, 3, 3));
    MoveInput d;
    d.refusal_ground = "outside_competence";
    d.decision_on = day(2026, 3, 12);
    c.to(AppState::RefusalDraftSent, at(2026, 3, 5), d);
    Clock k = c.clock("reg32_draft_refusal", day(2026, 3, 5));
    CHECK(k.due == day(2026, 3, 6)); // 11, 10, 6 (9 March is off)
    CHECK(k.state == ClockState::Running);
    // Made on 5 March, not sent by 6 March: the applicant does not have the 3 working days.
    CHECK(c.clock("reg32_draft_refusal", day(2026, 3, 10)).state == ClockState::Overdue);
    c.told("refusal_draft", at(2026, 3, 10, 11));
    Clock sent = c.clock("reg32_draft_refusal", day(2026, 3, 10));
    CHECK(sent.state == ClockState::MetLate);
    CHECK(sent.done_on == day(2026, 3, 10));
}

TEST_CASE("reg-26: a booking made after the note's day is not born overdue — the note is due that "
          "day") {
    Case c(at(2026, 4, 6, 10));
    c.to(AppState::InReview, at(2026, 4, 6, 12));
    MoveInput s;
    s.session_uuid = "5e5e5e5e-0000-4000-8000-000000000001";
    // The session of Wednesday 22 April wants the note by 15 April; the booking is made on 20.
    c.to(AppState::Scheduled, at(2026, 4, 20, 11), s);
    Clock n = c.clock("reg26_note_to_akim", day(2026, 4, 20), day(2026, 4, 22));
    CHECK(n.state == ClockState::Running);
    CHECK(n.due == day(2026, 4, 20));
    CHECK(n.started == day(2026, 4, 20));
    // Not written that day: late from the next one.
    CHECK(c.clock("reg26_note_to_akim", day(2026, 4, 21), day(2026, 4, 22)).state ==
          ClockState::Overdue);
    c.event(event_kind::kNoteAttached, {{"proposal", "date"}}, at(2026, 4, 20, 15));
    CHECK(c.clock("reg26_note_to_akim", day(2026, 4, 21), day(2026, 4, 22)).state ==
          ClockState::Met);
}

TEST_CASE("reg-16: an official cancels at least 2 working days before the session") {
    Clock k =
        cancellation_clock(day(2026, 3, 26), std::nullopt, profile(), calendar(), day(2026, 3, 19));
    CHECK(k.due == day(2026, 3, 19)); // 26 March: back over Nauryz to 20, 19
    CHECK(k.state == ClockState::Running);
    CHECK(cancellation_clock(day(2026, 3, 26), day(2026, 3, 26), profile(), calendar(),
                             day(2026, 3, 26))
              .state == ClockState::MetLate);
}

TEST_CASE("deadlines: the work list shows the open clock due soonest") {
    Case c(at(2026, 3, 16, 10));
    c.event(event_kind::kOtherBodyRequested, {}, at(2026, 3, 17));
    auto clocks = c.clocks(day(2026, 3, 17));
    const Clock* next = nearest_open_clock(clocks);
    REQUIRE(next);
    CHECK(next->code == "reg19_other_body_notice");
}

TEST_CASE("reg-33: an application's clocks are counted by the profile it was registered under, "
          "not by the one the terminal loaded at start") {
    // A later resolution with a shorter term, as a new profile file would bring.
    std::ifstream in(assets() / "regulations/khromtau-2023-133.json");
    nlohmann::json j = nlohmann::json::parse(in);
    j["id"] = "later-resolution";
    j["terms"]["response_date"]["count"] = 10;
    RegulationProfile later = parse_profile(j.dump(), "later-resolution.json");
    RegulationProfile loaded = later; // the terminal started under the later one
    loaded.loaded_with =
        std::make_shared<const std::vector<RegulationProfile>>(std::vector{profile(), later});

    TestStore s; // registered under No. 133 on Friday 20 March 2026
    Application a =
        register_application(*s, profile(), calendar(), sample(), "clerk", at(2026, 3, 20, 10));
    REQUIRE(a.profile_id == profile().id);
    auto events = history(*s, a.uuid);
    Clock c = response_clock(a, events, loaded, calendar(), day(2026, 3, 20));
    CHECK(format_date(c.due) == "2026-04-15"); // No. 133's 15 working days, not 10
    CHECK(format_date(
              application_clocks(a, events, std::nullopt, loaded, calendar(), day(2026, 3, 20))[0]
                  .due) == "2026-04-15");
    // One registered under the later profile is counted by it.
    Application b =
        register_application(*s, later, calendar(), sample(), "clerk", at(2026, 3, 20, 10));
    CHECK(format_date(
              response_clock(b, history(*s, b.uuid), loaded, calendar(), day(2026, 3, 20)).due) ==
          "2026-04-08");
    // An application from before profiles were recorded keeps the loaded one.
    b.profile_id.clear();
    CHECK(&loaded.recorded(b.profile_id) == &loaded);
}
