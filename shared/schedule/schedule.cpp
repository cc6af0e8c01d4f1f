#include "schedule/schedule.hpp"

#include "base/errors.hpp"
#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "store/outbox.hpp"
#include "store/record_fields.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace reception {
using nlohmann::json;

// Field readers: every failure names the record and the field.
static std::string field_str(const json& j, const char* key, const std::string& where,
                             bool required = true) {
    if (!j.contains(key) || j[key].is_null()) {
        if (required) throw InputError(where + "." + key, "empty");
        return "";
    }
    if (!j[key].is_string()) throw InputError(where + "." + key, "not_text");
    std::string v = trim(j[key].get<std::string>());
    if (required && v.empty()) throw InputError(where + "." + key, "empty");
    return v;
}

static Date field_date(const json& j, const char* key, const std::string& where) {
    auto d = parse_date(field_str(j, key, where));
    if (!d) throw InputError(where + "." + key, "bad_date");
    return *d;
}

static int field_time(const json& j, const char* key, const std::string& where) {
    std::string s = field_str(j, key, where);
    if (s.size() != 5 || s[2] != ':' || !isdigit(s[0]) || !isdigit(s[1]) || !isdigit(s[3]) ||
        !isdigit(s[4]))
        throw InputError(where + "." + key, "bad_time");
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59) throw InputError(where + "." + key, "bad_time");
    return h * 60 + m;
}

static std::string uuid_or_new(const json& j, const std::string& where) {
    std::string id = field_str(j, "uuid", where, false);
    if (id.empty()) return new_uuid();
    if (!is_uuid(id)) throw InputError(where + ".uuid", "bad_uuid");
    return id;
}

// Upserts
// A room's and an official's fields in one list each (store/record_fields.hpp).
static const RecordField<Room> kRoomFields[] = {
    RECORD_TEXT(Room, uuid, uuid),
    RECORD_TEXT(Room, code, code),
    RECORD_TEXT(Room, name_kk, name_kk),
    RECORD_TEXT(Room, name_ru, name_ru),
    RECORD_INSTANT(Room, updated_at, updated_at),
};

static const RecordField<Official> kOfficialFields[] = {
    RECORD_TEXT(Official, uuid, uuid),
    RECORD_TEXT(Official, surname, surname),
    RECORD_TEXT(Official, name, name),
    RECORD_TEXT(Official, patronymic, patronymic),
    RECORD_TEXT(Official, role, role),
    RECORD_TEXT(Official, position_kk, position_kk),
    RECORD_TEXT(Official, position_ru, position_ru),
    RECORD_FLAG(Official, active, active),
    RECORD_INSTANT(Official, updated_at, updated_at),
};

// Writes the record and its outbox row.
template <class T, size_t N>
static void save_record(Store& store, const char* table, const char* entity,
                        const RecordField<T> (&fields)[N], const T& r) {
    std::string sql = upsert_sql(table, fields);
    Stmt st = store.prepare(sql.c_str());
    bind_record(fields, r, st);
    st.run();
    append_outbox(store, entity, r.uuid, std::string(entity) + ".saved", record_json(fields, r));
}

static void save_room(Store& store, const Room& r) {
    save_record(store, "rooms", "room", kRoomFields, r);
}

static void save_official(Store& store, const Official& o) {
    save_record(store, "officials", "official", kOfficialFields, o);
}

