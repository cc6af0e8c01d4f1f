// Civil dates and instants. Dates are std::chrono::year_month_day; instants are UTC seconds.
// All of Kazakhstan is UTC+5 since 1 March 2024: days and hours are counted in that local time,
// instants are stored in UTC (docs/kazakhstan.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace reception {

using Date = std::chrono::year_month_day;
using Instant = std::chrono::sys_seconds;

// The local offset of every place this software runs in.
constexpr std::chrono::hours kLocalUtcOffset{5};

// "2026-03-20" -> date; nullopt for anything that is not a real calendar date.
std::optional<Date> parse_date(std::string_view iso);
std::string format_date(Date d);
// "2026-03-20T09:15:00Z" (UTC) <-> instant.
std::optional<Instant> parse_instant(std::string_view iso_utc);
std::string format_instant(Instant t);

// As people here write them: "20.03.2026" and "09:05" (a minute of the local day).
std::string dotted_date(Date d);
std::string hhmm(int minute_of_day);
// An instant as people here read it, in local time: "20.03.2026 09:05". Every screen, ticket and
// export writes a moment this one way.
std::string local_time_text(Instant t);

Date make_date(int y, unsigned m, unsigned d);
Date add_days(Date d, int days);
// Same day N months later; a day that month lacks becomes its last day (31 Jan + 1 = 28/29 Feb).
Date add_months(Date d, int months);
// Days from a to b (negative when b is before a).
int days_between(Date a, Date b);
// 1 = Monday ... 7 = Sunday.
unsigned iso_weekday(Date d);
bool is_weekend(Date d);

// Local (UTC+5) calendar date and minute of the day of an instant.
Date local_date(Instant t);
int local_minute_of_day(Instant t);
// The instant of a local date and time (minutes after local midnight).
Instant local_instant(Date d, int minute_of_day);
Instant now_utc();

} // namespace reception
