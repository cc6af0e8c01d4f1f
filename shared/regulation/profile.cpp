#include "regulation/profile.hpp"

#include "regulation/calendar.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace reception {
using nlohmann::json;

// Lookups
const std::string& NamedCode::name(std::string_view lang) const {
    if (lang == "kk" && !kk.empty()) return kk;
    if (lang == "ru" && !ru.empty()) return ru;
    return en.empty() ? code : en;
}

const std::vector<std::string>& required_terms() {
    static const std::vector<std::string> names{"response_date",
                                                "extension_letter",
                                                "extension_decision",
                                                "extension_notice",
                                                "draft_refusal_before",
                                                "objection",
                                                "other_body_notice",
                                                "other_body_refusal_report",
                                                "official_cancellation_before",
                                                "note_before_reception",
                                                "correction"};
    return names;
}

const Term& RegulationProfile::term(const std::string& name) const {
    auto it = terms.find(name);
    if (it == terms.end())
        throw StoreError("profile_invalid", "profile " + id + " has no term \"" + name + "\"");
    return it->second;
}

bool RegulationProfile::in_effect(Date d) const {
    return d >= effective_from && (!effective_to || d <= *effective_to);
}

template <class T> static const T* find_code(const std::vector<T>& list, std::string_view code) {
    for (const auto& x : list)
        if (x.code == code) return &x;
    return nullptr;
}

const NamedCode* RegulationProfile::category(std::string_view c) const {
    return find_code(out_of_turn, c);
}
const NamedCode* RegulationProfile::refusal_ground(std::string_view c) const {
    return find_code(refusal_grounds, c);
}
const Role* RegulationProfile::role(std::string_view c) const {
    return find_code(roles, c);
}
const Service* RegulationProfile::service(std::string_view c) const {
    return find_code(services, c);
}
bool RegulationProfile::is_oral_channel(std::string_view c) const {
    return std::find(oral_channels.begin(), oral_channels.end(), c) != oral_channels.end();
}

const RegulationProfile& RegulationProfile::recorded(std::string_view wanted) const {
    if (wanted.empty() || wanted == id || !loaded_with) return *this;
    for (const auto& p : *loaded_with)
        if (p.id == wanted) return p;
    return *this;
}

// Parsing: every field is checked here so that a bad profile fails at start-up with the
// file and field named, not later in the middle of a clerk's work.
namespace {
struct Parser {
    std::string source;

    [[noreturn]] void fail(const std::string& what) const {
        throw StoreError("profile_invalid", source + ": " + what);
    }
    const json& need(const json& j, const char* key, const std::string& where) const {
        if (!j.is_object() || !j.contains(key)) fail(where + ": missing \"" + key + "\"");
        return j.at(key);
    }
    std::string str(const json& j, const char* key, const std::string& where) const {
        const json& v = need(j, key, where);
        if (!v.is_string()) fail(where + "." + key + ": must be a string");
        return v.get<std::string>();
    }
    int count(const json& j, const char* key, const std::string& where) const {
        const json& v = need(j, key, where);
        if (!v.is_number_integer() || v.get<int>() < 0)
            fail(where + "." + key + ": must be a whole number >= 0");
        return v.get<int>();
    }
    Date date(const json& j, const char* key, const std::string& where) const {
        auto d = parse_date(str(j, key, where));
        if (!d) fail(where + "." + key + ": not a date YYYY-MM-DD");
        return *d;
    }
    int minutes(const json& j, const char* key, const std::string& where) const {
        std::string s = str(j, key, where);
        int h = 0, m = 0;
        if (s.size() != 5 || s[2] != ':' || std::sscanf(s.c_str(), "%d:%d", &h, &m) != 2 ||
            h > 23 || m > 59)
            fail(where + "." + key + ": not a time HH:MM");
        return h * 60 + m;
    }
    void named(const json& j, const std::string& where, NamedCode& out) const {
        out.code = str(j, "code", where);
        out.kk = str(j, "kk", where + " " + out.code);
        out.ru = str(j, "ru", where + " " + out.code);
        out.en = str(j, "en", where + " " + out.code);
        if (j.contains("item")) out.item = str(j, "item", where);
    }
    template <class T, class F>
    std::vector<T> list(const json& j, const char* key, F&& each) const {
        const json& arr = need(j, key, "profile");
        if (!arr.is_array() || arr.empty()) fail(std::string(key) + ": must be a non-empty list");
        std::vector<T> out;
        for (size_t i = 0; i < arr.size(); ++i) {
            T x;
            each(arr[i], std::string(key) + "[" + std::to_string(i) + "]", x);
            if (find_code(out, x.code)) fail(std::string(key) + ": code " + x.code + " twice");
            out.push_back(std::move(x));
        }
        return out;
    }
    std::vector<std::string> strings(const json& j, const char* key) const {
        const json& arr = need(j, key, "profile");
        if (!arr.is_array()) fail(std::string(key) + ": must be a list");
        std::vector<std::string> out;
        for (const auto& v : arr) {
            if (!v.is_string()) fail(std::string(key) + ": must hold strings");
            out.push_back(v.get<std::string>());
        }
        return out;
    }
    Term term(const json& j, const std::string& where) const {
        Term t;
        t.count = count(j, "count", where);
        t.item = str(j, "item", where);
        std::string unit = str(j, "unit", where);
        if (unit == "working_days")
            t.unit = TermUnit::WorkingDays;
        else if (unit == "calendar_days")
            t.unit = TermUnit::CalendarDays;
        else if (unit == "months")
            t.unit = TermUnit::Months;
        else
            fail(where + ".unit: \"" + unit + "\" is not working_days, calendar_days or months");
        return t;
    }
    // "repealed_by": the repealing resolution, its adoption and (when known) first publication,
    // and how many calendar days after the publication it comes into force.
    void repeal(const json& j, RegulationProfile& r) const {
        r.repealed_by = str(j, "resolution", "repealed_by");
        Date adopted = date(j, "adopted", "repealed_by");
        int days = count(j, "in_force_days_after_publication", "repealed_by");
        bool published = j.contains("first_published") && !j["first_published"].is_null();
        Date from = published ? date(j, "first_published", "repealed_by") : adopted;
        if (from < adopted) fail("repealed_by.first_published: before its adoption");
        r.effective_to = add_days(in_force_after_publication(from, days), -1);
        r.end_confirmed = published;
    }
    void term_end(const json& j, RegulationProfile& r) const {
        std::string rule = str(j, "rule", "term_end_on_day_off");
        if (rule == "last_working_day_on_or_before")
            r.term_end = TermEnd::OnOrBefore;
        else if (rule == "next_working_day")
            r.term_end = TermEnd::NextWorkingDay;
        else
            fail("term_end_on_day_off.rule: \"" + rule +
                 "\" is not last_working_day_on_or_before or next_working_day");
        r.term_end_citation = str(j, "citation", "term_end_on_day_off");
    }
};
} // namespace

