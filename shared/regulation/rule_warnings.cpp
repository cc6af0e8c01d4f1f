#include "regulation/rule_warnings.hpp"

#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"

#include <algorithm>

namespace reception {

// The last day a clock started today can end on: the longest of the profile's terms.
static Date horizon(const RegulationProfile& profile, const WorkCalendar& cal, Date today) {
    Date last = today;
    for (const auto& [name, t] : profile.terms) last = std::max(last, term_after(cal, t, today));
    return last;
}

std::vector<RuleWarning> rule_warnings(const RegulationProfile& profile, const WorkCalendar& cal,
                                       Date today) {
    std::vector<RuleWarning> out;
    if (!profile.in_effect(today) && profile.effective_to) {
        RuleWarning w;
        w.code = "profile_expired";
        w.profile = profile.id;
        w.ended = *profile.effective_to;
        w.end_confirmed = profile.end_confirmed;
        out.push_back(w);
    }
    Date last = horizon(profile, cal, today);
    for (int y = int(today.year()); y <= int(last.year()); ++y) {
        RuleWarning w;
        w.year = y;
        const CalendarYear* data = cal.year_data(y);
        if (!data) {
            w.code = "calendar_missing";
            out.push_back(w);
            continue;
        }
        for (const auto& u : data->unconfirmed) w.items.push_back(u.what);
        if (w.items.empty()) continue;
        w.code = "calendar_unconfirmed";
        out.push_back(w);
    }
    return out;
}

std::string warning_text(const RuleWarning& w, const Catalog& texts, Lang lang) {
    if (w.code == "profile_expired")
        return texts.format(lang,
                            w.end_confirmed ? "warning.profile_expired"
                                            : "warning.profile_expired_unconfirmed",
                            {{"profile", w.profile}, {"ended", dotted_date(w.ended)}});
    if (w.code == "calendar_unconfirmed") {
        std::string items;
        for (const auto& i : w.items)
            items += (items.empty() ? "" : ", ") + texts.text(lang, "calendar.unconfirmed." + i);
        return texts.format(lang, "warning.calendar_unconfirmed",
                            {{"year", std::to_string(w.year)}, {"items", items}});
    }
    return texts.format(lang, "warning." + w.code, {{"year", std::to_string(w.year)}});
}

} // namespace reception
