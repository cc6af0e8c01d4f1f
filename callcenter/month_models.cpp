#include "month_models.hpp"

#include "base/validation.hpp"
#include "casework_model.hpp"
#include "exports.hpp"
#include "reports/persons_list.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"
#include "schedule/schedule_export.hpp"

#include <cstdio>
#include <fstream>
#include <map>
#include <set>

namespace reception::console {

static Date first_of_month(Date d) {
    return make_date(int(d.year()), unsigned(d.month()), 1);
}

static bool write_file(const std::filesystem::path& file, const std::string& text,
                       ExportResult* r) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        r->error = file.string();
        return false;
    }
    r->files.push_back(file.string());
    return true;
}

// The month's schedule ------------------------------------------------------------------

void ScheduleModel::open(Date any_day) {
    month_ = first_of_month(any_day);
    Date last = add_days(add_months(month_, 1), -1);
    std::map<std::string, std::string> names;
    for (const auto& o : list_officials(ctx_.store)) names[o.uuid] = full_name(o);
    sessions_.clear();
    bool restricted = restriction_mode(ctx_.store);
    for (auto& s : sessions_between(ctx_.store, month_, last))
        sessions_.push_back(session_row(s, names[s.official_uuid], restricted));
    without_ = officials_without_session(ctx_.store, ctx_.profile, month_);
    load_persons();
}

// One row of the month: how full the session is (reg-28), what it needs arranged (reg-11, 21)
// and what restriction mode asks of it (reg-14).
SessionRow ScheduleModel::session_row(const ReceptionSession& s, const std::string& official,
                                      bool restricted) const {
    SessionRow row;
    row.session = s;
    row.official = official;
    row.capacity = session_capacity(ctx_.profile, s);
    std::set<std::string> langs;
    for (const auto& p : session_persons(ctx_.store, ctx_.profile, s, restricted)) {
        row.booked++;
        row.against_restriction += p.in_person_under_restriction;
        row.interpreters += p.app.interpreter_needed;
        row.foreigners += p.app.applicant.foreigner;
        langs.insert(p.app.language);
    }
    for (const auto& l : langs) row.languages += (row.languages.empty() ? "" : ", ") + l;
    return row;
}

void ScheduleModel::load_persons() {
    persons_.clear();
    if (selected_.empty()) return;
    if (auto s = find_session(ctx_.store, selected_))
        persons_ = session_persons(ctx_.store, ctx_.profile, *s, restriction_mode(ctx_.store));
}

std::vector<Official> ScheduleModel::ad_hoc_officials() const {
    std::vector<Official> out;
    for (const auto& o : list_officials(ctx_.store)) {
        const Role* r = ctx_.profile.role(o.role);
        if (o.active && r && r->may_receive_ad_hoc) out.push_back(o);
    }
    return out;
}

void ScheduleModel::export_persons(const Catalog& texts, Instant now) {
    ExportResult& r = exported_;
    r = {};
    auto s = find_session(ctx_.store, selected_);
    if (!s) return;
    std::filesystem::path dir = export_dir(&r.error);
    if (dir.empty()) return;
    std::string base = "persons-" + format_date(s->date) + "-" + s->uuid.substr(0, 8);
    for (Lang lang : {Lang::kk, Lang::ru}) {
        std::filesystem::path pdf = dir / (base + "." + lang_code(lang) + ".pdf");
        if (!write_persons_list_pdf(ctx_.store, ctx_.profile, texts, lang, s->uuid, now,
                                    pdf.string(), &r.error))
            return;
        r.files.push_back(pdf.string());
    }
}

void ScheduleModel::shift(int months) {
    exported_ = {};
    open(add_months(month_, months));
    selected_.clear();
    reason_.clear();
    errors_.clear();
}

void ScheduleModel::select(const std::string& session_uuid) {
    selected_ = session_uuid;
    reason_.clear();
    errors_.clear();
    notify_.clear();
    in_time_.reset();
    load_persons();
}

bool ScheduleModel::cancel(const std::string& actor, Instant now) {
    errors_.clear();
    notify_.clear();
    in_time_.reset();
    Cancellation c;
    if (!run_action(errors_, [&] {
            if (selected_.empty()) throw InputError("session", "session_required");
            c = cancel_session(ctx_.store, ctx_.profile, ctx_.cal, selected_, reason_, actor, now);
        }))
        return false;
    in_time_ = c.notified_in_time;
    for (const auto& m : c.moved) {
        auto a = find_application(ctx_.store, m.application_uuid);
        if (!a) continue;
        NotifyLine n{
            a->reg_number,
            trim(a->applicant.surname + " " + a->applicant.name + " " + a->applicant.patronymic),
            a->applicant.phone,
            {},
            m.left_because,
            a->language};
        if (!m.to_session.empty()) n.new_date = m.to_date;
        notify_.push_back(n);
    }
    reason_.clear();
    open(month_);
    return true;
}

// "15:00" -> minutes after midnight; -1 when it is not a time of day.
static int typed_minute(const std::string& text) {
    std::string s = trim(text);
    unsigned h = 0, m = 0;
    char tail = 0;
    if (std::sscanf(s.c_str(), "%2u:%2u%c", &h, &m, &tail) != 2 || h > 23 || m > 59) return -1;
    return int(h * 60 + m);
}

