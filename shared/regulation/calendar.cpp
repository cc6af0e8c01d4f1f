#include "regulation/calendar.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace reception {
using nlohmann::json;

// Loading: a calendar file is checked whole before it is used, because a wrong day off moves
// every deadline that crosses it.
static std::map<Date, std::string> parse_days(const json& j, const char* key, int year,
                                              bool weekend, const std::string& src) {
    std::map<Date, std::string> out;
    if (!j.contains(key)) return out;
    if (!j[key].is_array())
        throw StoreError("calendar_invalid", src + ": \"" + std::string(key) + "\" must be a list");
    for (const auto& e : j[key]) {
        if (!e.is_object() || !e.contains("date") || !e["date"].is_string())
            throw StoreError("calendar_invalid",
                             src + ": every entry of " + key + " needs a \"date\"");
        std::string text = e["date"].get<std::string>();
        auto d = parse_date(text);
        if (!d)
            throw StoreError("calendar_invalid", src + ": " + text + " is not a date YYYY-MM-DD");
        if (int(d->year()) != year)
            throw StoreError("calendar_invalid",
                             src + ": " + text + " is not in " + std::to_string(year));
        if (is_weekend(*d) != weekend)
            throw StoreError("calendar_invalid",
                             src + ": " + text +
                                 (weekend ? " is listed as a worked weekend but is a weekday"
                                          : " is listed as a day off but is a weekend day"));
        out[*d] = e.value("why", "");
    }
    return out;
}

static CalendarYear parse_year(const std::string& text, const std::string& src) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw StoreError("calendar_invalid", src + ": not valid JSON");
    if (!j.contains("year") || !j["year"].is_number_integer())
        throw StoreError("calendar_invalid", src + ": \"year\" must be a number");
    CalendarYear y;
    y.year = j["year"].get<int>();
    y.source = j.value("source", "");
    y.days_off = parse_days(j, "days_off", y.year, false, src);
    y.working_weekends = parse_days(j, "working_weekends", y.year, true, src);
    return y;
}

WorkCalendar WorkCalendar::from_json_text(const std::string& text) {
    WorkCalendar c;
    c.add_year(parse_year(text, "calendar"));
    return c;
}

WorkCalendar WorkCalendar::load_dir(const std::filesystem::path& dir) {
    WorkCalendar c;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        if (e.path().extension() != ".json") continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        CalendarYear y = parse_year(ss.str(), e.path().string());
        if (e.path().stem() != std::to_string(y.year))
            throw StoreError("calendar_invalid",
                             e.path().string() + ": holds year " + std::to_string(y.year));
        c.add_year(std::move(y));
    }
    if (ec) throw StoreError("calendar_invalid", dir.string() + ": " + ec.message());
    if (c.years_.empty())
        throw StoreError("calendar_invalid", dir.string() + ": no calendar files (YEAR.json)");
    return c;
}

void WorkCalendar::add_year(CalendarYear y) {
    years_[y.year] = std::move(y);
}

bool WorkCalendar::covers(int year) const {
    return years_.count(year) != 0;
}

std::vector<int> WorkCalendar::years() const {
    std::vector<int> out;
    for (const auto& [y, _] : years_) out.push_back(y);
    return out;
}

// Days
bool WorkCalendar::is_working_day(Date d) const {
    auto it = years_.find(int(d.year()));
    if (it == years_.end()) return !is_weekend(d);
    if (is_weekend(d)) return it->second.working_weekends.count(d) != 0;
    return it->second.days_off.count(d) == 0;
}

std::string WorkCalendar::why_off(Date d) const {
    if (is_working_day(d)) return "";
    auto it = years_.find(int(d.year()));
    if (it != years_.end()) {
        auto off = it->second.days_off.find(d);
        if (off != it->second.days_off.end()) return off->second.empty() ? "day off" : off->second;
    }
    return iso_weekday(d) == 6 ? "Saturday" : "Sunday";
}

Date WorkCalendar::next_working_day(Date d) const {
    // Kazakhstan never has more than 10 days off in a row; 60 guards against a broken file.
    for (int i = 1; i <= 60; ++i)
        if (is_working_day(add_days(d, i))) return add_days(d, i);
    throw StoreError("calendar_invalid", "no working day within 60 days after " + format_date(d));
}

Date WorkCalendar::working_day_on_or_after(Date d) const {
    return is_working_day(d) ? d : next_working_day(d);
}

Date WorkCalendar::add_working_days(Date d, int n) const {
    if (n < 0) throw std::invalid_argument("add_working_days: negative count");
    for (int i = 0; i < n; ++i) d = next_working_day(d);
    return d;
}

Date WorkCalendar::sub_working_days(Date d, int n) const {
    if (n < 0) throw std::invalid_argument("sub_working_days: negative count");
    for (int i = 0; i < n; ++i) {
        int back = 1;
        while (!is_working_day(add_days(d, -back)))
            if (++back > 60)
                throw StoreError("calendar_invalid",
                                 "no working day within 60 days before " + format_date(d));
        d = add_days(d, -back);
    }
    return d;
}

int WorkCalendar::working_days_between(Date a, Date b) const {
    int n = 0;
    for (Date d = add_days(a, 1); d <= b; d = add_days(d, 1)) n += is_working_day(d);
    return n;
}

std::vector<Date> WorkCalendar::non_working_days(int year) const {
    std::vector<Date> out;
    for (Date d = make_date(year, 1, 1); int(d.year()) == year; d = add_days(d, 1))
        if (!is_working_day(d)) out.push_back(d);
    return out;
}

} // namespace reception
