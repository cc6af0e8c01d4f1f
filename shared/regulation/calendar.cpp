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

static Date parse_entry_date(const json& e, const char* key, int year, const std::string& where) {
    if (!e.is_object() || !e.contains(key) || !e[key].is_string())
        throw StoreError("calendar_invalid", where + " needs a \"" + key + "\"");
    std::string text = e[key].get<std::string>();
    auto d = parse_date(text);
    if (!d) throw StoreError("calendar_invalid", where + ": " + text + " is not a date YYYY-MM-DD");
    if (int(d->year()) != year)
        throw StoreError("calendar_invalid",
                         where + ": " + text + " is not in " + std::to_string(year));
    return *d;
}

// A transfer moves a day off from a weekend day to a weekday: both days are listed, with the act
// that made the transfer, because a transfer found only by its day off (2025 once lost its
// worked Sunday 5 January that way) moves every term across it by a day.
static void parse_transfers(const json& j, CalendarYear& y, const std::string& src) {
    if (!j.contains("transfers")) return;
    if (!j["transfers"].is_array())
        throw StoreError("calendar_invalid", src + ": \"transfers\" must be a list");
    for (const auto& e : j["transfers"]) {
        Transfer t;
        t.day_off = parse_entry_date(e, "day_off", y.year, src + ": a transfer");
        t.worked = parse_entry_date(e, "worked", y.year, src + ": a transfer");
        if (is_weekend(t.day_off) || !is_weekend(t.worked))
            throw StoreError("calendar_invalid", src + ": the transfer to " +
                                                     format_date(t.day_off) +
                                                     " must make a weekday off and a weekend "
                                                     "day worked");
        t.source = e.value("source", "");
        if (t.source.empty())
            throw StoreError("calendar_invalid", src + ": the transfer to " +
                                                     format_date(t.day_off) +
                                                     " needs its \"source\" (the order or decree)");
        std::string why = e.value("why", "");
        y.days_off[t.day_off] = why.empty() ? "day off by transfer" : why;
        y.working_weekends[t.worked] = why.empty() ? "worked by transfer" : why;
        y.transfers.push_back(std::move(t));
    }
}

static void parse_unconfirmed(const json& j, CalendarYear& y, const std::string& src) {
    if (!j.contains("unconfirmed")) return;
    if (!j["unconfirmed"].is_array())
        throw StoreError("calendar_invalid", src + ": \"unconfirmed\" must be a list");
    for (const auto& e : j["unconfirmed"]) {
        std::string what = e.is_object() ? e.value("what", "") : "";
        // The apps name each one to staff in their language, so only these codes have texts.
        if (what != "kurban_ait" && what != "transfers" && what != "holidays")
            throw StoreError("calendar_invalid", src + ": unconfirmed \"" + what +
                                                     "\" is not kurban_ait, transfers or holidays");
        y.unconfirmed.push_back({what, e.value("note", "")});
    }
}

// The file says which time zone its days are in; the code counts days at one fixed offset
// (base/date.hpp), so a file written for another zone is refused rather than read a day off.
static void check_timezone(const json& j, const std::string& src) {
    std::string expected = "UTC+" + std::to_string(kLocalUtcOffset.count());
    if (!j.contains("timezone")) return;
    if (!j["timezone"].is_string() || j["timezone"].get<std::string>() != expected)
        throw StoreError("calendar_invalid", src + ": \"timezone\" must be \"" + expected +
                                                 "\", the offset the program counts days in");
}

static CalendarYear parse_year(const std::string& text, const std::string& src) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw StoreError("calendar_invalid", src + ": not valid JSON");
    if (!j.contains("year") || !j["year"].is_number_integer())
        throw StoreError("calendar_invalid", src + ": \"year\" must be a number");
    check_timezone(j, src);
    CalendarYear y;
    y.year = j["year"].get<int>();
    y.source = j.value("source", "");
    y.days_off = parse_days(j, "days_off", y.year, false, src);
    y.working_weekends = parse_days(j, "working_weekends", y.year, true, src);
    parse_transfers(j, y, src);
    parse_unconfirmed(j, y, src);
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

bool WorkCalendar::covers_days(Date a, Date b) const {
    for (int y = int(a.year()); y <= int(b.year()); ++y)
        if (!covers(y)) return false;
    return true;
}

const CalendarYear* WorkCalendar::year_data(int year) const {
    auto it = years_.find(year);
    return it == years_.end() ? nullptr : &it->second;
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

Date WorkCalendar::working_day_on_or_before(Date d) const {
    for (int back = 0; back <= 60; ++back)
        if (is_working_day(add_days(d, -back))) return add_days(d, -back);
    throw StoreError("calendar_invalid", "no working day within 60 days before " + format_date(d));
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
