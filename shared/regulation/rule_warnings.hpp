// What staff must be told about the rules the terminal counts with: the regulation profile is
// no longer in force, a year a term can reach has no calendar file (its days would be guessed
// as Monday to Friday), or a year's calendar is not confirmed yet. reception-admin says the same
// on the command line; the console shows it above every screen.
#pragma once

#include "base/date.hpp"
#include "base/i18n.hpp"

#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

struct RuleWarning {
    // "profile_expired": the profile's end has passed (text "warning.profile_expired", or
    // "warning.profile_expired_unconfirmed" when that end is the earliest possible one);
    // "calendar_missing": no file for `year`; "calendar_unconfirmed": `items` of `year` are not
    // confirmed (codes of CalendarYear::unconfirmed).
    std::string code;
    std::string profile;
    Date ended{};
    bool end_confirmed = true;
    int year = 0;
    std::vector<std::string> items;
};

// Looks from today to the end of the longest term of the profile started today: a year in that
// span is one a clock started today can run into.
std::vector<RuleWarning> rule_warnings(const RegulationProfile& profile, const WorkCalendar& cal,
                                       Date today);

// The warning in words, in the language asked.
std::string warning_text(const RuleWarning& w, const Catalog& texts, Lang lang);

} // namespace reception
