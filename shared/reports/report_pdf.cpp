// The quarterly report to the Government Apparatus (reg-40) as an A4 PDF: the totals, tables
// by channel, outcome and official, the regulation's deadlines, the survey (reg-38), and bar
// charts by channel, outcome and month. Laid out on the pages of schedule_export.hpp.
#include "reports/report.hpp"

#include "base/i18n.hpp"
#include "documents/a4_pdf.hpp"

#include <charconv>
#include <cstdio>

namespace reception {

// Numbers as a reader writes them -------------------------------------------------------

static std::string percent(int part, int whole) {
    if (whole <= 0) return "—";
    return std::to_string((part * 100 + whole / 2) / whole) + " %";
}

// One decimal, with the decimal comma of Kazakh and Russian; to_chars ignores the C locale an
// app may have set.
static std::string one_decimal(double v, Lang lang) {
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
    std::string s(buf, res.ptr);
    if (lang != Lang::en)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}

// Blocks --------------------------------------------------------------------------------

static const std::string& label_of(const CountRow& r) {
    return r.label.empty() ? r.code : r.label;
}

// A table "name, count, share of the table's total", or a line saying there is nothing.
static PdfBlock count_table(const std::vector<CountRow>& rows, const std::string& first_header,
                            const Catalog& texts, Lang lang) {
    if (rows.empty()) return pdf_block(PdfBlockKind::Text, texts.text(lang, "report.none"));
    int total = 0;
    for (const auto& r : rows) total += r.count;
    PdfBlock b = pdf_block(PdfBlockKind::Table);
    b.columns = {{first_header, 0.64, false},
                 {texts.text(lang, "report.col.count"), 0.18, true},
                 {texts.text(lang, "report.col.share"), 0.18, true}};
    for (const auto& r : rows)
        b.rows.push_back({label_of(r), std::to_string(r.count), percent(r.count, total)});
    return b;
}

static PdfBlock bars(const std::vector<CountRow>& rows) {
    PdfBlock b = pdf_block(PdfBlockKind::Bars);
    for (const auto& r : rows) b.bars.push_back({label_of(r), r.count});
    return b;
}

// Two columns: what is counted, and its figure.
static PdfBlock figures_table(std::vector<std::vector<std::string>> rows, const Catalog& texts,
                              Lang lang) {
    PdfBlock b = pdf_block(PdfBlockKind::Table);
    b.columns = {{texts.text(lang, "report.col.figure"), 0.76, false},
                 {texts.text(lang, "report.col.value"), 0.24, true}};
    b.rows = std::move(rows);
    return b;
}

// Sections ------------------------------------------------------------------------------

static void add_totals(PdfDocument& doc, const QuarterReport& r, const Catalog& texts, Lang l) {
    doc.blocks.push_back(pdf_block(PdfBlockKind::Heading, texts.text(l, "report.totals")));
    doc.blocks.push_back(
        figures_table({{texts.text(l, "report.registered"), std::to_string(r.registered)},
                       {texts.text(l, "report.from_personal_reception"),
                        std::to_string(r.from_personal_reception)}},
                      texts, l));
}

// A table of counts with its bar chart under it (the chart only when there is something).
static void add_counts(PdfDocument& doc, const std::vector<CountRow>& rows, const char* heading,
                       const char* first_header, bool chart, const Catalog& texts, Lang l) {
    doc.blocks.push_back(pdf_block(PdfBlockKind::Heading, texts.text(l, heading)));
    doc.blocks.push_back(count_table(rows, texts.text(l, first_header), texts, l));
    if (chart && !rows.empty()) doc.blocks.push_back(bars(rows));
}

static void add_by_month(PdfDocument& doc, const QuarterReport& r, const Catalog& texts, Lang l) {
    doc.blocks.push_back(pdf_block(PdfBlockKind::Heading, texts.text(l, "report.by_month")));
    if (r.by_month.empty())
        doc.blocks.push_back(pdf_block(PdfBlockKind::Text, texts.text(l, "report.none")));
    else
        doc.blocks.push_back(bars(r.by_month));
}

static void add_deadlines(PdfDocument& doc, const QuarterReport& r, const Catalog& texts, Lang l) {
    doc.blocks.push_back(pdf_block(PdfBlockKind::Heading, texts.text(l, "report.deadlines")));
    if (r.clocks.empty()) {
        doc.blocks.push_back(pdf_block(PdfBlockKind::Text, texts.text(l, "report.none")));
        return;
    }
    PdfBlock b = pdf_block(PdfBlockKind::Table);
    b.columns = {{texts.text(l, "report.col.deadline"), 0.40, false},
                 {texts.text(l, "clock.state.met"), 0.15, true},
                 {texts.text(l, "clock.state.met_late"), 0.15, true},
                 {texts.text(l, "clock.state.overdue"), 0.15, true},
                 {texts.text(l, "clock.state.running"), 0.15, true}};
    for (const auto& c : r.clocks)
        b.rows.push_back({texts.text(l, "clock." + c.code), std::to_string(c.met),
                          std::to_string(c.met_late), std::to_string(c.overdue),
                          std::to_string(c.running)});
    doc.blocks.push_back(std::move(b));
}

static void add_survey(PdfDocument& doc, const QuarterReport& r, const Catalog& texts, Lang l) {
    const SurveyFigures& s = r.survey;
    doc.blocks.push_back(pdf_block(PdfBlockKind::Heading, texts.text(l, "report.survey")));
    doc.blocks.push_back(figures_table(
        {{texts.text(l, "report.survey.called"), std::to_string(s.called)},
         {texts.text(l, "report.survey.answered"), std::to_string(s.answered)},
         {texts.text(l, "report.survey.satisfied"),
          std::to_string(s.satisfied) + " (" + percent(s.satisfied, s.answered) + ")"},
         {texts.text(l, "report.survey.average"),
          s.answered > 0 ? one_decimal(s.average, l) : "—"}},
        texts, l));
}

// reg-3: per service, what became of its tickets; not received the same day in its own column.
static void add_queue(PdfDocument& doc, const QuarterReport& r, const Catalog& texts, Lang l) {
    doc.blocks.push_back(pdf_block(PdfBlockKind::Heading, texts.text(l, "report.queue")));
    if (r.queue.empty()) {
        doc.blocks.push_back(pdf_block(PdfBlockKind::Text, texts.text(l, "report.none")));
        return;
    }
    // Widths for the Kazakh headers' longest words ("Ауыстырылды", "қабылданбады").
    PdfBlock b = pdf_block(PdfBlockKind::Table);
    b.columns = {{texts.text(l, "report.queue.service"), 0.22, false},
                 {texts.text(l, "report.queue.tickets"), 0.12, true},
                 {texts.text(l, "report.queue.received"), 0.16, true},
                 {texts.text(l, "report.queue.no_show"), 0.14, true},
                 {texts.text(l, "report.queue.transferred"), 0.18, true},
                 {texts.text(l, "report.queue.not_received"), 0.18, true}};
    for (const auto& q : r.queue) {
        std::string name = q.service;
        if (texts.has(l, "service." + q.service)) name = texts.text(l, "service." + q.service);
        b.rows.push_back({name, std::to_string(q.tickets), std::to_string(q.received),
                          std::to_string(q.no_show), std::to_string(q.transferred),
                          std::to_string(q.not_received)});
    }
    doc.blocks.push_back(std::move(b));
    doc.blocks.push_back(pdf_block(PdfBlockKind::Text, texts.text(l, "report.queue.note")));
}

static void add_desks(PdfDocument& doc, const QuarterReport& r, const Catalog& texts, Lang l) {
    doc.blocks.push_back(pdf_block(PdfBlockKind::Heading, texts.text(l, "report.desks")));
    if (r.desks.empty()) {
        doc.blocks.push_back(pdf_block(PdfBlockKind::Text, texts.text(l, "report.none")));
        return;
    }
    PdfBlock b = pdf_block(PdfBlockKind::Table);
    b.columns = {{texts.text(l, "console.desk.stats_desk"), 0.28, false},
                 {texts.text(l, "console.desk.stats_served"), 0.18, true},
                 {texts.text(l, "console.desk.stats_wait"), 0.18, true},
                 {texts.text(l, "console.desk.stats_service"), 0.18, true},
                 {texts.text(l, "console.desk.stats_idle"), 0.18, true}};
    auto whole = [](double v) { return std::to_string(int(v + 0.5)); };
    for (const auto& d : r.desks)
        b.rows.push_back({d.room + " · " + d.desk, std::to_string(d.served), whole(d.avg_wait_min),
                          whole(d.avg_service_min), whole(d.idle_min)});
    doc.blocks.push_back(std::move(b));
    doc.blocks.push_back(pdf_block(PdfBlockKind::Text, texts.text(l, "console.desk.stats_note")));
}

// The report ----------------------------------------------------------------------------

bool write_report_pdf(const QuarterReport& r, const Catalog& texts, Lang lang,
                      const std::string& file, std::string* error) {
    PdfDocument doc;
    doc.title = texts.text(lang, "report.title") + " — " + r.title;
    doc.page_label = texts.text(lang, "report.page");
    doc.blocks.push_back(pdf_block(PdfBlockKind::Title, texts.text(lang, "report.title")));
    doc.blocks.push_back(pdf_block(PdfBlockKind::Subtitle, r.title));
    doc.blocks.push_back(
        pdf_block(PdfBlockKind::Text,
                  texts.format(lang, "report.period",
                               {{"first", dotted_date(r.first)}, {"last", dotted_date(r.last)}})));
    add_totals(doc, r, texts, lang);
    add_counts(doc, r.by_channel, "report.by_channel", "report.col.channel", true, texts, lang);
    add_counts(doc, r.by_outcome, "report.by_outcome", "report.col.outcome", true, texts, lang);
    add_by_month(doc, r, texts, lang);
    add_counts(doc, r.by_official, "report.by_official", "report.col.official", false, texts, lang);
    add_deadlines(doc, r, texts, lang);
    add_survey(doc, r, texts, lang);
    add_queue(doc, r, texts, lang);
    add_desks(doc, r, texts, lang);
    return write_pdf(doc, file, error);
}

} // namespace reception
