// The quarterly report to the Government Apparatus (reg-40) and the media publication (reg-24).
// Figures come from the store: applications registered in the period, by channel, official
// and outcome; every clock of the regulation met, met late or missed; survey results (reg-38).
// The media export carries no personal data: no names, IIN, BIN, phones, addresses or essences.
#pragma once

#include "base/date.hpp"
#include "cases/surveys.hpp"
#include "queue/desk_stats.hpp"
#include "queue/queue_figures.hpp"
#include "store/store.hpp"

#include <map>
#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;
class Catalog;
enum class Lang;

struct CountRow {
    std::string code;  // channel code, official uuid, state code, clock item
    std::string label; // what a reader sees (official's name, translated channel...)
    int count = 0;
};

struct ClockFigures {
    std::string item; // "reg-29"
    std::string code; // clock code: "clock." + code is its name
    int met = 0, met_late = 0, overdue = 0, running = 0;
};

struct QuarterReport {
    Date first{}, last{};            // the period, inclusive
    std::string title;               // "2026, 1st quarter" in the report's language
    int registered = 0;              // applications registered in the period
    int from_personal_reception = 0; // reg-36
    std::vector<CountRow> by_channel, by_official, by_outcome;
    std::vector<ClockFigures> clocks;
    std::vector<CountRow> by_month; // "2026-01": registered that month
    SurveyFigures survey;
    // The desks of the queue over the period: served, average wait and visit, idle minutes.
    std::vector<DeskStats> desks;
    // The queue's tickets per service, and reg-3: same-day visitors not received that day.
    std::vector<ServiceFigures> queue;
};

// The quarter (1..4) of `year`, in the language of `texts`/`lang`.
QuarterReport quarter_report(Store& store, const RegulationProfile& profile,
                             const WorkCalendar& cal, const Catalog& texts, Lang lang, int year,
                             int quarter, Date today);
// Any period, for tests and for a month's figures.
QuarterReport period_report(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                            const Catalog& texts, Lang lang, Date first, Date last, Date today);

// CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read Kazakh letters): one section per
// table, "section,code,label,count".
std::string report_csv(const QuarterReport& r);

// reg-24: what may be published: counts by channel and outcome, deadlines met, per month;
// no personal data at all. JSON.
std::string media_export_json(const QuarterReport& r);

// PDF (cairo): the report with its tables and bar charts. Returns false and says why in *error.
bool write_report_pdf(const QuarterReport& r, const Catalog& texts, Lang lang,
                      const std::string& file, std::string* error);

} // namespace reception
