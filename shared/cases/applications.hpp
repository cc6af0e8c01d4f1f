// Applications in the store: registration (reg-25), moves through the state machine, the
// append-only history, and the lookups the console needs.
#pragma once

#include "base/domain.hpp"
#include "base/errors.hpp"
#include "cases/application_state.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
struct WorkingHours;
class WorkCalendar;

// reg-25: the day an application is registered. The day it arrives when that is a working day
// and it arrives before the end of working hours; otherwise the next working day.
Date registration_day(const WorkCalendar& cal, const WorkingHours& hours, Instant arrival);

// APPC art. 63: what a complete application has. Returns the codes of what is missing
// ("surname", "name", "address", "bin", "authority_document"); the essence is checked apart
// because without it the application is not considered at all (reg-5).
std::vector<std::string> missing_for_art63(const Application& a);

// Registers an application arriving now. Throws InputError (nothing saved) when the essence is
// missing or too short (reg-5) or a given IIN, BIN or phone is invalid. An application that
// lacks an art. 63 item is still accepted (reg-6: refusing to accept is forbidden) and moved at
// once to needs_correction with a due date. Oral channels also get a number in the separate
// protocol (reg-25). Returns the stored application with its registration number.
Application register_application(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, Application draft,
                                 const std::string& actor, Instant now);

// A number of one of the registers, "<prefix><terminal>-<year>-<serial>" ("OP-K1-2026-0007"):
// the next serial of the scope ("reg", "oral", "protocol") in day's year, with `digits` digits,
// inside the caller's transaction; per terminal, so two terminals offline never clash.
std::string serial_number(Store& store, const char* prefix, const char* scope, Date day,
                          int digits);

std::optional<Application> find_application(Store& store, const std::string& uuid);
std::optional<Application> find_by_reg_number(Store& store, const std::string& reg_number);
// By the code of its status page (base/public_code.hpp): the check code a caller reads off
// the receipt, already read back into a code (code_from_check_code).
std::optional<Application> find_by_public_code(Store& store, const std::string& code);
// Open (not final) applications of a caller, by phone (normalised) or IIN.
std::vector<Application> open_applications_of(Store& store, const std::string& phone,
                                              const std::string& iin);
// Every application of a caller, newest first (at most 50): the status lookup shows closed
// ones too, so the operator can tell the caller how an old one ended.
std::vector<Application> applications_of_caller(Store& store, const std::string& phone,
                                                const std::string& iin);

// Applications registered between first and last (inclusive), oldest first: the report's base.
std::vector<Application> applications_registered_between(Store& store, Date first, Date last);
// Every application not in a final state, oldest first: the work list's base.
std::vector<Application> open_applications(Store& store);

// One entry of the history.
struct HistoryEvent {
    std::string uuid, kind, from_state, to_state, actor, reason;
    nlohmann::json data;
    Instant at{};
};
std::vector<HistoryEvent> history(Store& store, const std::string& entity_uuid);
// What the checks of a move need, read from the history: the draft refusal in force and when it
// was sent (reg-32), the extensions made and the day the term now ends (reg-29, 30).
MoveContext move_context(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                         const Application& a, Date today);

// Makes a move after check_move; throws InputError("state", code) when it is refused.
Application move_application(Store& store, const RegulationProfile& profile,
                             const WorkCalendar& cal, const std::string& uuid, const MoveInput& in,
                             Instant now);

// reg-6: the applicant brought what was missing. The corrected applicant details are checked
// as at registration, written, and the application moves to "corrected"; the history keeps
// what each changed field was before. Refused (InputError, nothing written) when an APPC
// art. 63 item is still missing ("still_missing", field = the first missing item) or a value
// is invalid.
Application correct_application(Store& store, const RegulationProfile& profile,
                                const WorkCalendar& cal, const std::string& uuid,
                                const Applicant& corrected, const std::string& actor, Instant now);

// reg-13: the applicant's consent to a reception by video, given to staff after registration
// (`how`: by phone, in person, in writing), written with an event in the history. Refused
// (InputError "how", "empty") without it, or for a closed application. The kiosk and the intake
// form record consent at registration, only when the applicant gives it.
Application record_video_consent(Store& store, const std::string& uuid, const std::string& how,
                                 const std::string& actor, Instant now);

// reg-37: assigns to an employee, a staff account by login; refused as check_new_handler
// (handlers.hpp) refuses: no such account, a disabled one, or anyone who handled it before.
Application assign_application(Store& store, const std::string& uuid, const std::string& employee,
                               const std::string& actor, Instant now);

// Records something that happened to an application without changing its state: a notice
// sent, a note attached, another body asked (kinds listed in deadlines.hpp).
void record_application_event(Store& store, const std::string& uuid, const std::string& kind,
                              const std::string& actor, const std::string& reason,
                              const nlohmann::json& data, Instant now);

nlohmann::json application_json(const Application& a);
// The inverse, for a payload as the server holds it: a key missing or of another type leaves
// the field as a new Application has it (a payload is hostile input there).
Application application_from_json(const nlohmann::json& payload);
// An event of the history from its outbox payload (Store::append_event writes it).
HistoryEvent history_event_from_json(const nlohmann::json& event);
// Saves every field of a changed application with its outbox row (kind "application.KIND"), in
// the caller's transaction: for a change whose rule lives in another file (notice_channel.cpp).
void save_application_change(Store& store, const Application& a, const std::string& kind);

} // namespace reception