// A session's fields in one list (store/record_fields.hpp): its columns, its outbox payload
// and its write.
static const RecordField<ReceptionSession> kSessionFields[] = {
    RECORD_TEXT(ReceptionSession, uuid, uuid),
    RECORD_TEXT(ReceptionSession, official_uuid, official_uuid),
    RECORD_TEXT(ReceptionSession, room_uuid, room_uuid),
    RECORD_DATE(ReceptionSession, date, date),
    {"start_minute", Kept::Number,
     [](const ReceptionSession& s) { return std::to_string(s.start_minute); },
     [](ReceptionSession& s, const std::string& v) { s.start_minute = std::stoi(v); }},
    {"end_minute", Kept::Number,
     [](const ReceptionSession& s) { return std::to_string(s.end_minute); },
     [](ReceptionSession& s, const std::string& v) { s.end_minute = std::stoi(v); }},
    RECORD_CODE(ReceptionSession, mode, mode),
    RECORD_FLAG(ReceptionSession, ad_hoc, ad_hoc),
    RECORD_FLAG(ReceptionSession, cancelled, cancelled),
    RECORD_TEXT(ReceptionSession, cancel_reason, cancel_reason),
    RECORD_INSTANT(ReceptionSession, updated_at, updated_at),
};

json session_json(const ReceptionSession& s) {
    return record_json(kSessionFields, s);
}

ReceptionSession session_from_json(const json& payload) {
    return record_from_json(kSessionFields, payload);
}

Official official_from_json(const json& payload) {
    return record_from_json(kOfficialFields, payload);
}

Room room_from_json(const json& payload) {
    return record_from_json(kRoomFields, payload);
}

static void save_session(Store& store, const ReceptionSession& s) {
    save_record(store, "sessions", "session", kSessionFields, s);
}

// Parsing one record of each kind
static Room parse_room(const json& j, const std::string& where, Instant now) {
    Room r;
    r.uuid = uuid_or_new(j, where);
    r.code = field_str(j, "code", where);
    r.name_kk = field_str(j, "name_kk", where);
    r.name_ru = field_str(j, "name_ru", where);
    r.updated_at = now;
    return r;
}

static Official parse_official(const json& j, const std::string& where,
                               const RegulationProfile& profile, Instant now) {
    Official o;
    o.uuid = uuid_or_new(j, where);
    o.surname = field_str(j, "surname", where);
    o.name = field_str(j, "name", where);
    o.patronymic = field_str(j, "patronymic", where, false);
    for (auto [key, v] :
         {std::pair{"surname", &o.surname}, {"name", &o.name}, {"patronymic", &o.patronymic}}) {
        Reason r = check_name(*v, false);
        if (r != Reason::Ok) throw InputError(where + "." + key, reason_code(r));
    }
    o.role = field_str(j, "role", where);
    if (!profile.role(o.role)) throw InputError(where + ".role", "unknown_role");
    o.position_kk = field_str(j, "position_kk", where, false);
    o.position_ru = field_str(j, "position_ru", where, false);
    o.active = j.value("active", true);
    o.updated_at = now;
    return o;
}

struct SessionRule {
    ReceptionSession base;
    std::optional<Date> date;
    unsigned weekday = 0; // 1..7 for a recurring rule
    Date from{}, to{};
};

static SessionRule parse_session(const json& j, const std::string& where,
                                 const std::map<std::string, std::string>& officials,
                                 const std::set<std::string>& rooms) {
    SessionRule r;
    ReceptionSession& s = r.base;
    s.uuid = uuid_or_new(j, where);
    s.official_uuid = field_str(j, "official", where);
    if (!officials.count(s.official_uuid))
        throw InputError(where + ".official", "unknown_official");
    s.room_uuid = field_str(j, "room", where);
    if (!rooms.count(s.room_uuid)) throw InputError(where + ".room", "unknown_room");
    s.start_minute = field_time(j, "start", where);
    s.end_minute = field_time(j, "end", where);
    if (s.end_minute <= s.start_minute) throw InputError(where + ".end", "end_before_start");
    std::string mode = field_str(j, "mode", where, false);
    if (!mode.empty() && !from_code(mode, &s.mode)) throw InputError(where + ".mode", "bad_mode");
    s.ad_hoc = j.value("ad_hoc", false);
    s.cancelled = j.value("cancelled", false);
    s.cancel_reason = field_str(j, "cancel_reason", where, false);
    if (j.contains("date")) {
        r.date = field_date(j, "date", where);
    } else {
        if (!j.contains("weekday") || !j["weekday"].is_number_integer() || j["weekday"] < 1 ||
            j["weekday"] > 5)
            throw InputError(where + ".weekday", "bad_weekday");
        r.weekday = j["weekday"].get<unsigned>();
        r.from = field_date(j, "from", where);
        r.to = field_date(j, "to", where);
        if (r.to < r.from || days_between(r.from, r.to) > 731)
            throw InputError(where + ".to", "bad_period");
    }
    return r;
}

