#include "cases/application_state.hpp"

#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"

namespace reception {

// The table of legal moves, each with the regulation item it carries out.
struct LegalMove {
    AppState from, to;
    const char* item;
};

using S = AppState;
static const LegalMove kMoves[] = {
    {S::Registered, S::InReview, "reg-25"},
    {S::Registered, S::NeedsCorrection, "reg-6"},
    {S::Registered, S::Withdrawn, "reg-15.5"},
    {S::InReview, S::NeedsCorrection, "reg-6"},
    {S::InReview, S::RefusalDraftSent, "reg-32"},
    {S::InReview, S::Extended, "reg-30"},
    {S::InReview, S::Scheduled, "reg-28"},
    {S::InReview, S::Withdrawn, "reg-15.5"},
    {S::NeedsCorrection, S::Corrected, "reg-6"},
    {S::NeedsCorrection, S::Returned, "reg-6"},
    {S::NeedsCorrection, S::Withdrawn, "reg-15.5"},
    {S::Corrected, S::InReview, "reg-25"},
    {S::Corrected, S::Withdrawn, "reg-15.5"},
    {S::Extended, S::Extended, "reg-30"},
    {S::Extended, S::RefusalDraftSent, "reg-32"},
    {S::Extended, S::Scheduled, "reg-28"},
    {S::Extended, S::Withdrawn, "reg-15.5"},
    {S::RefusalDraftSent, S::Hearing, "reg-33"},
    {S::RefusalDraftSent, S::Refused, "reg-15"},
    {S::RefusalDraftSent, S::Scheduled, "reg-28"},
    {S::RefusalDraftSent, S::Withdrawn, "reg-15.5"},
    {S::Hearing, S::Refused, "reg-15"},
    {S::Hearing, S::Scheduled, "reg-28"},
    {S::Hearing, S::Withdrawn, "reg-15.5"},
    {S::Scheduled, S::Scheduled, "reg-16"},
    {S::Scheduled, S::Received, "reg-23"},
    {S::Scheduled, S::Withdrawn, "reg-15.5"},
    {S::Received, S::OnControl, "reg-34"},
    {S::Received, S::Answered, "reg-35"},
    {S::OnControl, S::Answered, "reg-35"},
};

bool app_move_allowed(AppState from, AppState to) {
    return move_item(from, to)[0] != '\0';
}

const char* move_item(AppState from, AppState to) {
    for (const auto& m : kMoves)
        if (m.from == from && m.to == to) return m.item;
    return "";
}

std::vector<AppState> next_app_states(AppState from) {
    std::vector<AppState> out;
    for (const auto& m : kMoves)
        if (m.from == from) out.push_back(m.to);
    return out;
}

bool is_final(AppState s) {
    return next_app_states(s).empty();
}

// Checks per target state
static std::string check_refusal_draft(const MoveInput& in, const MoveContext& ctx,
                                       const RegulationProfile& p, const WorkCalendar& cal) {
    if (!p.refusal_ground(in.refusal_ground)) return "refusal_ground_required";
    // reg-32: the draft goes out at least N working days before the decision.
    if (!in.decision_on) return "decision_date_too_soon";
    Date earliest = term_after(cal, p.term("draft_refusal_before"), ctx.today);
    if (*in.decision_on < earliest) return "decision_date_too_soon";
    return "";
}

// reg-32: the refusal comes N working days after the draft was sent to the applicant (a draft
// made but not sent gives the applicant no time at all), and not before the decision day the
// draft announced.
static std::string check_refusal(const MoveInput& in, const MoveContext& ctx,
                                 const RegulationProfile& p, const WorkCalendar& cal) {
    if (!p.refusal_ground(in.refusal_ground)) return "refusal_ground_required";
    if (!ctx.draft_sent_on) return "refusal_draft_not_sent";
    Date earliest = term_after(cal, p.term("draft_refusal_before"), *ctx.draft_sent_on);
    if (ctx.decision_on && *ctx.decision_on > earliest) earliest = *ctx.decision_on;
    if (ctx.today < earliest) return "refusal_too_early";
    return "";
}

// reg-30: only the akim or a deputy extends by a reasoned decision; which of them is a role of
// the profile, so the history and the report name it the same way every time.
static bool may_decide_extension(const RegulationProfile& p, const std::string& role) {
    return (role == "akim" || role == "deputy_akim") && p.role(role);
}

static std::string check_extension(const MoveInput& in, const MoveContext& ctx,
                                   const RegulationProfile& p) {
    // reg-30: a term is extended while it runs; once it has run out, it was missed.
    if (ctx.term_ends && ctx.today > *ctx.term_ends) return "extension_term_over";
    if (in.extension == "letter") {
        // The letter extends to 30 days once; after a decision it would shorten the term.
        if (ctx.extended_by_letter || ctx.extended_by_decision) return "extension_already_used";
        return "";
    }
    if (in.extension == "decision") {
        if (ctx.extended_by_decision) return "extension_already_used";
        if (in.decided_by.empty()) return "extension_decided_by_required";
        if (!may_decide_extension(p, in.decided_by)) return "extension_decided_by_role";
        return "";
    }
    return "extension_kind_required";
}

std::string check_move(AppState from, const MoveInput& in, const MoveContext& ctx,
                       const RegulationProfile& p, const WorkCalendar& cal) {
    if (!app_move_allowed(from, in.to)) return "transition_not_allowed";
    if (in.actor.empty()) return "actor_required";
    switch (in.to) {
    case S::RefusalDraftSent:
        return check_refusal_draft(in, ctx, p, cal);
    case S::Refused:
        return check_refusal(in, ctx, p, cal);
    case S::NeedsCorrection:
        return in.missing.empty() ? "correction_missing_required" : "";
    case S::Returned:
        // reg-6: returned only when the term to correct has run out.
        if (ctx.correction_due && ctx.today <= *ctx.correction_due)
            return "correction_term_running";
        return "";
    case S::Extended:
        return check_extension(in, ctx, p);
    case S::Scheduled:
        return in.session_uuid.empty() ? "session_required" : "";
    case S::Received:
        // reg-10, reg-23: only hold_reception, after the identity check, with its protocol.
        return in.protocol_uuid.empty() ? "reception_protocol_required" : "";
    default:
        return "";
    }
}

} // namespace reception
