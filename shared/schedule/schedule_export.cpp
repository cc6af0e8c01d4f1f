#include "schedule/schedule_export.hpp"

#include "base/i18n.hpp"
#include "regulation/profile.hpp"
#include "schedule/schedule.hpp"

#include "documents/a4_pdf.hpp"

#include <algorithm>
#include <map>

namespace reception {
using nlohmann::json;

// The month's sessions --------------------------------------------------------------------

struct MonthSchedule {
    Date first{};
    std::vector<ReceptionSession> sessions; // uncancelled, by date and start
    std::map<std::string, Official> officials;
    std::map<std::string, Room> rooms;
};

static MonthSchedule read_month(Store& store, Date any_day) {
    MonthSchedule m;
    m.first = Date{any_day.year(), any_day.month(), std::chrono::day{1}};
    Date last = add_days(add_months(m.first, 1), -1);
    for (auto& s : sessions_between(store, m.first, last))
        if (!s.cancelled) m.sessions.push_back(std::move(s));
    for (auto& o : list_officials(store)) m.officials[o.uuid] = o;
    for (auto& r : list_rooms(store)) m.rooms[r.uuid] = r;
    return m;
}

// A session may name an official or room the store no longer has: it is shown without them
// rather than dropped, so the schedule never hides a reception day.
static const Official& official_of(const MonthSchedule& m, const std::string& uuid) {
    static const Official none;
    auto it = m.officials.find(uuid);
    return it == m.officials.end() ? none : it->second;
}

static const Room& room_of(const MonthSchedule& m, const std::string& uuid) {
    static const Room none;
    auto it = m.rooms.find(uuid);
    return it == m.rooms.end() ? none : it->second;
}

// JSON for the website --------------------------------------------------------------------

static json official_json(const Official& o) {
    return {{"uuid", o.uuid},
            {"official", o.uuid.empty() ? "" : full_name(o)},
            {"role", o.role},
            {"position_kk", o.position_kk},
            {"position_ru", o.position_ru}};
}

static json session_json(const MonthSchedule& m, const ReceptionSession& s) {
    const Official& o = official_of(m, s.official_uuid);
    const Room& r = room_of(m, s.room_uuid);
    json j = official_json(o);
    j.erase("uuid");
    j["official_uuid"] = s.official_uuid;
    j["date"] = format_date(s.date);
    j["weekday"] = iso_weekday(s.date);
    j["start"] = hhmm(s.start_minute);
    j["end"] = hhmm(s.end_minute);
    j["mode"] = to_code(s.mode);
    j["ad_hoc"] = s.ad_hoc;
    j["room_kk"] = r.name_kk;
    j["room_ru"] = r.name_ru;
    return j;
}

json schedule_month_json(Store& store, const RegulationProfile& profile, Date any_day_of_month) {
    MonthSchedule m = read_month(store, any_day_of_month);
    json sessions = json::array(), without = json::array();
    for (const auto& s : m.sessions) sessions.push_back(session_json(m, s));
    for (const auto& o : officials_without_session(store, profile, any_day_of_month))
        without.push_back(official_json(o));
    return {{"month", format_date(m.first).substr(0, 7)},
            {"sessions", sessions},
            {"officials_without_session", without}};
}

// PDF for the notice board ----------------------------------------------------------------

// The schedule has Kazakh and Russian names only; an English page shows the Russian ones.
static const std::string& in_lang(Lang lang, const std::string& kk, const std::string& ru) {
    return lang == Lang::kk ? kk : ru;
}

static std::vector<std::string> schedule_row(const MonthSchedule& m, const ReceptionSession& s,
                                             const Catalog& texts, Lang lang) {
    const Official& o = official_of(m, s.official_uuid);
    const Room& r = room_of(m, s.room_uuid);
    std::string day = dotted_date(s.date) + "\n" +
                      texts.text(lang, "weekday." + std::to_string(iso_weekday(s.date)));
    std::string who = o.uuid.empty() ? "—" : full_name(o);
    const std::string& position = in_lang(lang, o.position_kk, o.position_ru);
    if (!position.empty()) who += "\n" + position;
    std::string mode = texts.text(lang, std::string("session.mode.") + to_code(s.mode));
    if (s.ad_hoc) mode += "\n" + texts.text(lang, "schedule.ad_hoc"); // reg-9
    return {day, hhmm(s.start_minute) + "–" + hhmm(s.end_minute), who, mode,
            in_lang(lang, r.name_kk, r.name_ru)};
}

static std::string schedule_title(const Catalog& texts, Lang lang, Date first) {
    return texts.format(
        lang, "schedule.title",
        {{"year", std::to_string(int(first.year()))},
         {"month", texts.text(lang, "month." + std::to_string(unsigned(first.month())))}});
}

bool write_schedule_pdf(Store& store, const Catalog& texts, Lang lang, Date any_day_of_month,
                        const std::string& file, std::string* error) {
    MonthSchedule m = read_month(store, any_day_of_month);
    PdfDocument doc;
    doc.title = schedule_title(texts, lang, m.first);
    doc.page_label = texts.text(lang, "report.page");
    doc.blocks.push_back(pdf_block(PdfBlockKind::Title, doc.title));
    doc.blocks.push_back(pdf_block(PdfBlockKind::Subtitle, texts.text(lang, "schedule.subtitle")));
    if (m.sessions.empty()) {
        doc.blocks.push_back(pdf_block(PdfBlockKind::Text, texts.text(lang, "schedule.none")));
        return write_pdf(doc, file, error);
    }
    PdfBlock table = pdf_block(PdfBlockKind::Table);
    table.columns = {{texts.text(lang, "schedule.col.date"), 0.14, false},
                     {texts.text(lang, "schedule.col.time"), 0.12, false},
                     {texts.text(lang, "schedule.col.official"), 0.37, false},
                     {texts.text(lang, "schedule.col.mode"), 0.19, false},
                     {texts.text(lang, "schedule.col.room"), 0.18, false}};
    for (const auto& s : m.sessions) table.rows.push_back(schedule_row(m, s, texts, lang));
    doc.blocks.push_back(std::move(table));
    return write_pdf(doc, file, error);
}

} // namespace reception
