#include "regulation/opening_hours.hpp"

#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"

namespace reception {

OpeningHours hours_on(const RegulationProfile& profile, const WorkCalendar& cal, Date day) {
    OpeningHours h;
    if (!cal.is_working_day(day)) {
        h.why_closed = cal.why_off(day);
        return h;
    }
    h.open = true;
    h.start = profile.hours.start;
    h.end = profile.hours.end;
    h.lunch_start = profile.hours.lunch_start;
    h.lunch_end = profile.hours.lunch_end;
    return h;
}

bool open_at(const OpeningHours& h, int minute_of_day) {
    if (!h.open || minute_of_day < h.start || minute_of_day >= h.end) return false;
    return minute_of_day < h.lunch_start || minute_of_day >= h.lunch_end;
}

bool tickets_today(const OpeningHours& h, int minute_of_day) {
    return h.open && minute_of_day < h.end;
}

std::optional<Date> next_open_day(const RegulationProfile& profile, const WorkCalendar& cal,
                                  Date day) {
    for (int i = 1; i <= 60; ++i) {
        Date d = add_days(day, i);
        if (hours_on(profile, cal, d).open) return d;
    }
    return std::nullopt;
}

} // namespace reception