bool ScheduleModel::add_ad_hoc(const std::string& actor, Instant now) {
    errors_.clear();
    added_ = false;
    bool ok = run_action(errors_, [&] {
        AdHocForm& f = ad_hoc_;
        if (f.official_uuid.empty()) throw InputError("official", "unknown_official");
        auto d = parse_typed_date(f.date);
        if (!d) throw InputError("date", trim(f.date).empty() ? "empty" : "bad_date");
        ReceptionSession s;
        s.official_uuid = f.official_uuid;
        auto rooms = list_rooms(ctx_.store);
        for (const auto& r : rooms)
            if (r.code == ctx_.cfg.room) s.room_uuid = r.uuid;
        if (s.room_uuid.empty() && !rooms.empty()) s.room_uuid = rooms.front().uuid;
        s.date = *d;
        s.start_minute = typed_minute(f.start);
        if (s.start_minute < 0) throw InputError("start", "bad_time");
        s.end_minute = typed_minute(f.end);
        if (s.end_minute < 0) throw InputError("end", "bad_time");
        s.mode = f.video ? SessionMode::Video : SessionMode::InPerson;
        add_ad_hoc_session(ctx_.store, ctx_.profile, ctx_.cal, s, f.reason, actor, now);
    });
    if (!ok) {
        // The reason of an ad-hoc session is the akim's instruction: its own field on screen,
        // apart from a cancellation's reason.
        if (auto it = errors_.find("reason"); it != errors_.end()) {
            errors_["instruction"] = it->second;
            errors_.erase(it);
        }
        return false;
    }
    ad_hoc_ = {};
    added_ = true;
    open(month_);
    return true;
}

void ScheduleModel::export_month(const Catalog& texts) {
    ExportResult& r = exported_;
    r = {};
    std::filesystem::path dir = export_dir(&r.error);
    if (dir.empty()) return;
    std::string base = "schedule-" + format_date(month_).substr(0, 7);
    for (Lang lang : {Lang::kk, Lang::ru}) {
        std::filesystem::path pdf = dir / (base + "." + lang_code(lang) + ".pdf");
        if (!write_schedule_pdf(ctx_.store, texts, lang, month_, pdf.string(), &r.error)) return;
        r.files.push_back(pdf.string());
    }
    write_file(dir / (base + ".json"),
               schedule_month_json(ctx_.store, ctx_.profile, month_).dump(1) + "\n", &r);
}

// Satisfaction calls (reg-38) -------------------------------------------------------------

void SurveyModel::open(Date any_day) {
    first_ = first_of_month(any_day);
    last_ = add_days(add_months(first_, 1), -1);
    selected_.reset();
    refresh();
}

void SurveyModel::shift(int months) {
    open(add_months(first_, months));
}

void SurveyModel::refresh() {
    calls_ = survey_call_list(ctx_.store, ctx_.profile, first_, last_);
    figures_ = survey_figures(ctx_.store, first_, last_);
}

void SurveyModel::select(const std::string& key) {
    selected_.reset();
    errors_.clear();
    saved_ = false;
    for (const auto& c : calls_)
        if (c.key() == key) selected_ = c;
    answer_ = {};
    if (selected_) {
        answer_.application_uuid = selected_->application_uuid;
        answer_.walk_in_uuid = selected_->walk_in_uuid;
        answer_.reason = selected_->reason;
    }
}

bool SurveyModel::save(const std::string& actor, Instant now) {
    errors_.clear();
    saved_ = false;
    if (!selected_) return false;
    if (!answer_.reached) answer_.rating.reset(); // nobody answered: no rating to keep
    if (!run_action(errors_, [&] { record_survey(ctx_.store, answer_, actor, now); })) return false;
    saved_ = true;
    selected_.reset();
    refresh();
    return true;
}

// The quarter's report (reg-40) ----------------------------------------------------------

void ReportModel::open(Date today) {
    year_ = int(today.year());
    quarter_ = int((unsigned(today.month()) - 1) / 3 + 1);
    report_.reset();
}

void ReportModel::shift(int quarters, Lang lang, Instant now) {
    int q = year_ * 4 + (quarter_ - 1) + quarters;
    year_ = q / 4;
    quarter_ = q % 4 + 1;
    make(lang, now);
}

void ReportModel::make(Lang lang, Instant now) {
    lang_ = lang;
    report_ = quarter_report(ctx_.store, ctx_.profile, ctx_.cal, ctx_.texts, lang, year_, quarter_,
                             local_date(now));
}

void ReportModel::export_files(Lang lang) {
    ExportResult& r = exported_;
    r = {};
    if (!report_) return;
    std::filesystem::path dir = export_dir(&r.error);
    if (dir.empty()) return;
    std::string base = "report-" + std::to_string(year_) + "-q" + std::to_string(quarter_);
    std::filesystem::path pdf = dir / (base + "." + lang_code(lang) + ".pdf");
    if (!write_report_pdf(*report_, ctx_.texts, lang, pdf.string(), &r.error)) return;
    r.files.push_back(pdf.string());
    if (!write_file(dir / (base + "." + lang_code(lang) + ".csv"), report_csv(*report_), &r))
        return;
    write_file(dir / (base + ".media.json"), media_export_json(*report_), &r);
}

} // namespace reception::console
