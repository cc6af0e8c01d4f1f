#include "cases/deadlines.hpp"

#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"

#include <algorithm>

namespace reception {

const char* to_code(ClockState s) {
    switch (s) {
    case ClockState::Running:
        return "running";
    case ClockState::Met:
        return "met";
    case ClockState::MetLate:
        return "met_late";
    case ClockState::Overdue:
        return "overdue";
    }
    return "running";
}

static int first_guessed_year(const WorkCalendar& cal, Date a, Date b) {
    if (b < a) std::swap(a, b);
    for (int y = int(a.year()); y <= int(b.year()); ++y)
        if (!cal.covers(y)) return y;
    return 0;
}

// A clock's state follows from its due date, the day it was done and today.
static Clock make_clock(const WorkCalendar& cal, std::string code, std::string item, Date started,
                        Date due, std::optional<Date> done_on, Date today) {
    Clock c{std::move(code), std::move(item), started, due, done_on, ClockState::Running};
    c.guessed_year = first_guessed_year(cal, started, due);
    if (done_on)
        c.state = *done_on <= due ? ClockState::Met : ClockState::MetLate;
    else if (today > due)
        c.state = ClockState::Overdue;
    return c;
}

static Date event_day(const HistoryEvent& e) {
    return local_date(e.at);
}

// The first event at or after `from` that matches, as a day.
template <class Pred>
static std::optional<Date> first_after(const std::vector<HistoryEvent>& events, Instant from,
                                       Pred&& matches) {
    for (const auto& e : events)
        if (e.at >= from && matches(e)) return event_day(e);
    return std::nullopt;
}

static bool is_notice_about(const HistoryEvent& e, const char* about) {
    // Sent by staff (phone, letter) or by the server (SMS, e-mail): the applicant was told.
    bool sent = e.kind == event_kind::kNoticeSent || e.kind == event_kind::kNoticeDelivered;
    return sent && e.data.is_object() && e.data.value("about", "") == about;
}

// The applicant was told what reg-29 asks: the date of reception (its notice sent), or the
// refusal or return (the answer sent in that state); or the applicant withdrew, and there is
// nobody left to tell. Booking a session tells the applicant nothing by itself.
static bool applicant_told(const HistoryEvent& e) {
    if (e.kind == "state_changed") return e.to_state == "withdrawn";
    if (is_notice_about(e, "reception_date")) return true;
    // A cancelled session's notice that gave the new date and time (the booking moved, reg-16)
    // told the applicant the same: notices.cpp marks it so when it is sent.
    if (is_notice_about(e, "session_cancelled") && e.data.value("tells_date", false)) return true;
    return is_notice_about(e, "answer") && (e.to_state == "refused" || e.to_state == "returned");
}

// reg-29 and reg-30: the applicant learns the date (or the refusal) within 15 working days of
// registration, or within the extended term.
Clock response_clock(const Application& a, const std::vector<HistoryEvent>& events,
                     const RegulationProfile& loaded, const WorkCalendar& cal, Date today) {
    // Counted by the profile it was registered under: a later resolution does not re-rule it.
    const RegulationProfile& p = loaded.recorded(a.profile_id);
    std::string code = "reg29_response_date";
    std::string item = "reg-29";
    Date due = term_after(cal, p.term("response_date"), a.registered_on);
    for (const auto& e : events) {
        if (e.to_state != "extended" || !e.data.is_object()) continue;
        std::string kind = e.data.value("extension", "");
        const char* term = kind == "decision" ? "extension_decision" : "extension_letter";
        Date extended = term_after(cal, p.term(term), a.registered_on);
        if (extended > due) {
            due = extended;
            code = kind == "decision" ? "reg30_extension_two_months" : "reg30_extension_30_days";
            item = "reg-30";
        }
    }
    auto told = first_after(events, Instant{}, applicant_told);
    return make_clock(cal, code, item, a.registered_on, due, told, today);
}

// A clock started by each event of one kind and stopped by the first later event that
// matches `stop`: reg-30 extension notice, reg-19, reg-20.
template <class Start, class Stop>
static void clocks_per_event(std::vector<Clock>& out, const std::vector<HistoryEvent>& events,
                             const char* code, const Term& term, const WorkCalendar& cal,
                             Date today, Start&& starts, Stop&& stops) {
    for (const auto& e : events) {
        if (!starts(e)) continue;
        Date start = event_day(e);
        auto done = first_after(events, e.at, stops);
        out.push_back(
            make_clock(cal, code, term.item, start, term_after(cal, term, start), done, today));
    }
}

static bool is_draft_move(const HistoryEvent& e) {
    return e.kind == "state_changed" && e.to_state == "refusal_draft_sent";
}

// Only the move into refusal_draft_sent makes a draft: other events recorded in that state (a
// request to another body, a note) carry the state too and must not reset its days.
std::optional<RefusalDraft> current_refusal_draft(const std::vector<HistoryEvent>& events) {
    std::optional<RefusalDraft> draft;
    for (const auto& e : events) {
        if (is_draft_move(e) && e.data.is_object()) {
            auto decision = parse_date(e.data.value("decision_on", ""));
            if (decision) draft = RefusalDraft{event_day(e), *decision, std::nullopt};
        } else if (draft && !draft->sent_on && is_notice_about(e, "refusal_draft")) {
            draft->sent_on = event_day(e);
        }
    }
    return draft;
}

// reg-32: each draft refusal is sent at least N working days before the decision it announces;
// the clock stops when its notice is sent, and is overdue when it is not sent by then. A draft
// the room dropped before sending it (the application booked or withdrawn instead) has no
// decision coming and no clock.
static void refusal_draft_clocks(std::vector<Clock>& out, const std::vector<HistoryEvent>& events,
                                 const RegulationProfile& p, const WorkCalendar& cal, Date today) {
    for (size_t k = 0; k < events.size(); ++k) {
        const HistoryEvent& e = events[k];
        if (!is_draft_move(e) || !e.data.is_object()) continue;
        auto decision = parse_date(e.data.value("decision_on", ""));
        if (!decision) continue;
        std::optional<Date> sent, dropped;
        for (size_t j = k + 1; j < events.size(); ++j) {
            const HistoryEvent& x = events[j];
            if (is_draft_move(x)) break; // a new draft has its own clock
            if (!sent && is_notice_about(x, "refusal_draft")) sent = event_day(x);
            if (!dropped && x.kind == "state_changed" && x.from_state == "refusal_draft_sent" &&
                (x.to_state == "scheduled" || x.to_state == "withdrawn"))
                dropped = event_day(x);
        }
        if (!sent && dropped) continue;
        Date due = term_before(cal, p.term("draft_refusal_before"), *decision);
        out.push_back(
            make_clock(cal, "reg32_draft_refusal", "reg-32", event_day(e), due, sent, today));
    }
}

// reg-26: the note to the akim, N working days before the reception. A booking made later than
// that cannot have been noted in time: its note is due on the day of the booking (the clerk is
// warned then, casework.hpp), not overdue before anyone could write it.
static void note_clock(std::vector<Clock>& out, const Application& a,
                       const std::vector<HistoryEvent>& events, std::optional<Date> session_date,
                       const RegulationProfile& p, const WorkCalendar& cal, Date today) {
    if (!session_date) return;
    Date due = term_before(cal, p.term("note_before_reception"), *session_date);
    Date started = a.registered_on;
    for (const auto& e : events)
        if (e.kind == "state_changed" && e.to_state == "scheduled") started = event_day(e);
    due = std::max(due, started);
    auto done = first_after(events, Instant{}, [](const HistoryEvent& e) {
        return e.kind == event_kind::kNoteAttached;
    });
    out.push_back(make_clock(cal, "reg26_note_to_akim", "reg-26", started, due, done, today));
}

std::vector<Clock> application_clocks(const Application& a, const std::vector<HistoryEvent>& events,
                                      std::optional<Date> session_date,
                                      const RegulationProfile& loaded, const WorkCalendar& cal,
                                      Date today) {
    const RegulationProfile& p = loaded.recorded(a.profile_id); // as response_clock
    std::vector<Clock> out;
    out.push_back(response_clock(a, events, p, cal, today));

    // reg-6: the term to correct what art. 63 requires.
    for (const auto& e : events) {
        if (e.to_state != "needs_correction" || !e.data.is_object()) continue;
        auto due = parse_date(e.data.value("correction_due", ""));
        if (!due) continue;
        auto done = first_after(events, e.at, [](const HistoryEvent& x) {
            return x.kind == "state_changed" && x.from_state == "needs_correction";
        });
        out.push_back(make_clock(cal, "reg6_correction", "reg-6", event_day(e), *due, done, today));
    }

    clocks_per_event(
        out, events, "reg30_extension_notice", p.term("extension_notice"), cal, today,
        [](const HistoryEvent& e) { return e.to_state == "extended" && e.kind == "state_changed"; },
        [](const HistoryEvent& e) { return is_notice_about(e, "extension"); });
    clocks_per_event(
        out, events, "reg19_other_body_notice", p.term("other_body_notice"), cal, today,
        [](const HistoryEvent& e) { return e.kind == event_kind::kOtherBodyRequested; },
        [](const HistoryEvent& e) { return is_notice_about(e, "other_body"); });
    clocks_per_event(
        out, events, "reg20_other_body_refusal_report", p.term("other_body_refusal_report"), cal,
        today, [](const HistoryEvent& e) { return e.kind == event_kind::kOtherBodyRefused; },
        [](const HistoryEvent& e) { return e.kind == event_kind::kRefusalReported; });

    refusal_draft_clocks(out, events, p, cal, today);
    note_clock(out, a, events, session_date, p, cal, today);
    return out;
}

Clock cancellation_clock(Date session_date, std::optional<Date> cancelled_on,
                         const RegulationProfile& p, const WorkCalendar& cal, Date today) {
    Date due = term_before(cal, p.term("official_cancellation_before"), session_date);
    return make_clock(cal, "reg16_official_cancellation", "reg-16", due, due, cancelled_on, today);
}

const Clock* nearest_open_clock(const std::vector<Clock>& clocks) {
    const Clock* best = nullptr;
    for (const auto& c : clocks) {
        if (c.done_on) continue;
        if (!best || c.due < best->due) best = &c;
    }
    return best;
}

} // namespace reception
