// What an application's status page tells the applicant (the server's /p/a/ page, reached from
// the QR code and the check code on the kiosk's receipt): its state, the next step and its date,
// and the reception's date, hours and place once it is scheduled. Nothing an unknown finder of
// the receipt should learn: no essence, no name beyond the applicant's initials, no IIN, phone,
// address or handler. Pure: the server computes it from the records it holds.
#pragma once

#include "base/domain.hpp"
#include "cases/applications.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

// The next step, as a text key suffix ("pub.app.next." + code).
enum class NextStep {
    None,            // a final state: nothing follows
    DateToldBy,      // reg-29: the date and time of the reception are told by `date`
    ExtendedTo,      // reg-30: the term was extended; told by `date`
    BringMissing,    // reg-6: add what is missing (`missing`) by `date`, or it is returned
    ObjectBefore,    // reg-32: a refusal is proposed; the applicant may object before `date`
    DecisionOn,      // reg-33: heard; the decision on `date`
    ComeToReception, // reg-28: the reception (`session`); the own time comes with the notice
    NewDateComing    // reg-16: the session was cancelled; the room tells a new date
};
const char* to_code(NextStep s);

struct ApplicationStatus {
    AppState state = AppState::Registered;
    std::string reg_number;
    Date registered_on{};
    std::string initials; // "А. Қ.": the applicant's surname and name, a letter each
    NextStep next = NextStep::None;
    std::optional<Date> date;                // the next step's day
    std::vector<std::string> missing;        // BringMissing: art. 63 items ("surname", "address")
    std::string refusal_ground;              // refused: the reg-15 ground code
    std::optional<ReceptionSession> session; // scheduled, received: where and when
};

// session: the application's session record when it has one (a.session_uuid), else nullopt.
// The dates are counted as the staff's work list counts them (cases/deadlines.hpp).
ApplicationStatus application_status(const Application& a, const std::vector<HistoryEvent>& events,
                                     const std::optional<ReceptionSession>& session,
                                     const RegulationProfile& profile, const WorkCalendar& cal,
                                     Date today);

// "А. Қ." from a surname and a name (either may be empty); letters, not bytes, so a Kazakh
// initial is whole.
std::string initials_of(const std::string& surname, const std::string& name);

} // namespace reception