// What the profile allows a session: within working hours and not in the lunch break (reg-4),
// on a working day (a recurring rule skips the others), by video only for a role that may
// receive by video (reg-13), outside the schedule only for a role that may (reg-9). A cancelled
// session is kept as it was: it receives nobody.
static void check_session_rules(const SessionRule& r, const Role* role,
                                const RegulationProfile& profile, const WorkCalendar& cal,
                                const std::string& where) {
    const ReceptionSession& s = r.base;
    if (s.cancelled) return;
    const WorkingHours& h = profile.hours;
    if (s.start_minute < h.start || s.end_minute > h.end)
        throw InputError(where + ".start", "session_outside_hours");
    if (s.start_minute < h.lunch_end && s.end_minute > h.lunch_start)
        throw InputError(where + ".start", "session_in_lunch");
    if (r.date && !cal.is_working_day(*r.date))
        throw InputError(where + ".date", "not_working_day");
    if (!role) throw InputError(where + ".official", "unknown_role");
    if (s.mode == SessionMode::Video && !role->may_receive_by_video)
        throw InputError(where + ".official", "role_no_video");
    if (s.ad_hoc && !role->may_receive_ad_hoc)
        throw InputError(where + ".official", "role_no_ad_hoc");
}

// A recurring rule's session on one day gets a stable uuid: loading the file again updates
// the same sessions instead of doubling them.
static std::string derived_uuid(const std::string& rule_uuid, Date d) {
    std::string ymd = format_date(d);
    std::string id = rule_uuid;
    // Overwrite the last 8 hex digits with the date's YYYYMMDD (still a well-formed UUID).
    id.replace(28, 8, ymd.substr(0, 4) + ymd.substr(5, 2) + ymd.substr(8, 2));
    return id;
}

static const json& array_or_empty(const json& doc, const char* key) {
    static const json empty = json::array();
    if (!doc.contains(key)) return empty;
    if (!doc[key].is_array()) throw InputError(key, "not_a_list");
    return doc[key];
}

ScheduleLoadResult load_schedule(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, const json& doc, Instant now) {
    if (!doc.is_object()) throw InputError("schedule", "not_an_object");
    std::vector<Room> rooms;
    std::vector<Official> officials;
    std::vector<SessionRule> rules;
    std::set<std::string> room_ids;
    std::map<std::string, std::string> official_roles; // uuid -> role code
    const json& jr = array_or_empty(doc, "rooms");
    for (size_t i = 0; i < jr.size(); ++i) {
        rooms.push_back(parse_room(jr[i], "rooms[" + std::to_string(i) + "]", now));
        room_ids.insert(rooms.back().uuid);
    }
    const json& jo = array_or_empty(doc, "officials");
    for (size_t i = 0; i < jo.size(); ++i) {
        officials.push_back(
            parse_official(jo[i], "officials[" + std::to_string(i) + "]", profile, now));
        official_roles[officials.back().uuid] = officials.back().role;
    }
    for (const auto& r : list_rooms(store)) room_ids.insert(r.uuid);
    for (const auto& o : list_officials(store)) official_roles.emplace(o.uuid, o.role);
    const json& js = array_or_empty(doc, "sessions");
    for (size_t i = 0; i < js.size(); ++i) {
        std::string where = "sessions[" + std::to_string(i) + "]";
        rules.push_back(parse_session(js[i], where, official_roles, room_ids));
        const Role* role = profile.role(official_roles.at(rules.back().base.official_uuid));
        check_session_rules(rules.back(), role, profile, cal, where);
    }

    ScheduleLoadResult result;
    store.transaction([&] {
        for (const auto& r : rooms) save_room(store, r), result.rooms++;
        for (const auto& o : officials) save_official(store, o), result.officials++;
        for (const auto& rule : rules) {
            ReceptionSession s = rule.base;
            s.updated_at = now;
            if (rule.date) {
                s.date = *rule.date;
                save_session(store, s), result.sessions++;
                continue;
            }
            for (Date d = rule.from; d <= rule.to; d = add_days(d, 1)) {
                if (iso_weekday(d) != rule.weekday || !cal.is_working_day(d)) continue;
                s.date = d;
                s.uuid = derived_uuid(rule.base.uuid, d);
                save_session(store, s), result.sessions++;
            }
        }
    });
    return result;
}

