#include "base/date.hpp"

#include <cstdio>
#include <cstdlib>

namespace reception {
using namespace std::chrono;

// Parsing and formatting
static bool parse_fixed_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

std::optional<Date> parse_date(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    int y, m, d;
    if (!parse_fixed_int(iso.substr(0, 4), y) || !parse_fixed_int(iso.substr(5, 2), m) ||
        !parse_fixed_int(iso.substr(8, 2), d))
        return std::nullopt;
    Date date{year{y}, month{unsigned(m)}, day{unsigned(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string format_date(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                  unsigned(d.day()));
    return buf;
}

std::optional<Instant> parse_instant(std::string_view iso) {
    // YYYY-MM-DDTHH:MM:SSZ
    if (iso.size() != 20 || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' || iso[19] != 'Z')
        return std::nullopt;
    auto date = parse_date(iso.substr(0, 10));
    int h, mi, s;
    if (!date || !parse_fixed_int(iso.substr(11, 2), h) ||
        !parse_fixed_int(iso.substr(14, 2), mi) || !parse_fixed_int(iso.substr(17, 2), s) ||
        h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    return Instant{sys_days{*date}} + hours{h} + minutes{mi} + seconds{s};
}

std::string format_instant(Instant t) {
    auto day_start = floor<days>(t);
    Date d{day_start};
    hh_mm_ss hms{t - day_start};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_date(d).c_str(),
                  int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()));
    return buf;
}

// Arithmetic
Date make_date(int y, unsigned m, unsigned d) {
    return Date{year{y}, month{m}, day{d}};
}

Date add_days(Date d, int n) {
    return Date{sys_days{d} + days{n}};
}

Date add_months(Date d, int n) {
    year_month ym = year_month{d.year(), d.month()} + months{n};
    year_month_day_last last{ym.year(), month_day_last{ym.month()}};
    day dd = d.day() > last.day() ? last.day() : d.day();
    return Date{ym.year(), ym.month(), dd};
}

int days_between(Date a, Date b) {
    return int((sys_days{b} - sys_days{a}).count());
}

unsigned iso_weekday(Date d) {
    return weekday{sys_days{d}}.iso_encoding();
}

bool is_weekend(Date d) {
    return iso_weekday(d) >= 6;
}

// Local time
Date local_date(Instant t) {
    return Date{floor<days>(t + kLocalUtcOffset)};
}

int local_minute_of_day(Instant t) {
    auto local = t + kLocalUtcOffset;
    return int(duration_cast<minutes>(local - floor<days>(local)).count());
}

Instant local_instant(Date d, int minute_of_day) {
    return Instant{sys_days{d}} + minutes{minute_of_day} - kLocalUtcOffset;
}

// RECEPTION_CLOCK_START=2026-03-16T05:00:00Z starts this process's clock at that instant, and
// it runs on at the real pace from there: the real-window tests need a Monday morning whatever
// the hour CI runs at, and a training kiosk can show opening hours at night. Read once.
static system_clock::duration clock_shift() {
    const char* start = std::getenv("RECEPTION_CLOCK_START");
    if (!start || !*start) return system_clock::duration::zero();
    std::optional<Instant> t = parse_instant(start);
    if (!t) return system_clock::duration::zero();
    return *t - system_clock::now();
}

Instant now_utc() {
    static const system_clock::duration shift = clock_shift();
    return floor<seconds>(system_clock::now() + shift);
}

std::string dotted_date(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", unsigned(d.day()), unsigned(d.month()),
                  int(d.year()));
    return buf;
}

std::string hhmm(int minute_of_day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minute_of_day / 60) % 100, minute_of_day % 60);
    return buf;
}

std::string local_time_text(Instant t) {
    return dotted_date(local_date(t)) + " " + hhmm(local_minute_of_day(t));
}

} // namespace reception
