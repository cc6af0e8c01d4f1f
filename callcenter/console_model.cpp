#include "console_model.hpp"

#include "regulation/rule_warnings.hpp"

namespace reception::console {

// The screens and who sees them. Operators take calls and look up; desk clerks call the queue
// and hold receptions and make the satisfaction calls; the responsible employee works the
// cases, the month's schedule and the reports; the administrator sees everything.
const std::vector<ScreenInfo>& screen_table() {
    using R = StaffRole;
    static const std::vector<ScreenInfo> table = {
        {Screen::Intake, "intake", role_bit(R::Operator) | role_bit(R::Admin), 1},
        {Screen::Lookup, "lookup", kAllRoles, 2},
        {Screen::Desk, "desk", role_bit(R::DeskClerk) | role_bit(R::Admin), 3},
        {Screen::Record, "record", role_bit(R::DeskClerk) | role_bit(R::Admin), 4},
        // No function key for these: F5-F12 are the desk's and F6 the intake's "new call".
        {Screen::WorkList, "worklist", role_bit(R::Responsible) | role_bit(R::Admin), 0},
        {Screen::MonthSchedule, "month_schedule", role_bit(R::Responsible) | role_bit(R::Admin), 0},
        {Screen::Surveys, "surveys",
         role_bit(R::Operator) | role_bit(R::Responsible) | role_bit(R::Admin), 0},
        {Screen::Reports, "reports", role_bit(R::Responsible) | role_bit(R::Admin), 0},
    };
    return table;
}

const ScreenInfo* screen_info(Screen s) {
    for (const auto& i : screen_table())
        if (i.screen == s) return &i;
    return nullptr;
}

const char* screen_code(Screen s) {
    const ScreenInfo* i = screen_info(s);
    return i ? i->code : "sign_in";
}

bool role_may(StaffRole role, Screen s) {
    if (s == Screen::SignIn) return true;
    const ScreenInfo* i = screen_info(s);
    return i && (i->roles & role_bit(role)) != 0;
}

std::vector<Screen> screens_of(StaffRole role) {
    std::vector<Screen> out;
    for (const auto& i : screen_table())
        if (role_may(role, i.screen)) out.push_back(i.screen);
    return out;
}

// The model
ConsoleModel::ConsoleModel(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                           const Catalog& texts, ConsoleConfig cfg)
    : ctx_{store, profile, cal, texts, std::move(cfg)}, intake_(ctx_), lookup_(ctx_), desk_(ctx_),
      record_(ctx_), casework_(ctx_), schedule_(ctx_), surveys_(ctx_), reports_(ctx_) {}

void ConsoleModel::set_lang(Lang l) {
    lang_ = l;
}

const std::vector<std::string>& ConsoleModel::warnings(Date today) {
    if (today == warnings_day_ && lang_ == warnings_lang_) return warnings_;
    warnings_.clear();
    for (const auto& w : rule_warnings(ctx_.profile, ctx_.cal, today))
        warnings_.push_back(warning_text(w, ctx_.texts, lang_));
    warnings_day_ = today;
    warnings_lang_ = lang_;
    return warnings_;
}

bool ConsoleModel::go(Screen s) {
    if (s == Screen::SignIn || !user_ || !role_may(user_->role, s)) return false;
    screen_ = s;
    return true;
}

bool ConsoleModel::sign_in(Instant now) {
    if (now < locked_until_) {
        auto left = std::chrono::duration_cast<std::chrono::seconds>(locked_until_ - now);
        sign_in_error_ = tf("error.sign_in_locked", {{"seconds", std::to_string(left.count())}});
        return false;
    }
    try {
        user_ = reception::sign_in(ctx_.store, sign_in_.login, sign_in_.password, now);
    } catch (const InputError& e) {
        sign_in_.password.clear();
        if (++failures_ >= kMaxSignInFailures) {
            failures_ = 0;
            locked_until_ = now + std::chrono::seconds(kLockSeconds);
        }
        sign_in_error_ = error_text(e.field, e.code);
        return false;
    }
    failures_ = 0;
    sign_in_ = SignInForm{};
    sign_in_error_.clear();
    screen_ = screens_of(user_->role).front();
    return true;
}

void ConsoleModel::sign_out(Instant now) {
    if (user_) {
        desk_.leave(user_->login, now);
        record_sign_out(ctx_.store, *user_, now);
    }
    // Nothing of the last person's work stays on screen for the next one.
    user_.reset();
    intake_.new_call();
    lookup_.clear();
    record_.finish();
    screen_ = Screen::SignIn;
}

bool ConsoleModel::start_record_from_desk() {
    const auto& desk = desk_.desk();
    const auto& t = desk_.current();
    if (!desk || !t || t->state != TicketState::Serving) return false;
    record_.prepare(desk->number, t->uuid);
    return go(Screen::Record);
}

} // namespace reception::console
