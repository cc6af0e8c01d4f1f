// What the regulation profile allows a reception session: the room's working hours and lunch
// break and the calendar (reg-4), video (reg-13) and ad-hoc sessions (reg-9) by role, the
// monthly minimum (reg-7) and the order of the officials by their role's rank (reg-2).
#include "test_support.hpp"

#include "cases/casework.hpp"
#include "schedule/schedule.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

const char* const kRoom = "5b0c1a3e-7d2f-4e61-9a55-0f3b2c8d1e01";
const char* const kAkim = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d01";
const char* const kDeputy = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d03";
const char* const kHeadOfApparatus = "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d04";

json demo() {
    std::ifstream in(assets() / "demo/schedule.json");
    return json::parse(in);
}

// The demo's rooms and officials with one dated session; the error's field and code, or "".
std::string load_one(Store& s, const std::string& official, const std::string& date,
                     const std::string& start, const std::string& end,
                     const std::string& mode = "in_person") {
    json doc = demo();
    doc["sessions"] = json::array({{{"official", official},
                                    {"room", kRoom},
                                    {"date", date},
                                    {"start", start},
                                    {"end", end},
                                    {"mode", mode}}});
    try {
        load_schedule(s, profile(), calendar(), doc, at(2025, 1, 1));
    } catch (const InputError& e) {
        return e.field + " " + e.code;
    }
    return "";
}

std::vector<std::string> surnames(const std::vector<Official>& officials) {
    std::vector<std::string> out;
    for (const auto& o : officials) out.push_back(o.surname);
    return out;
}

} // namespace

TEST_CASE("reg-4: no session in the lunch break, outside working hours or on a holiday") {
    TestStore s;
    CHECK(load_one(*s, kAkim, "2026-03-20", "12:30", "14:00") ==
          "sessions[0].start session_in_lunch"); // lunch is 13:00-14:30
    CHECK(load_one(*s, kAkim, "2026-03-20", "14:00", "15:00") ==
          "sessions[0].start session_in_lunch");
    CHECK(load_one(*s, kAkim, "2026-03-20", "08:00", "09:30") ==
          "sessions[0].start session_outside_hours"); // the room opens at 09:00
    CHECK(load_one(*s, kAkim, "2026-03-20", "17:00", "19:00") ==
          "sessions[0].start session_outside_hours"); // and closes at 18:30
    CHECK(load_one(*s, kAkim, "2026-03-23", "15:00", "18:00") ==
          "sessions[0].date not_working_day"); // Nauryz
    CHECK(load_one(*s, kAkim, "2026-03-21", "15:00", "18:00") ==
          "sessions[0].date not_working_day");                          // a Saturday
    CHECK(load_one(*s, kAkim, "2025-01-05", "15:00", "18:00").empty()); // worked by transfer
    CHECK(load_one(*s, kAkim, "2026-03-20", "14:30", "18:30").empty());
    CHECK(load_one(*s, kAkim, "2026-03-20", "09:00", "13:00").empty());
}

TEST_CASE("reg-13: only a role the profile lets receive by video gets a video session") {
    TestStore s;
    CHECK(load_one(*s, kHeadOfApparatus, "2026-03-20", "15:00", "17:00", "video") ==
          "sessions[0].official role_no_video");
    CHECK(load_one(*s, kDeputy, "2026-03-20", "15:00", "17:00", "video").empty());
    CHECK(load_one(*s, kAkim, "2026-03-20", "15:00", "17:00", "video").empty());
}

TEST_CASE("reg-9: only a role the profile allows (the deputy akim) receives outside the schedule") {
    TestStore s;
    load_schedule(*s, profile(), calendar(), demo(), at(2026, 4, 1));
    ReceptionSession x;
    x.room_uuid = kRoom;
    x.date = day(2026, 4, 17);
    x.start_minute = 15 * 60;
    x.end_minute = 17 * 60;
    auto add = [&](const char* official) {
        ReceptionSession v = x;
        v.official_uuid = official;
        try {
            add_ad_hoc_session(*s, profile(), calendar(), v, "Әкімнің тапсырмасы", "resp",
                               at(2026, 4, 14));
        } catch (const InputError& e) {
            return e.field + " " + e.code;
        }
        return std::string();
    };
    CHECK(add(kAkim) == "official role_no_ad_hoc");
    CHECK(add(kHeadOfApparatus) == "official role_no_ad_hoc");
    CHECK(add(kDeputy).empty());
}

TEST_CASE("reg-7: an official with fewer sessions than the profile's monthly minimum is listed") {
    TestStore s;
    load_schedule(*s, profile(), calendar(), demo(), at(2026, 3, 1));
    // Every demo official receives weekly: none is short of one session a month.
    CHECK(officials_without_session(*s, profile(), day(2026, 3, 1)).empty());
    std::ifstream in(assets() / "regulations/khromtau-2023-133.json");
    json j = json::parse(in);
    j["min_sessions_per_month"]["count"] = 4;
    RegulationProfile four = parse_profile(j.dump(), "four.json");
    // March 2026 less its holidays (9, 23-25 March): Mondays 2, 16, 30 and Wednesdays 4, 11, 18
    // are three sessions each; the Tuesdays, Thursdays and Fridays four.
    CHECK(surnames(officials_without_session(*s, four, day(2026, 3, 1))) ==
          std::vector<std::string>{"Жұмабаев", "Смагулова"});
}

TEST_CASE("reg-2: officials short of sessions are listed by their role's rank, the akim first") {
    TestStore s;
    load_schedule(*s, profile(), calendar(), demo(), at(2028, 3, 1));
    // No session of the demo's rule reaches 2028: every official is listed.
    CHECK(surnames(officials_without_session(*s, profile(), day(2028, 3, 1))) ==
          std::vector<std::string>{"Жұмабаев", "Қайыров", "Әбілқасымова", "Смагулова", "Петренко"});
}
