// The legal moves of an application through the regulation, and the checks each move needs.
// Pure functions: the store (applications.hpp) applies a move only after check_move says yes.
//
//   registered -> in_review | needs_correction | withdrawn
//   in_review -> needs_correction | refusal_draft_sent | extended | scheduled | withdrawn
//   needs_correction -> corrected | returned | withdrawn               (reg-6)
//   corrected -> in_review | withdrawn
//   extended -> extended | refusal_draft_sent | scheduled | withdrawn (reg-30)
//   refusal_draft_sent -> hearing | refused | scheduled | withdrawn    (reg-32)
//   hearing -> refused | scheduled | withdrawn                        (reg-33)
//   scheduled -> scheduled | received | withdrawn                     (reg-16: rescheduled)
//   received -> on_control | answered                                 (reg-23, reg-35)
//   on_control -> answered                                            (reg-34, reg-35)
//   returned, refused, answered, withdrawn: final
#pragma once

#include "base/domain.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

bool app_move_allowed(AppState from, AppState to);
std::vector<AppState> next_app_states(AppState from);
bool is_final(AppState s);
// The regulation item a move carries out ("reg-32"), for the history and the UI.
const char* move_item(AppState from, AppState to);

// What a move needs besides the target state.
struct MoveInput {
    AppState to = AppState::InReview;
    std::string actor;                  // who: required for every move
    std::string reason;                 // why, in the clerk's words
    std::string refusal_ground;         // refusal_draft_sent, refused: a reg-15 ground code
    std::string missing;                // needs_correction: what APPC art. 63 item is missing
    std::optional<Date> correction_due; // needs_correction: default from the profile term
    std::optional<Date> decision_on;    // refusal_draft_sent: the planned decision day
    std::string extension;              // extended: "letter" (30 days) or "decision" (2 months)
    std::string decided_by;   // extended by decision: the role that decided, akim | deputy_akim
                              // (reg-30: the akim or a deputy; a profile role code, not a name)
    std::string session_uuid; // scheduled: the reception session
    // received: the protocol of the reception (reg-23), made by hold_reception after the
    // identity check of reg-10 (reception_protocol.hpp); no reception is held without one.
    std::string protocol_uuid;
};

// What the checks need to know of the application's past (from its history).
struct MoveContext {
    Date today{};
    std::optional<Date> draft_sent_on;  // when the draft refusal was sent to the applicant (reg-32)
    std::optional<Date> decision_on;    // the decision day that draft announced
    std::optional<Date> term_ends;      // reg-29/30: the day the term now in force ends
    std::optional<Date> correction_due; // reg-6
    bool extended_by_letter = false;
    bool extended_by_decision = false;
};

// Empty when the move may be made; else a reason code ("error." + code is its text):
// transition_not_allowed, actor_required, refusal_ground_required, decision_date_too_soon,
// refusal_draft_not_sent, refusal_too_early, correction_missing_required,
// correction_term_running, extension_kind_required, extension_already_used,
// extension_term_over, extension_decided_by_required, extension_decided_by_role,
// session_required, reception_protocol_required.
std::string check_move(AppState from, const MoveInput& in, const MoveContext& ctx,
                       const RegulationProfile& profile, const WorkCalendar& cal);

} // namespace reception
