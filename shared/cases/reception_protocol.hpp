// A scheduled personal reception recorded as held, and its protocol.
//   reg-10: before the reception the applicant's identity document was seen, and the authority
//           of one who acts for another (a company's representative, a person's proxy);
//           nothing is held before the session has begun.
//   reg-23: the results go into a protocol — its number and day, the official who received,
//           who attended, the decision, and instructions with concrete deadlines, which are
//           attached to the application and put it on control (reg-34).
#pragma once

#include "base/date.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

struct ProtocolInstruction {
    std::string text, executor;
    Date due_on{};
};

struct ReceptionHeld {
    std::string application_uuid;
    // reg-10
    std::string id_document; // kind and number as seen: "Жеке куәлік № 045612378"
    bool id_checked = false;
    bool acting_for_another = false; // a person acting for another; always so for a company
    std::string authority_document;  // power of attorney, order ...
    bool authority_checked = false;
    // reg-23
    std::string official_uuid; // who received; empty: the session's official
    std::string attendees;     // who took part besides the applicant and the official
    std::string decision;      // the decision on the application
    std::vector<ProtocolInstruction> instructions;
};

struct ReceptionProtocol {
    std::string uuid, application_uuid, number, session_uuid;
    Date held_on{};
    std::string official_uuid, attendees, decision;
    std::string id_document;
    bool acting_for_another = false;
    std::string authority_document;
    std::string recorded_by;
    Instant recorded_at{};
};

// Records the reception as held: checks, writes the protocol ("PR-<terminal>-<year>-<serial>"),
// moves the application scheduled -> received and adds the instructions (the first one puts it
// on control), all in one transaction. Throws InputError, nothing written, for the first thing
// missing, in the order of the form: id_document (empty / too_long), id_checked
// (id_not_checked), authority_document (empty), authority_checked (authority_not_checked),
// state (reception_needs_schedule: not scheduled; reception_before_session: the session has
// not begun), official (empty), attendees (empty), decision (empty), and for an instruction
// "instructions[N].text" / ".executor" (empty) or ".due_on" (due_in_past).
ReceptionProtocol hold_reception(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, ReceptionHeld in,
                                 const std::string& actor, Instant now);

std::optional<ReceptionProtocol> protocol_of(Store& store, const std::string& application_uuid);

} // namespace reception
