// The case work of chapters 3 and 4 over the state machine: each function is one user action,
// one transaction, and leaves the history and the notices the regulation asks for.
//   move_and_notify      any move, plus the notice it requires (reg-6, 29, 30, 32, 15)
//   schedule_application reg-27..29: into a session, in order; reg-14 restriction mode
//   cancel_session       reg-16: the bookings move to the official's next session
//   request_other_body   reg-18, 19;  other_body_refused / report_refusal: reg-20
//   record_hearing       reg-32, 33 (APPC art. 74)
//   add_instruction, complete_instruction, give_final_answer: reg-23, 34, 35
#pragma once

#include "cases/notices.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

// A move of the state machine with the notice it requires planned in the same transaction.
Application move_and_notify(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                            const std::string& uuid, const MoveInput& in, Instant now);

// reg-26: the note to the akim proposing a date or a refusal (proposal: date | refusal), due
// N working days before the session; attaching it stops that clock.
void attach_note(Store& store, const std::string& uuid, const std::string& proposal,
                 const std::string& text, const std::string& actor, Instant now);

// Scheduling
// Applications booked into a session (scheduled, or received there and later).
int booked_in(Store& store, const std::string& session_uuid);
// Puts an approved application into a session (reg-28: in order; its place is returned in
// *position). Refused with InputError("session", ...) when the session is unknown, cancelled,
// already past, or, in restriction mode (reg-14), not by video.
Application schedule_application(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, const std::string& uuid,
                                 const std::string& session_uuid, bool restriction_mode,
                                 const std::string& actor, Instant now, int* position = nullptr);

// reg-9: a session outside the schedule, on the akim's instruction (the reason says which).
// Refused (InputError) for a past or non-working day, an unknown official or room, an end not
// after the start, or no reason. Returns the new session.
ReceptionSession add_ad_hoc_session(Store& store, const RegulationProfile& profile,
                                    const WorkCalendar& cal, ReceptionSession s,
                                    const std::string& reason, const std::string& actor,
                                    Instant now);

struct MovedBooking {
    std::string application_uuid;
    std::string to_session; // empty: no later session of the official; the room must place it
    Date to_date{};
};
struct Cancellation {
    std::vector<MovedBooking> moved; // whom to notify (a session_cancelled notice each)
    bool notified_in_time = true;    // reg-16: at least N working days before, or the same day
};
Cancellation cancel_session(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                            const std::string& session_uuid, const std::string& reason,
                            const std::string& actor, Instant now);

// Other bodies (reg-18..20)
void request_other_body(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                        const std::string& uuid, const std::string& body, const std::string& actor,
                        Instant now);
void other_body_refused(Store& store, const std::string& uuid, const std::string& body,
                        const std::string& actor, Instant now);
void report_refusal(Store& store, const std::string& uuid, const std::string& actor, Instant now);

// The hearing before a refusal (reg-32, 33; APPC art. 74)
struct Hearing {
    std::string uuid, application_uuid;
    Date held_on{};
    std::string place, chaired_by, participants;
    bool applicant_present = false;
    std::string objections;
    std::optional<Date> objections_on;
    std::string conclusion; // refuse | schedule
    std::string reasons;
};
// Records the protocol and moves the application to "hearing". Refused when no draft refusal
// was sent, or when the hearing is held before the applicant's term for objections has run
// (reg-32: 2 working days) unless the applicant took part.
Hearing record_hearing(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                       Hearing h, const std::string& actor, Instant now);
std::vector<Hearing> hearings_of(Store& store, const std::string& application_uuid);

// The protocol's instructions and control (reg-23, 34, 35)
struct Instruction {
    std::string uuid, application_uuid, text, executor;
    Date due_on{};
    std::optional<Date> done_on;
    std::string report;
    bool overdue(Date today) const { return !done_on && today > due_on; }
};
// Attaches an instruction to a received application and puts it on control (reg-34).
Instruction add_instruction(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                            Instruction in, const std::string& actor, Instant now);
Instruction complete_instruction(Store& store, const std::string& uuid, const std::string& report,
                                 const std::string& actor, Instant now);
std::vector<Instruction> instructions_of(Store& store, const std::string& application_uuid);
std::vector<Instruction> instructions_open(Store& store);

// reg-35: the final reasoned answer takes the application off control. outcome: resolved |
// consultation | explained. Refused (InputError "instructions", "instructions_open") while an
// instruction is not done.
Application give_final_answer(Store& store, const RegulationProfile& profile,
                              const WorkCalendar& cal, const std::string& uuid,
                              const std::string& outcome, const std::string& answer,
                              const std::string& actor, Instant now);

} // namespace reception
