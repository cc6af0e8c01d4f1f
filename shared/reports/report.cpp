// The figures of the quarterly report (reg-40) and the media publication (reg-24), counted
// from the store. An application belongs to the period it was registered in (reg-25); its
// outcome and clocks are as they stand on the day the report is made, so a report made again
// later shows what happened since (a clock running then may be met now).
#include "reports/report.hpp"

#include "base/i18n.hpp"
#include "cases/deadlines.hpp"
#include "cases/surveys.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "schedule/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace reception {

using nlohmann::json;

// Outcome ------------------------------------------------------------------------------

// What came of an application: the kind of final answer (reg-35), or the final state, or
// "in_work" while it is open. Its label: report.outcome.* or app.state.*.
static std::string outcome_of(const Application& a, const std::vector<HistoryEvent>& events) {
    if (a.state == AppState::Answered) {
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            if (it->kind == "final_answer") return it->data.value("outcome", "resolved");
        return "resolved";
    }
    if (is_final(a.state)) return to_code(a.state);
    return "in_work";
}

static std::string outcome_label(const std::string& code, const Catalog& texts, Lang lang) {
    AppState s;
    if (from_code(code, &s)) return texts.text(lang, std::string("app.state.") + code);
    return texts.text(lang, "report.outcome." + code);
}

// The order outcomes are listed in: what was done for people first.
static int outcome_rank(const std::string& code) {
    static const char* const order[] = {"resolved", "consultation", "explained", "refused",
                                        "returned", "withdrawn",    "in_work"};
    for (int i = 0; i < int(std::size(order)); ++i)
        if (code == order[i]) return i;
    return int(std::size(order));
}

// Counting helpers ---------------------------------------------------------------------

static void count(std::vector<CountRow>& rows, const std::string& code) {
    for (auto& r : rows)
        if (r.code == code) {
            ++r.count;
            return;
        }
    rows.push_back({code, "", 1});
}

static void count_clock(std::vector<ClockFigures>& out, const Clock& c) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const ClockFigures& f) { return f.code == c.code; });
    if (it == out.end()) it = out.insert(out.end(), ClockFigures{c.item, c.code});
    switch (c.state) {
    case ClockState::Met:
        ++it->met;
        break;
    case ClockState::MetLate:
        ++it->met_late;
        break;
    case ClockState::Overdue:
        ++it->overdue;
        break;
    case ClockState::Running:
        ++it->running;
        break;
    }
}

// "reg-29" -> 29, for listing clocks in the regulation's order.
static int item_number(const std::string& item) {
    size_t dash = item.find('-');
    return dash == std::string::npos ? 0 : std::atoi(item.c_str() + dash + 1);
}

static std::string month_code(Date d) {
    return format_date(d).substr(0, 7); // "2026-01"
}

// The months of the period, each with a row even when nothing was registered in it.
static std::vector<CountRow> months_of(Date first, Date last, const Catalog& texts, Lang lang) {
    std::vector<CountRow> rows;
    Date m = make_date(int(first.year()), unsigned(first.month()), 1);
    for (; m <= last; m = add_months(m, 1))
        rows.push_back(
            {month_code(m), texts.text(lang, "month." + std::to_string(unsigned(m.month()))), 0});
    return rows;
}

// Labels -------------------------------------------------------------------------------

static void label_channels(std::vector<CountRow>& rows, const Catalog& texts, Lang lang) {
    for (auto& r : rows) r.label = texts.text(lang, "channel." + r.code);
}

static void label_officials(Store& store, std::vector<CountRow>& rows, const Catalog& texts,
                            Lang lang) {
    for (auto& r : rows) {
        auto o = r.code.empty() ? std::nullopt : find_official(store, r.code);
        r.label = o ? full_name(*o) : texts.text(lang, "report.no_official");
    }
    // Officials with most applications first, the same count in name order, so the table
    // reads steadily; "no official named" last, as a remainder.
    std::stable_sort(rows.begin(), rows.end(), [](const CountRow& a, const CountRow& b) {
        if (a.code.empty() != b.code.empty()) return b.code.empty();
        return a.count != b.count ? a.count > b.count : a.label < b.label;
    });
}

