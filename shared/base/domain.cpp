#include "base/domain.hpp"

#include "base/code_table.hpp"

namespace reception {

static constexpr CodeTable<Channel, 6> kChannels{{{Channel::EgovPortal, "egov_portal"},
                                                  {Channel::EOtinish, "eotinish"},
                                                  {Channel::Paper, "paper"},
                                                  {Channel::OralInPerson, "oral_in_person"},
                                                  {Channel::Phone, "phone"},
                                                  {Channel::Kiosk, "kiosk"}}};
static constexpr CodeTable<ApplicantKind, 2> kApplicantKinds{
    {{ApplicantKind::Individual, "individual"}, {ApplicantKind::Representative, "representative"}}};
static constexpr CodeTable<AppState, 14> kAppStates{
    {{AppState::Registered, "registered"},
     {AppState::InReview, "in_review"},
     {AppState::NeedsCorrection, "needs_correction"},
     {AppState::Returned, "returned"},
     {AppState::Corrected, "corrected"},
     {AppState::RefusalDraftSent, "refusal_draft_sent"},
     {AppState::Hearing, "hearing"},
     {AppState::Refused, "refused"},
     {AppState::Extended, "extended"},
     {AppState::Scheduled, "scheduled"},
     {AppState::Received, "received"},
     {AppState::OnControl, "on_control"},
     {AppState::Answered, "answered"},
     {AppState::Withdrawn, "withdrawn"}}};
static constexpr CodeTable<TicketState, 6> kTicketStates{
    {{TicketState::Waiting, "waiting"},
     {TicketState::Called, "called"},
     {TicketState::Serving, "serving"},
     {TicketState::Done, "done"},
     {TicketState::NoShow, "no_show"},
     {TicketState::Transferred, "transferred"}}};
static constexpr CodeTable<SessionMode, 2> kSessionModes{
    {{SessionMode::InPerson, "in_person"}, {SessionMode::Video, "video"}}};

const char* to_code(Channel c) {
    return code_of(kChannels, c);
}
const char* to_code(ApplicantKind k) {
    return code_of(kApplicantKinds, k);
}
const char* to_code(AppState s) {
    return code_of(kAppStates, s);
}
const char* to_code(TicketState s) {
    return code_of(kTicketStates, s);
}
const char* to_code(SessionMode m) {
    return code_of(kSessionModes, m);
}
bool from_code(std::string_view c, Channel* out) {
    return value_of(kChannels, c, out);
}
bool from_code(std::string_view c, ApplicantKind* out) {
    return value_of(kApplicantKinds, c, out);
}
bool from_code(std::string_view c, AppState* out) {
    return value_of(kAppStates, c, out);
}
bool from_code(std::string_view c, TicketState* out) {
    return value_of(kTicketStates, c, out);
}
bool from_code(std::string_view c, SessionMode* out) {
    return value_of(kSessionModes, c, out);
}

} // namespace reception
