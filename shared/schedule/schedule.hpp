// Rooms, officials and their reception sessions (reg-2, 7, 8, 9, 13, 16), loaded from a JSON
// file the administrator keeps (assets/demo/schedule.json is an example) and read by the
// kiosk's schedule screen and the console.
#pragma once

#include "base/domain.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

struct ScheduleLoadResult {
    int rooms = 0, officials = 0, sessions = 0;
};

// Loads {"rooms": [...], "officials": [...], "sessions": [...]} in one transaction; records
// with a known uuid are updated, others inserted; every change gets its outbox row. Throws
// InputError naming the record and field on anything invalid, and then nothing is loaded.
// Sessions may give "date" or, for a recurring schedule, "weekday" plus "from"/"to" dates:
// such a rule makes one session per matching working day (uuid derived from rule and date).
// A session lies in working hours, not in the lunch break, on a working day (reg-4); it is by
// video or ad hoc only for an official whose role the profile allows it (reg-13, reg-9).
ScheduleLoadResult load_schedule(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, const nlohmann::json& doc, Instant now);

// A session as its outbox row carries it: the whole record, so a terminal that pulls it (a
// kiosk signing visitors up) and the server's conflict rules see every change in full.
nlohmann::json session_json(const ReceptionSession& s);
// The records from their payloads as the server holds them (record_from_json: a wrong or
// missing key leaves the field empty).
ReceptionSession session_from_json(const nlohmann::json& payload);
Official official_from_json(const nlohmann::json& payload);
Room room_from_json(const nlohmann::json& payload);

std::vector<Room> list_rooms(Store& store);
std::vector<Official> list_officials(Store& store);
std::vector<ReceptionSession> sessions_between(Store& store, Date first, Date last);
std::optional<ReceptionSession> find_session(Store& store, const std::string& uuid);
std::optional<Official> find_official(Store& store, const std::string& uuid);
std::string full_name(const Official& o); // "Surname Name Patronymic"

// reg-7: active officials with fewer uncancelled sessions in the month of `any_day` than the
// profile's min_sessions_per_month, in the order of their roles' rank (sort_by_rank).
std::vector<Official> officials_without_session(Store& store, const RegulationProfile& profile,
                                                Date any_day);
// reg-2: officials in the order the regulation names their roles (the profile's rank: the akim
// first), keeping the order given within a rank.
void sort_by_rank(std::vector<Official>& officials, const RegulationProfile& profile);

} // namespace reception
