// The regulation profile: the numbers and lists of one resolution, loaded from
// assets/regulations/*.json. Code asks the profile for a term by name; a new resolution is a new
// file, not a code change (docs/regulation.md, "a regulation is versioned data").
#pragma once

#include "base/date.hpp"
#include "base/errors.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace reception {

enum class TermUnit { WorkingDays, CalendarDays, Months };

// Where a term of calendar days or months ends when its last day is not a working day: a legal
// setting of the profile (docs/terms.md). The regulation's terms are maxima ("not exceeding 30
// calendar days", "not exceeding two months", reg-30), so by default the term ends on the last
// working day on or before the limit; a profile may choose the next working day instead (the
// general rule for terms, Civil Code art. 176 as the team reads it), which can run past the limit.
enum class TermEnd { OnOrBefore, NextWorkingDay };

struct Term {
    int count = 0;
    TermUnit unit = TermUnit::WorkingDays;
    std::string item;                  // "reg-29"
    TermEnd end = TermEnd::OnOrBefore; // the profile's setting; working-day terms ignore it
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
    // When repealed by a resolution that comes into force some days after its first official
    // publication: that resolution, and whether its publication date is known. Without it the
    // end is the earliest the successor can have come into force (published the day it was
    // adopted), so the profile applies at least that long and the end is marked unconfirmed.
    std::string repealed_by;
    bool end_confirmed = true;
    TermEnd term_end = TermEnd::OnOrBefore; // applied to every term (Term::end)
    std::string term_end_citation;          // why: the act and item the setting rests on
    std::map<std::string, Term> terms;
    int min_sessions_per_month = 1; // reg-7
    // reg-28: the time each person of a session is given, so each is told their own time. The
    // regulation gives no figure; the room sets it in the profile ("reception_slot").
    int slot_minutes = 20;
    WorkingHours hours;
    int essence_min_chars = 10, essence_max_chars = 4000; // reg-5
    // reg-38: the surveys are selective: the month's call list is this share of those who may
    // be called (percent), and at least this many of them (all when fewer).
    struct SurveySample {
        int percent = 30, at_least = 10;
    } survey_sample;
    // reg-12: how the desks keep the order of arrival when a visitor does not come. A called
    // visitor is called again up to `recalls` times, each at least `recall_gap_seconds` after
    // the last call, and only then marked a no-show; a no-show who comes back within
    // `reactivate_minutes` waits again in their old place. The regulation gives no figures;
    // the room sets them in the profile ("queue_policy"), these are the defaults without it.
    // The queue's day starts at `day_starts_minute` (local, "day_starts_at": "HH:MM"): ticket
    // numbers start again from 001 then, per service, and what was issued before belongs to
    // the day before (ticket_queue.hpp, queue_day).
    struct QueuePolicy {
        int recalls = 2, recall_gap_seconds = 60, reactivate_minutes = 30;
        int day_starts_minute = 0;
    } queue_policy;
    std::vector<NamedCode> out_of_turn;     // reg-12
    std::vector<NamedCode> refusal_grounds; // reg-15
    std::vector<Role> roles;                // reg-2
    std::vector<std::string> channels;      // reg-4
    std::vector<std::string> oral_channels; // reg-25: the separate protocol
    std::vector<Service> services;
    // The profiles loaded with this one (load_terminal_data): an application is counted by the
    // profile it was registered under, not by the one in force when the terminal started.
    std::shared_ptr<const std::vector<RegulationProfile>> loaded_with;

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
    // The profile with this id among loaded_with (Application::profile_id); this one when the
    // id is empty (an application from before the id was recorded) or not loaded.
    const RegulationProfile& recorded(std::string_view id) const;
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

// The day a resolution that comes into force "after ten calendar days have passed since the day
// of its first official publication" is in force: those days are counted from the day after the
// publication, and the act applies from the day after the last of them (published 27 March:
// 28 March .. 6 April pass, in force from 7 April).
Date in_force_after_publication(Date published, int days);

// Applying a term to a date needs the working-day calendar.
class WorkCalendar;
// The due date of a term counted forward from d (working days after d, calendar days, months).
Date term_after(const WorkCalendar& cal, const Term& t, Date d);
// The last date a thing may happen to be "t before d" (reg-16, reg-26, reg-32).
Date term_before(const WorkCalendar& cal, const Term& t, Date d);

} // namespace reception
