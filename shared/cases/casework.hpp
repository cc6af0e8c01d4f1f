// The case work of chapters 3 and 4 over the state machine: each function is one user action,
// one transaction, and leaves the history and the notices the regulation asks for.
//   move_and_notify      any move, plus the notice it requires (reg-6, 29, 30, 32, 15)
//   sessions_to_offer    reg-26, 29: sessions to book, marked too late for the note or the term
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
// What a session means for one application's clocks, said when the session is offered and
// again when it is booked, so the clerk learns it before the clock does.
struct SessionOffer {
    ReceptionSession session;
    Date note_due{};                  // reg-26: the note to the akim, N working days before
    bool note_late = false;           // reg-26: that day has passed; the note is due at once
    Date term_ends{};                 // reg-29/30: the term now in force ends that day
    bool after_response_term = false; // the reception would come after it
    int booked = 0, capacity = 0;     // reg-28: persons booked, and the slots the session has
    bool chosen = false;              // reg-28: the session the applicant chose when signing up
    bool needs_consent = false;       // reg-13: by video, and the applicant has not consented
};
// Sessions an application may be booked into: not cancelled, from today for `days` days, the
// one the applicant chose first, then its official's, each marked as above.
std::vector<SessionOffer> sessions_to_offer(Store& store, const RegulationProfile& profile,
                                            const WorkCalendar& cal, const Application& a,
                                            Date today, int days = 45);

// What a booking tells the clerk at once: the place in the session (reg-28) and the marks of
// the session (a note too late for reg-26, a reception after the reg-29 term).
struct Booked {
    int position = 0;     // reg-28: the place in the session's order (bookings.hpp)
    int start_minute = 0; // reg-28: the person's own time, local minutes
    SessionOffer offer;
};
// Puts an approved application into a session (reg-28: in order, a time each). Refused with
// InputError("session", ...) when the session is unknown, cancelled, already past, full
// ("session_full": no time left for one more), by video without the applicant's recorded
// consent ("no_video_consent", reg-13), or, in restriction mode (reg-14), not by video.
// *booked, when given, says what the booking means.
Application schedule_application(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, const std::string& uuid,
                                 const std::string& session_uuid, bool restriction_mode,
                                 const std::string& actor, Instant now, Booked* booked = nullptr);

// reg-9: a session outside the schedule, on the akim's instruction (the reason says which).
// Refused (InputError) for a past or non-working day, an unknown official or room, an end not
// after the start, or no reason. Returns the new session.
ReceptionSession add_ad_hoc_session(Store& store, const RegulationProfile& profile,
                                    const WorkCalendar& cal, ReceptionSession s,
                                    const std::string& reason, const std::string& actor,
                                    Instant now);

struct MovedBooking {
    std::string application_uuid;
    std::string to_session; // empty: left for the room to place, for the reason below
    Date to_date{};
    // Why it was not moved: no_later_session, no_video_session (reg-14: the room receives by
    // video only and the official has no later video session), no_video_consent (reg-13),
    // session_full (reg-28). Empty when moved.
    std::string left_because;
};
struct Cancellation {
    std::vector<MovedBooking> moved; // whom to notify (a session_cancelled notice each)
    bool notified_in_time = true;    // reg-16: at least N working days before, or the same day
};
// reg-16: cancels a session; its bookings move to the official's next session, under
// restrictions (reg-14) to the next one by video, or are left for staff with the reason.
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

// The hearing before a refusal (reg-32, 33; APPC art. 73, 74)
bool is_hearing_way(const std::string& way); // in_person | video | phone | written
struct Hearing {
    std::string uuid, application_uuid;
    Date held_on{};
    std::string way;                        // APPC art. 73 part 1: how the applicant was heard
    int start_minute = -1, end_minute = -1; // APPC art. 74: when it began and ended, local
    std::string place, chaired_by, secretary, participants;
    bool applicant_present = false;
    std::string objections;     // what the applicant said or sent
    bool no_objections = false; // the applicant raised none: said so, never left blank
    std::optional<Date> objections_on;
    std::string conclusion; // refuse | schedule
    std::string reasons;
};
// Records the protocol and moves the application to "hearing". The protocol has what APPC
// art. 74 asks: the way, the start and the end, the place, who chaired, the secretary, the
// participants, the objections (or that there were none), the conclusion and its reasons;
// InputError for the first missing one (field "way", "start", "end", "secretary",
// "participants", "objections"...). Refused when the draft refusal was not sent to the
// applicant ("refusal_draft_not_sent"), or when the hearing is held before the applicant's
// term for objections has run (reg-32: 2 working days), unless the applicant took part.
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
// instruction is not done. The answer to the applicant is planned as a notice due today; it is
// sent when someone marks it sent (notices.hpp), never claimed sent by giving the answer.
Application give_final_answer(Store& store, const RegulationProfile& profile,
                              const WorkCalendar& cal, const std::string& uuid,
                              const std::string& outcome, const std::string& answer,
                              const std::string& actor, Instant now);

} // namespace reception
