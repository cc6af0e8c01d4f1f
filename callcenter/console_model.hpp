// The console without a window: who is signed in, which screen is shown (a role sees only its
// screens), the language of the interface, and the models of each screen. Tests drive it
// directly; the screens (screens/*.cpp) only draw it and send it intents.
#pragma once

#include "casework_model.hpp"
#include "console_context.hpp"
#include "desk_model.hpp"
#include "intake_form.hpp"
#include "lookup_model.hpp"
#include "month_models.hpp"
#include "record_model.hpp"
#include "staff/staff.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception::console {

// Every screen of the console. To add one: a value here, a row in kScreens
// (console_model.cpp: its code, the roles that see it, its tab key), and its draw function in
// the table of screens/console_frame.cpp.
enum class Screen {
    SignIn, // before anything else
    Intake, // phone intake (reg-4, reg-25)
    Lookup, // status lookup
    Desk,   // calling the queue (reg-12)
    Record, // reception record (reg-10, reg-36)
    // The case work of chapters 3 and 4 (casework_model.hpp, month_models.hpp)
    WorkList,      // open applications and their deadlines, one case at a time
    MonthSchedule, // sessions of the month, cancellations (reg-7, 8, 16)
    Surveys,       // satisfaction calls (reg-38)
    Reports,       // the quarter's report (reg-40, reg-24)
};

// Roles as bits, so a screen lists who sees it.
constexpr unsigned role_bit(StaffRole r) {
    return 1u << unsigned(r);
}
constexpr unsigned kAllRoles = 0xfu;

struct ScreenInfo {
    Screen screen;
    const char* code; // "console.screen.<code>" is its tab's text
    unsigned roles;   // role_bit()s of the roles that see it
    int tab_key;      // F1..F4 as 1..4; 0 when the tab has no key
};
// The tabs in the order they are shown; the first one a role may see opens after sign-in.
const std::vector<ScreenInfo>& screen_table();
const ScreenInfo* screen_info(Screen s);
const char* screen_code(Screen s); // sign_in, intake, lookup, desk, record

// Which screens a role sees. Operators take calls; desk clerks call the queue and hold
// receptions; the responsible employee reviews; the administrator sees everything.
bool role_may(StaffRole role, Screen s);
std::vector<Screen> screens_of(StaffRole role);

// After this many wrong passwords in a row, sign-in waits kLockSeconds.
constexpr int kMaxSignInFailures = 5;
constexpr int kLockSeconds = 30;

struct SignInForm {
    std::string login, password;
};

class ConsoleModel {
  public:
    ConsoleModel(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                 const Catalog& texts, ConsoleConfig cfg);

    // What the screens read
    Screen screen() const { return screen_; }
    Lang lang() const { return lang_; }
    const std::string& t(std::string_view key) const { return ctx_.texts.text(lang_, key); }
    std::string tf(std::string_view key,
                   const std::vector<std::pair<std::string, std::string>>& a) const {
        return ctx_.texts.format(lang_, key, a);
    }
    std::string error_text(const std::string& field, const std::string& code) const {
        return console::error_text(ctx_.texts, lang_, field, code);
    }
    ConsoleContext& context() { return ctx_; }
    const std::optional<StaffAccount>& user() const { return user_; }
    // The login written into the history as the actor of every action.
    std::string actor() const { return user_ ? user_->login : ""; }
    // What staff must know about the rules counted with today (regulation/rule_warnings.hpp):
    // an expired profile, a year without a calendar, an unconfirmed calendar. In the language
    // of the interface; worked out once a day.
    const std::vector<std::string>& warnings(Date today);

    // Intents
    void set_lang(Lang l);
    // Goes to a screen the role may see; false (and nothing changes) otherwise.
    bool go(Screen s);

    SignInForm& sign_in_form() { return sign_in_; }
    const std::string& sign_in_error() const { return sign_in_error_; } // a message, translated
    bool sign_in(Instant now);
    void sign_out(Instant now);

    IntakeModel& intake() { return intake_; }
    LookupModel& lookup() { return lookup_; }
    DeskModel& desk() { return desk_; }
    RecordModel& record() { return record_; }
    CaseworkModel& casework() { return casework_; }
    ScheduleModel& schedule() { return schedule_; }
    SurveyModel& surveys() { return surveys_; }
    ReportModel& reports() { return reports_; }
    // From the desk: a reception record for the visitor being served.
    bool start_record_from_desk();

  private:
    ConsoleContext ctx_;
    Screen screen_ = Screen::SignIn;
    Lang lang_ = Lang::kk;
    std::optional<StaffAccount> user_;
    SignInForm sign_in_;
    std::string sign_in_error_;
    int failures_ = 0;
    Instant locked_until_{};
    IntakeModel intake_;
    LookupModel lookup_;
    DeskModel desk_;
    RecordModel record_;
    CaseworkModel casework_;
    ScheduleModel schedule_;
    SurveyModel surveys_;
    ReportModel reports_;
    Date warnings_day_{};
    Lang warnings_lang_ = Lang::kk;
    std::vector<std::string> warnings_;
};

} // namespace reception::console