RegulationProfile parse_profile(const std::string& text, const std::string& source) {
    Parser p{source};
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        p.fail(std::string("not valid JSON: ") + e.what());
    }
    RegulationProfile r;
    r.id = p.str(j, "id", "profile");
    const json& title = p.need(j, "title", "profile");
    r.title_kk = p.str(title, "kk", "title");
    r.title_ru = p.str(title, "ru", "title");
    r.title_en = p.str(title, "en", "title");
    r.resolution = p.str(j, "resolution", "profile");
    r.effective_from = p.date(j, "effective_from", "profile");
    if (j.contains("effective_to") && !j["effective_to"].is_null())
        r.effective_to = p.date(j, "effective_to", "profile");
    if (j.contains("repealed_by")) {
        if (r.effective_to) p.fail("give effective_to or repealed_by, not both");
        p.repeal(j["repealed_by"], r);
    }
    if (r.effective_to && *r.effective_to < r.effective_from)
        p.fail("effective_to is before effective_from");
    if (j.contains("term_end_on_day_off")) p.term_end(j["term_end_on_day_off"], r);

    const json& terms = p.need(j, "terms", "profile");
    if (!terms.is_object()) p.fail("terms: must be an object");
    for (const auto& [name, t] : terms.items()) {
        r.terms[name] = p.term(t, "terms." + name);
        r.terms[name].end = r.term_end;
    }
    for (const auto& name : required_terms())
        if (!r.terms.count(name)) p.fail("terms: missing \"" + name + "\"");

    r.min_sessions_per_month =
        p.count(p.need(j, "min_sessions_per_month", "profile"), "count", "min_sessions_per_month");
    if (j.contains("reception_slot")) {
        r.slot_minutes = p.count(j["reception_slot"], "minutes", "reception_slot");
        if (r.slot_minutes < 5 || r.slot_minutes > 240)
            p.fail("reception_slot.minutes: between 5 and 240");
    }
    const json& h = p.need(j, "working_hours", "profile");
    r.hours = {p.minutes(h, "start", "working_hours"), p.minutes(h, "end", "working_hours"),
               p.minutes(h, "lunch_start", "working_hours"),
               p.minutes(h, "lunch_end", "working_hours")};
    if (!(r.hours.start < r.hours.lunch_start && r.hours.lunch_start <= r.hours.lunch_end &&
          r.hours.lunch_end < r.hours.end))
        p.fail("working_hours: must be start < lunch_start <= lunch_end < end");
    const json& in = p.need(j, "input", "profile");
    r.essence_min_chars = p.count(in, "essence_min_chars", "input");
    r.essence_max_chars = p.count(in, "essence_max_chars", "input");
    if (r.essence_min_chars < 1 || r.essence_max_chars < r.essence_min_chars)
        p.fail("input: need 1 <= essence_min_chars <= essence_max_chars");

    if (j.contains("survey_sample")) { // reg-38; without it the defaults of profile.hpp
        const json& ss = j["survey_sample"];
        r.survey_sample.percent = p.count(ss, "percent", "survey_sample");
        r.survey_sample.at_least = p.count(ss, "at_least", "survey_sample");
        if (r.survey_sample.percent < 1 || r.survey_sample.percent > 100)
            p.fail("survey_sample.percent: must be 1..100");
    }

    if (j.contains("queue_policy")) { // reg-12; without it the defaults of profile.hpp
        const json& q = j["queue_policy"];
        r.queue_policy.recalls = p.count(q, "recalls", "queue_policy");
        r.queue_policy.recall_gap_seconds = p.count(q, "recall_gap_seconds", "queue_policy");
        r.queue_policy.reactivate_minutes = p.count(q, "reactivate_minutes", "queue_policy");
        if (r.queue_policy.recalls > 10) p.fail("queue_policy.recalls: at most 10");
        if (r.queue_policy.recall_gap_seconds > 3600)
            p.fail("queue_policy.recall_gap_seconds: at most 3600");
        if (r.queue_policy.reactivate_minutes > 24 * 60)
            p.fail("queue_policy.reactivate_minutes: at most a day (1440)");
        // Before noon: a day that started in the afternoon would split one day's receptions.
        if (q.contains("day_starts_at")) {
            r.queue_policy.day_starts_minute = p.minutes(q, "day_starts_at", "queue_policy");
            if (r.queue_policy.day_starts_minute >= 12 * 60)
                p.fail("queue_policy.day_starts_at: before 12:00");
        }
    }

    r.out_of_turn = p.list<NamedCode>(j, "out_of_turn_categories",
                                      [&](const json& e, const std::string& w, NamedCode& x) {
                                          p.named(e, w, x);
                                          if (x.item.empty()) x.item = "reg-12";
                                      });
    r.refusal_grounds = p.list<NamedCode>(
        j, "refusal_grounds",
        [&](const json& e, const std::string& w, NamedCode& x) { p.named(e, w, x); });
    r.roles = p.list<Role>(j, "roles", [&](const json& e, const std::string& w, Role& x) {
        p.named(e, w, x);
        x.rank = p.count(e, "rank", w);
        x.may_receive_by_video = e.value("video", false);
        x.may_receive_ad_hoc = e.value("ad_hoc", false);
    });
    r.services =
        p.list<Service>(j, "services", [&](const json& e, const std::string& w, Service& x) {
            p.named(e, w, x);
            x.prefix = p.str(e, "prefix", w);
            if (x.prefix.empty() || x.prefix.size() > 2) p.fail(w + ".prefix: one or two letters");
        });
    r.channels = p.strings(j, "channels");
    r.oral_channels = p.strings(j, "oral_channels");
    for (const auto& c : r.oral_channels)
        if (std::find(r.channels.begin(), r.channels.end(), c) == r.channels.end())
            p.fail("oral_channels: " + c + " is not in channels");
    return r;
}

