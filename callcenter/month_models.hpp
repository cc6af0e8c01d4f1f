// The room's monthly and quarterly work without a window: the month's schedule with its
// cancellations (reg-7, 8, 9, 16), the satisfaction calls (reg-38) and the quarter's report
// (reg-40, reg-24). Each keeps what its screen shows and runs what its buttons ask.
#pragma once

#include "cases/bookings.hpp"
#include "cases/casework.hpp"
#include "cases/surveys.hpp"
#include "console_context.hpp"
#include "exports.hpp"
#include "reports/report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception::console {

// The month's schedule --------------------------------------------------------------------

struct SessionRow {
    ReceptionSession session;
    std::string official; // full name
    int booked = 0;       // applications booked into it
    int capacity = 0;     // reg-28: one time slot per person
    // reg-14: bookings in person while the room receives by video only, to move or tell.
    int against_restriction = 0;
    // reg-11, reg-21: persons needing an interpreter, foreigners, and the languages asked for.
    int interpreters = 0, foreigners = 0;
    std::string languages; // "kk, ru"
};

// Whom to tell after a cancellation (reg-16), in words the operator reads out.
struct NotifyLine {
    std::string reg_number, applicant, phone;
    std::optional<Date> new_date; // none: left for the room to place, for the reason below
    std::string left_because;     // cases/casework.hpp MovedBooking::left_because
    std::string language;         // reg-21: the applicant's, to speak to them in
};

// reg-9: a session outside the schedule, as typed (dates and times as people write them).
struct AdHocForm {
    std::string official_uuid, date, start = "15:00", end = "17:00", reason;
    bool video = false;
};

class ScheduleModel {
  public:
    explicit ScheduleModel(ConsoleContext& ctx) : ctx_(ctx) {}
    void open(Date any_day); // loads the month of that day
    void shift(int months);
    Date month() const { return month_; }
    const std::vector<SessionRow>& sessions() const { return sessions_; }
    const std::vector<Official>& without_session() const { return without_; } // reg-7

    void select(const std::string& session_uuid);
    const std::string& selected() const { return selected_; }
    // reg-27, 28: the persons of the selected session in order, each with a time.
    const std::vector<SessionPerson>& persons() const { return persons_; }
    // reg-27: the list of persons of the selected session as A4 PDF, kk and ru.
    void export_persons(const Catalog& texts, Instant now);
    // reg-9: the officials the ad-hoc panel offers: active, of a role that may receive ad hoc.
    std::vector<Official> ad_hoc_officials() const;
    std::string& cancel_reason() { return reason_; }
    const FieldErrors& errors() const { return errors_; }
    // reg-16: cancels the selected session; its bookings move to the official's next one.
    bool cancel(const std::string& actor, Instant now);
    const std::vector<NotifyLine>& to_notify() const { return notify_; }
    std::optional<bool> cancelled_in_time() const { return in_time_; }
    AdHocForm& ad_hoc() { return ad_hoc_; }
    bool add_ad_hoc(const std::string& actor, Instant now); // errors() when refused
    bool added() const { return added_; }
    void export_month(const Catalog& texts); // PDF kk and ru, JSON (reg-8)
    const ExportResult& exported() const { return exported_; }

  private:
    SessionRow session_row(const ReceptionSession& s, const std::string& official,
                           bool restricted) const;
    void load_persons();

    ConsoleContext& ctx_;
    Date month_{};
    std::vector<SessionRow> sessions_;
    std::vector<Official> without_;
    std::string selected_, reason_;
    std::vector<SessionPerson> persons_;
    FieldErrors errors_;
    std::vector<NotifyLine> notify_;
    std::optional<bool> in_time_;
    AdHocForm ad_hoc_;
    bool added_ = false;
    ExportResult exported_;
};

// Satisfaction calls (reg-38) -------------------------------------------------------------

class SurveyModel {
  public:
    explicit SurveyModel(ConsoleContext& ctx) : ctx_(ctx) {}
    void open(Date any_day); // the month of that day
    void shift(int months);
    void refresh(); // the list and figures again, the chosen call kept
    Date first() const { return first_; }
    Date last() const { return last_; }
    const std::vector<SurveyCall>& calls() const { return calls_; }
    const SurveyFigures& figures() const { return figures_; }

    // By SurveyCall::key(): the application, or the walk-in consultation.
    void select(const std::string& key);
    const std::optional<SurveyCall>& selected() const { return selected_; }
    SurveyAnswer& answer() { return answer_; }
    const FieldErrors& errors() const { return errors_; }
    bool save(const std::string& actor, Instant now);
    bool saved() const { return saved_; }

  private:
    ConsoleContext& ctx_;
    Date first_{}, last_{};
    std::vector<SurveyCall> calls_;
    SurveyFigures figures_;
    std::optional<SurveyCall> selected_;
    SurveyAnswer answer_;
    FieldErrors errors_;
    bool saved_ = false;
};

// The quarter's report (reg-40) ----------------------------------------------------------

class ReportModel {
  public:
    explicit ReportModel(ConsoleContext& ctx) : ctx_(ctx) {}
    void open(Date today); // the quarter of today
    void shift(int quarters, Lang lang, Instant now);
    void make(Lang lang, Instant now);
    int year() const { return year_; }
    int quarter() const { return quarter_; }
    const std::optional<QuarterReport>& report() const { return report_; }
    Lang made_in() const { return lang_; } // the labels' language
    void export_files(Lang lang);          // PDF and CSV in lang, media JSON (reg-24)
    const ExportResult& exported() const { return exported_; }

  private:
    ConsoleContext& ctx_;
    int year_ = 2026, quarter_ = 1;
    std::optional<QuarterReport> report_;
    Lang lang_ = Lang::kk;
    ExportResult exported_;
};

} // namespace reception::console
