#include "cases/application_status.hpp"

#include "base/validation.hpp"
#include "cases/deadlines.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"

namespace reception {

const char* to_code(NextStep s) {
    switch (s) {
    case NextStep::DateToldBy:
        return "date_told_by";
    case NextStep::ExtendedTo:
        return "extended_to";
    case NextStep::BringMissing:
        return "bring_missing";
    case NextStep::ObjectBefore:
        return "object_before";
    case NextStep::DecisionOn:
        return "decision_on";
    case NextStep::ComeToReception:
        return "come_to_reception";
    case NextStep::NewDateComing:
        return "new_date_coming";
    case NextStep::None:
        break;
    }
    return "none";
}

// The first letter of s: its lead byte says how many bytes it has (UTF-8).
static std::string first_letter(std::string_view s) {
    if (s.empty()) return "";
    unsigned char lead = static_cast<unsigned char>(s[0]);
    size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    return n == 0 || n > s.size() ? "" : std::string(s.substr(0, n));
}

std::string initials_of(const std::string& surname, const std::string& name) {
    std::string out;
    for (const std::string* part : {&surname, &name}) {
        std::string letter = first_letter(trim(*part));
        if (letter.empty()) continue;
        out += (out.empty() ? "" : " ") + letter + ".";
    }
    return out;
}

// The term running for the applicant's answer (reg-29, or reg-30 once extended): the date is
// the one the work list shows staff, so the page never promises another day.
static void term_step(ApplicationStatus& s, const Application& a,
                      const std::vector<HistoryEvent>& events, const RegulationProfile& profile,
                      const WorkCalendar& cal, Date today) {
    Clock c = response_clock(a, events, profile, cal, today);
    s.next = c.item == "reg-30" ? NextStep::ExtendedTo : NextStep::DateToldBy;
    s.date = c.due;
}

ApplicationStatus application_status(const Application& a, const std::vector<HistoryEvent>& events,
                                     const std::optional<ReceptionSession>& session,
                                     const RegulationProfile& profile, const WorkCalendar& cal,
                                     Date today) {
    ApplicationStatus s;
    s.state = a.state;
    s.reg_number = a.reg_number;
    s.registered_on = a.registered_on;
    s.initials = initials_of(a.applicant.surname, a.applicant.name);
    switch (a.state) {
    case AppState::Registered:
    case AppState::InReview:
    case AppState::Corrected:
    case AppState::Extended:
        term_step(s, a, events, profile, cal, today);
        break;
    case AppState::NeedsCorrection: // reg-6
        s.next = NextStep::BringMissing;
        s.date = a.correction_due;
        s.missing = missing_for_art63(a);
        break;
    case AppState::RefusalDraftSent: // reg-32: heard before the decision day
    case AppState::Hearing: {        // reg-33
        s.next = a.state == AppState::Hearing ? NextStep::DecisionOn : NextStep::ObjectBefore;
        if (auto draft = current_refusal_draft(events)) s.date = draft->decision_on;
        break;
    }
    case AppState::Scheduled: // reg-28
        if (session && session->cancelled) {
            s.next = NextStep::NewDateComing;
            break;
        }
        s.next = NextStep::ComeToReception;
        s.session = session;
        if (session) s.date = session->date;
        break;
    case AppState::Received:
    case AppState::OnControl:
        s.session = session;
        break;
    case AppState::Refused: // reg-15
        s.refusal_ground = a.refusal_ground;
        break;
    case AppState::Returned:
    case AppState::Answered:
    case AppState::Withdrawn:
        break;
    }
    return s;
}

} // namespace reception