RegulationProfile load_profile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw StoreError("profile_invalid", file.string() + ": cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_profile(ss.str(), file.string());
}

std::vector<RegulationProfile> load_profiles(const std::filesystem::path& dir) {
    std::vector<RegulationProfile> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") out.push_back(load_profile(e.path()));
    if (ec) throw StoreError("profile_invalid", dir.string() + ": " + ec.message());
    if (out.empty())
        throw StoreError("profile_invalid", dir.string() + ": no regulation profile (*.json)");
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.effective_from < b.effective_from; });
    return out;
}

const RegulationProfile& profile_for(const std::vector<RegulationProfile>& profiles, Date day,
                                     bool* expired) {
    if (profiles.empty()) throw StoreError("profile_invalid", "no regulation profile loaded");
    for (auto it = profiles.rbegin(); it != profiles.rend(); ++it)
        if (it->in_effect(day)) {
            if (expired) *expired = false;
            return *it;
        }
    if (expired) *expired = true;
    return profiles.back();
}

Date in_force_after_publication(Date published, int days) {
    return add_days(published, days + 1);
}

// Terms applied to dates
// A term in calendar days or months whose last day is not a working day ends as the profile
// says (TermEnd): by default on the last working day before it, so that a term "not exceeding
// 30 days" never exceeds them (30 days from Wednesday 2 December 2026 is New Year's Day: the
// term ends on Thursday 31 December, not on Tuesday 5 January 2027).
static Date end_on_working_day(const WorkCalendar& cal, const Term& t, Date limit) {
    return t.end == TermEnd::OnOrBefore ? cal.working_day_on_or_before(limit)
                                        : cal.working_day_on_or_after(limit);
}

Date term_after(const WorkCalendar& cal, const Term& t, Date d) {
    switch (t.unit) {
    case TermUnit::WorkingDays:
        return cal.add_working_days(d, t.count);
    case TermUnit::CalendarDays:
        return end_on_working_day(cal, t, add_days(d, t.count));
    case TermUnit::Months:
        return end_on_working_day(cal, t, add_months(d, t.count));
    }
    return d;
}

Date term_before(const WorkCalendar& cal, const Term& t, Date d) {
    switch (t.unit) {
    case TermUnit::WorkingDays:
        return cal.sub_working_days(d, t.count);
    case TermUnit::CalendarDays:
        return add_days(d, -t.count);
    case TermUnit::Months:
        return add_months(d, -t.count);
    }
    return d;
}

} // namespace reception
