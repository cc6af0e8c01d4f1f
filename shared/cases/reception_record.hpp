// The record of a personal reception held at a desk: the identity document was seen (reg-10),
// a representative's authority was checked, and the applications handed in during it are
// registered and marked "from personal reception" (reg-36).
#pragma once

#include "base/date.hpp"
#include "cases/applications.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

struct ReceptionRecordInput {
    std::string ticket_uuid; // the ticket being served, when there is one
    std::string room, desk;
    std::string visitor_name;
    std::string id_document; // kind and number as seen: "ID card 012345678"
    bool id_checked = false; // reg-10: the clerk saw the document
    bool representative = false;
    std::string authority_document; // reg-10: power of attorney, order ...
    bool authority_checked = false;
};

struct ReceptionRecord {
    std::string uuid;
    ReceptionRecordInput in;
    std::string clerk;
    std::vector<std::string> application_uuids;
    Instant started_at{};
};

// Starts the record. Throws InputError (nothing saved): id_document empty / too_long,
// id_checked id_not_checked, authority_document empty (representative), authority_checked
// authority_not_checked, visitor_name (a name check).
ReceptionRecord start_reception_record(Store& store, const ReceptionRecordInput& in,
                                       const std::string& clerk, Instant now);
std::optional<ReceptionRecord> find_reception_record(Store& store, const std::string& uuid);

// reg-36: registers an application handed in during the reception, marked "from personal
// reception", and links it to the record, all in one transaction. The draft is checked as
// register_application checks it (InputError, nothing saved).
Application hand_in_application(Store& store, const RegulationProfile& profile,
                                const WorkCalendar& cal, const std::string& record_uuid,
                                Application draft, const std::string& actor, Instant now);

} // namespace reception
