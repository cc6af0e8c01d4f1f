// The hours the reception room receives visitors on one day: the profile's working hours and
// lunch break (reg-4) on a working day of the calendar, closed on weekends and holidays. A
// weekend worked by transfer is a working day with the usual hours. The board shows them; the
// kiosk's start screen can too.
#pragma once

#include "base/date.hpp"

#include <optional>
#include <string>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

struct OpeningHours {
    bool open = false; // false: closed the whole day (the other fields are zero)
    // Local (UTC+5) minutes after midnight, as hhmm() writes them: open from start to end,
    // closed from lunch_start to lunch_end (equal when there is no break).
    int start = 0, end = 0;
    int lunch_start = 0, lunch_end = 0;
    std::string why_closed; // when closed: "Saturday", "Sunday" or the calendar's reason
};

// The hours of one day.
OpeningHours hours_on(const RegulationProfile& profile, const WorkCalendar& cal, Date day);
// Whether visitors are received at this local minute of that day: open, and not at lunch.
bool open_at(const OpeningHours& h, int minute_of_day);
// Whether a same-day queue ticket may still be taken at this minute: the room receives today and
// has not closed yet. Before the opening and at lunch the ticket waits for the room; after the
// closing a ticket would never be called, so none is issued.
bool tickets_today(const OpeningHours& h, int minute_of_day);
// The first day after `day` the room receives (looking 60 days ahead); nullopt when none.
std::optional<Date> next_open_day(const RegulationProfile& profile, const WorkCalendar& cal,
                                  Date day);

} // namespace reception
