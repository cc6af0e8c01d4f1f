// The deadline engine: every clock the regulation starts for an application, with its due
// date, its state and the item it comes from. Computed from the application and its history,
// never stored, so a corrected calendar or a new profile changes every due date at once.
#pragma once

#include "base/date.hpp"
#include "cases/applications.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

// Event kinds (besides state changes) that start or stop clocks. record_application_event
// writes them; data says more where noted.
namespace event_kind {
constexpr const char* kNoticeSent = "notice_sent"; // data.about: extension | other_body | ...
// The central server sent the notice (SMS or e-mail), actor "server": only the server writes it
// (sync/server/write_rules.cpp refuses it from a terminal); data as notice_sent's.
constexpr const char* kNoticeDelivered = "notice_delivered";
constexpr const char* kNoteAttached = "note_attached";              // reg-26
constexpr const char* kOtherBodyRequested = "other_body_requested"; // reg-19
constexpr const char* kOtherBodyRefused = "other_body_refused";     // reg-20
constexpr const char* kRefusalReported = "refusal_reported";        // reg-20
} // namespace event_kind

enum class ClockState { Running, Met, MetLate, Overdue };
const char* to_code(ClockState s); // running, met, met_late, overdue

struct Clock {
    std::string code; // translation key suffix: "clock." + code
    std::string item; // "reg-29"
    Date started{};
    Date due{};
    std::optional<Date> done_on;
    ClockState state = ClockState::Running;
    // A year from start to due with no calendar file: the due date counted Monday to Friday
    // there is a guess, and staff are shown so ("clock.calendar_unknown"). 0 when none.
    int guessed_year = 0;
    int days_left(Date today) const { return days_between(today, due); }
};

// reg-29 (or reg-30 when extended): the applicant learns the date of reception, or the refusal,
// within the term from registration. Met on the day the applicant is told (a notice sent), not
// the day a clerk books the session: an unsent notice tells nobody.
Clock response_clock(const Application& a, const std::vector<HistoryEvent>& events,
                     const RegulationProfile& profile, const WorkCalendar& cal, Date today);

// reg-32: the draft refusal in force, from the history: the day it was made, the decision day it
// announced (that day holds whatever else is recorded meanwhile) and the day it was sent to the
// applicant (the refusal_draft notice), if it was. nullopt when no draft was made.
struct RefusalDraft {
    Date made_on{};
    Date decision_on{};
    std::optional<Date> sent_on;
};
std::optional<RefusalDraft> current_refusal_draft(const std::vector<HistoryEvent>& events);

// Every clock of one application. session_date: the day of its reception when scheduled.
std::vector<Clock> application_clocks(const Application& a, const std::vector<HistoryEvent>& events,
                                      std::optional<Date> session_date,
                                      const RegulationProfile& profile, const WorkCalendar& cal,
                                      Date today);

// reg-16: an official who cannot receive says so at least N working days before the session.
Clock cancellation_clock(Date session_date, std::optional<Date> cancelled_on,
                         const RegulationProfile& profile, const WorkCalendar& cal, Date today);

// The open clock due soonest (running or overdue), for the work list; nullptr when none.
const Clock* nearest_open_clock(const std::vector<Clock>& clocks);

} // namespace reception