// The report ---------------------------------------------------------------------------

QuarterReport period_report(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                            const Catalog& texts, Lang lang, Date first, Date last, Date today) {
    QuarterReport r;
    r.first = first;
    r.last = last;
    r.title = dotted_date(first) + " – " + dotted_date(last); // quarter_report names it better
    r.by_month = months_of(first, last, texts, lang);
    // Every channel has a row: "none by e-gov this quarter" is a figure too.
    for (Channel c : {Channel::EgovPortal, Channel::EOtinish, Channel::Paper, Channel::OralInPerson,
                      Channel::Phone, Channel::Kiosk})
        r.by_channel.push_back({to_code(c), "", 0});

    for (const Application& a : applications_registered_between(store, first, last)) {
        std::vector<HistoryEvent> events = history(store, a.uuid);
        ++r.registered;
        if (a.from_personal_reception) ++r.from_personal_reception;
        count(r.by_channel, to_code(a.channel));
        count(r.by_official, a.official_uuid);
        count(r.by_outcome, outcome_of(a, events));
        count(r.by_month, month_code(a.registered_on));

        std::optional<Date> session_date;
        if (!a.session_uuid.empty())
            if (auto s = find_session(store, a.session_uuid)) session_date = s->date;
        for (const Clock& c : application_clocks(a, events, session_date, profile, cal, today))
            count_clock(r.clocks, c);
    }

    label_channels(r.by_channel, texts, lang);
    label_officials(store, r.by_official, texts, lang);
    std::stable_sort(r.by_outcome.begin(), r.by_outcome.end(),
                     [](const CountRow& a, const CountRow& b) {
                         return outcome_rank(a.code) < outcome_rank(b.code);
                     });
    for (auto& row : r.by_outcome) row.label = outcome_label(row.code, texts, lang);
    std::stable_sort(r.clocks.begin(), r.clocks.end(),
                     [](const ClockFigures& a, const ClockFigures& b) {
                         return item_number(a.item) < item_number(b.item);
                     });
    r.survey = survey_figures(store, first, last);
    // A desk left open counts as open up to now, never past the period or today.
    Instant until = std::min(now_utc(), local_instant(add_days(std::min(last, today), 1), 0));
    r.desks = desk_stats(store, "", first, last, until);
    r.queue = queue_figures(store, profile, first, last, today);
    return r;
}

QuarterReport quarter_report(Store& store, const RegulationProfile& profile,
                             const WorkCalendar& cal, const Catalog& texts, Lang lang, int year,
                             int quarter, Date today) {
    if (quarter < 1 || quarter > 4) throw InputError("quarter", "quarter_range");
    Date first = make_date(year, unsigned(quarter * 3 - 2), 1);
    Date last = add_days(add_months(first, 3), -1);
    QuarterReport r = period_report(store, profile, cal, texts, lang, first, last, today);
    r.title = texts.format(lang, "report.quarter",
                           {{"year", std::to_string(year)}, {"quarter", std::to_string(quarter)}});
    return r;
}

// CSV ----------------------------------------------------------------------------------

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
static std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

static void csv_line(std::string& out, std::initializer_list<std::string> fields) {
    bool first = true;
    for (const auto& f : fields) {
        if (!first) out += ',';
        out += csv_field(f);
        first = false;
    }
    out += "\r\n";
}

static void csv_rows(std::string& out, const char* section, const std::vector<CountRow>& rows) {
    for (const auto& r : rows) csv_line(out, {section, r.code, r.label, std::to_string(r.count)});
}

