// The regulation profile: the numbers and lists of one resolution, loaded from
// assets/regulations/*.json. Code asks the profile for a term by name; a new resolution is a new
// file, not a code change (docs/regulation.md, "a regulation is versioned data").
#pragma once

#include "base/date.hpp"
#include "base/errors.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace reception {

enum class TermUnit { WorkingDays, CalendarDays, Months };

struct Term {
    int count = 0;
    TermUnit unit = TermUnit::WorkingDays;
    std::string item; // "reg-29"
};

// A thing with a code and names in three languages (category, ground, role, service).
struct NamedCode {
    std::string code;
    std::string item;
    std::string kk, ru, en;
    const std::string& name(std::string_view lang) const;
};

struct Role : NamedCode {
    int rank = 0;
    bool may_receive_by_video = false; // reg-13
    bool may_receive_ad_hoc = false;   // reg-9
};

struct Service : NamedCode {
    std::string prefix; // ticket number prefix: "A" -> "A-012"
};

struct WorkingHours {
    int start = 9 * 60, end = 18 * 60 + 30; // local minutes after midnight
    int lunch_start = 13 * 60, lunch_end = 14 * 60 + 30;
};

struct RegulationProfile {
    std::string id;
    std::string title_kk, title_ru, title_en;
    std::string resolution;
    Date effective_from{};
    std::optional<Date> effective_to; // the last day it applied, if repealed
    std::map<std::string, Term> terms;
    int min_sessions_per_month = 1; // reg-7
    WorkingHours hours;
    int essence_min_chars = 10, essence_max_chars = 4000; // reg-5
    std::vector<NamedCode> out_of_turn;                   // reg-12
    std::vector<NamedCode> refusal_grounds;               // reg-15
    std::vector<Role> roles;                              // reg-2
    std::vector<std::string> channels;                    // reg-4
    std::vector<std::string> oral_channels;               // reg-25: the separate protocol
    std::vector<Service> services;

    // The term by name; throws StoreError ("profile_invalid") when the profile lacks it, so a
    // missing term is found when the profile is loaded by the checks, not when a deadline is
    // computed.
    const Term& term(const std::string& name) const;
    bool in_effect(Date d) const;
    const NamedCode* category(std::string_view code) const;
    const NamedCode* refusal_ground(std::string_view code) const;
    const Role* role(std::string_view code) const;
    const Service* service(std::string_view code) const;
    bool is_oral_channel(std::string_view channel) const;
};

// The names of every term the code asks for; load() checks the profile has each of them.
const std::vector<std::string>& required_terms();

RegulationProfile load_profile(const std::filesystem::path& file);
RegulationProfile parse_profile(const std::string& json_text, const std::string& source_name);
// All profiles of a folder, sorted by effective_from.
std::vector<RegulationProfile> load_profiles(const std::filesystem::path& dir);
// The profile in effect on a day; when none is (the newest has expired and its successor is
// not loaded yet), the newest one, with *expired set so the apps can warn the administrator.
const RegulationProfile& profile_for(const std::vector<RegulationProfile>& profiles, Date day,
                                     bool* expired);

// Applying a term to a date needs the working-day calendar.
class WorkCalendar;
// The due date of a term counted forward from d (working days after d, calendar days, months).
Date term_after(const WorkCalendar& cal, const Term& t, Date d);
// The last date a thing may happen to be "t before d" (reg-16, reg-26, reg-32).
Date term_before(const WorkCalendar& cal, const Term& t, Date d);

} // namespace reception