// Reading
std::vector<Room> list_rooms(Store& store) {
    static const std::string sql =
        "SELECT " + select_columns(kRoomFields) + " FROM rooms ORDER BY code";
    Stmt st = store.prepare(sql.c_str());
    std::vector<Room> out;
    while (st.step()) out.push_back(record_from_row(kRoomFields, st));
    return out;
}

static Official official_from_row(const Stmt& st) {
    return record_from_row(kOfficialFields, st);
}

std::vector<Official> list_officials(Store& store) {
    static const std::string sql =
        "SELECT " + select_columns(kOfficialFields) + " FROM officials ORDER BY surname, name";
    Stmt st = store.prepare(sql.c_str());
    std::vector<Official> out;
    while (st.step()) out.push_back(official_from_row(st));
    return out;
}

static ReceptionSession session_from_row(const Stmt& st) {
    return record_from_row(kSessionFields, st);
}

std::vector<ReceptionSession> sessions_between(Store& store, Date first, Date last) {
    static const std::string sql = "SELECT " + select_columns(kSessionFields) +
                                   " FROM sessions WHERE date BETWEEN ?1 AND ?2 "
                                   "ORDER BY date, start_minute";
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, format_date(first)).bind(2, format_date(last));
    std::vector<ReceptionSession> out;
    while (st.step()) out.push_back(session_from_row(st));
    return out;
}

std::optional<ReceptionSession> find_session(Store& store, const std::string& uuid) {
    static const std::string sql =
        "SELECT " + select_columns(kSessionFields) + " FROM sessions WHERE uuid = ?1";
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    return session_from_row(st);
}

std::optional<Official> find_official(Store& store, const std::string& uuid) {
    static const std::string sql =
        "SELECT " + select_columns(kOfficialFields) + " FROM officials WHERE uuid = ?1";
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    return official_from_row(st);
}

std::string full_name(const Official& o) {
    std::string n = o.surname + " " + o.name;
    if (!o.patronymic.empty()) n += " " + o.patronymic;
    return n;
}

void sort_by_rank(std::vector<Official>& officials, const RegulationProfile& profile) {
    auto rank = [&](const Official& o) {
        const Role* r = profile.role(o.role);
        return r ? r->rank : 1000; // a role the profile does not know goes last
    };
    std::stable_sort(officials.begin(), officials.end(),
                     [&](const Official& a, const Official& b) { return rank(a) < rank(b); });
}

std::vector<Official> officials_without_session(Store& store, const RegulationProfile& profile,
                                                Date any_day) {
    Date first{any_day.year(), any_day.month(), std::chrono::day{1}};
    Date last = add_days(add_months(first, 1), -1);
    std::map<std::string, int> sessions;
    for (const auto& s : sessions_between(store, first, last))
        if (!s.cancelled) sessions[s.official_uuid]++;
    std::vector<Official> out;
    for (const auto& o : list_officials(store))
        if (o.active && sessions[o.uuid] < profile.min_sessions_per_month) out.push_back(o);
    sort_by_rank(out, profile);
    return out;
}

} // namespace reception