std::string report_csv(const QuarterReport& r) {
    std::string out = "\xEF\xBB\xBF"; // BOM: spreadsheet programs then read UTF-8
    csv_line(out, {"section", "code", "label", "count"});
    csv_line(out, {"period", format_date(r.first), format_date(r.last), ""});
    csv_line(out, {"total", "registered", r.title, std::to_string(r.registered)});
    csv_line(out, {"total", "from_personal_reception", "reg-36",
                   std::to_string(r.from_personal_reception)});
    csv_rows(out, "channel", r.by_channel);
    csv_rows(out, "official", r.by_official);
    csv_rows(out, "outcome", r.by_outcome);
    csv_rows(out, "month", r.by_month);
    for (const auto& c : r.clocks) {
        csv_line(out, {"deadline_met", c.code, c.item, std::to_string(c.met)});
        csv_line(out, {"deadline_met_late", c.code, c.item, std::to_string(c.met_late)});
        csv_line(out, {"deadline_overdue", c.code, c.item, std::to_string(c.overdue)});
        csv_line(out, {"deadline_running", c.code, c.item, std::to_string(c.running)});
    }
    csv_line(out, {"survey", "called", "reg-38", std::to_string(r.survey.called)});
    csv_line(out, {"survey", "answered", "reg-38", std::to_string(r.survey.answered)});
    csv_line(out, {"survey", "satisfied", "reg-38", std::to_string(r.survey.satisfied)});
    char avg[16];
    std::snprintf(avg, sizeof avg, "%.2f", r.survey.average);
    csv_line(out, {"survey", "average", "reg-38", avg});
    for (const auto& q : r.queue) {
        csv_line(out, {"queue_tickets", q.service, q.item, std::to_string(q.tickets)});
        csv_line(out, {"queue_received", q.service, q.item, std::to_string(q.received)});
        csv_line(out, {"queue_no_show", q.service, q.item, std::to_string(q.no_show)});
        csv_line(out, {"queue_transferred", q.service, q.item, std::to_string(q.transferred)});
        csv_line(out, {"queue_not_received", q.service, q.item, std::to_string(q.not_received)});
    }
    for (const auto& d : r.desks) {
        auto minutes = [](double v) { return std::to_string(int(v + 0.5)); };
        std::string desk = d.room + "/" + d.desk;
        csv_line(out, {"desk_served", desk, "", std::to_string(d.served)});
        csv_line(out, {"desk_wait_minutes", desk, "average", minutes(d.avg_wait_min)});
        csv_line(out, {"desk_service_minutes", desk, "average", minutes(d.avg_service_min)});
        csv_line(out, {"desk_idle_minutes", desk, "total", minutes(d.idle_min)});
    }
    return out;
}

// Media export (reg-24) ----------------------------------------------------------------

// Codes and counts only. Officials are public persons, but the per-official table is left out
// all the same: with few applications a count by official and month can point at a person.
std::string media_export_json(const QuarterReport& r) {
    auto counts = [](const std::vector<CountRow>& rows) {
        json j = json::object();
        for (const auto& row : rows) j[row.code] = row.count;
        return j;
    };
    json deadlines = json::object();
    for (const auto& c : r.clocks)
        deadlines[c.code] = {{"item", c.item},
                             {"met", c.met},
                             {"met_late", c.met_late},
                             {"overdue", c.overdue},
                             {"running", c.running}};
    json doc = {{"period", {{"first", format_date(r.first)}, {"last", format_date(r.last)}}},
                {"registered", r.registered},
                {"from_personal_reception", r.from_personal_reception},
                {"by_channel", counts(r.by_channel)},
                {"by_outcome", counts(r.by_outcome)},
                {"by_month", counts(r.by_month)},
                {"deadlines", deadlines},
                {"survey",
                 {{"answered", r.survey.answered},
                  {"satisfied", r.survey.satisfied},
                  {"average", std::round(r.survey.average * 10) / 10}}}};
    return doc.dump(1) + "\n";
}

} // namespace reception
