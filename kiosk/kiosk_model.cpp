#include "kiosk_model.hpp"

#include "base/public_code.hpp"
#include "cases/application_fields.hpp"
#include "cases/bookings.hpp"
#include "cases/notice_channel.hpp"
#include "schedule/restriction.hpp"

#include "base/validation.hpp"
#include "print/escpos.hpp"
#include "print/printer_record.hpp"
#include "queue/ticket_queue.hpp"
#include "queue/wait_estimate.hpp"
#include "regulation/opening_hours.hpp"
#include "schedule/schedule.hpp"

#include <cstdio>

namespace reception::kiosk {

const char* screen_code(Screen s) {
    switch (s) {
    case Screen::Start:
        return "start";
    case Screen::Service:
        return "service";
    case Screen::Category:
        return "category";
    case Screen::TicketDone:
        return "ticket";
    case Screen::TicketText:
        return "ticket-text";
    case Screen::SignupOfficial:
        return "signup-official";
    case Screen::SignupEssence:
        return "signup-essence";
    case Screen::SignupApplicant:
        return "signup-applicant";
    case Screen::SignupPerson:
        return "signup-person";
    case Screen::SignupOptions:
        return "signup-options";
    case Screen::SignupReview:
        return "signup-review";
    case Screen::SignupDone:
        return "signup-done";
    case Screen::Schedule:
        return "schedule";
    }
    return "start";
}

KioskModel::KioskModel(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                       const Catalog& texts, KioskConfig config)
    : store_(store), profile_(profile), cal_(cal), texts_(texts), config_(std::move(config)) {
    parse_lang(config_.language, &lang_);
    reset();
}

std::string KioskModel::error_text(const std::string& field) const {
    auto it = errors_.find(field);
    if (it == errors_.end()) return "";
    // A field may word a shared reason its own way ("error.phone.wrong_length").
    std::string specific = "error." + field + "." + it->second;
    return texts_.has(lang_, specific) ? t(specific) : t("error." + it->second);
}

// Navigation
void KioskModel::set_lang(Lang l) {
    if (l == Lang::kk || l == Lang::ru) lang_ = l;
    if (screen_ == Screen::Start) form_.language = lang_code(lang_);
    if (speech_.on) speak_screen(); // the same screen, now in the language chosen
}

void KioskModel::go(Screen s) {
    // Whoever reaches the start screen, by Back, Done or the countdown, leaves nothing of
    // theirs for the next visitor to read.
    if (s == Screen::Start) wipe_visitor();
    screen_ = s;
    if (speech_.on) speak_screen(); // what the last screen was saying stops
}

void KioskModel::wipe_visitor() {
    form_ = SignupForm{};
    form_.language = lang_code(lang_);
    errors_.clear();
    service_.clear();
    ticket_.reset();
    turn_text_.reset();
    turn_phone_ = "+7";
    receipt_.reset();
    printout_.clear();
}

// The previous screen of each: a visitor who pressed a wrong button goes one step back and
// keeps what was typed.
void KioskModel::back() {
    errors_.clear();
    switch (screen_) {
    case Screen::Category:
        go(Screen::Service);
        break;
    case Screen::TicketText:
        go(Screen::TicketDone);
        break;
    case Screen::SignupEssence:
        go(Screen::SignupOfficial);
        break;
    case Screen::SignupApplicant:
        go(Screen::SignupEssence);
        break;
    case Screen::SignupPerson:
        go(Screen::SignupApplicant);
        break;
    case Screen::SignupOptions:
        go(Screen::SignupPerson);
        break;
    case Screen::SignupReview:
        go(Screen::SignupOptions);
        break;
    default:
        go(Screen::Start);
        break;
    }
}

void KioskModel::reset() {
    // The next visitor: the configured language, every personal field wiped from memory.
    parse_lang(config_.language, &lang_);
    print_ = {};
    shown_job_ = 0; // a job still going is recorded for staff, no longer shown
    assistance_off();
    go(Screen::Start);
}

// Taking a ticket
void KioskModel::choose_service(const std::string& code) {
    if (!profile_.service(code)) return;
    service_ = code;
    go(Screen::Category);
}

// Hours
std::string KioskModel::hours_text(Instant now) const {
    OpeningHours h = hours_on(profile_, cal_, local_date(now));
    if (!h.open) return t("ui.board_closed");
    if (h.lunch_start == h.lunch_end)
        return tf("ui.board_hours_no_break", {{"start", hhmm(h.start)}, {"end", hhmm(h.end)}});
    return tf("ui.board_hours", {{"start", hhmm(h.start)},
                                 {"end", hhmm(h.end)},
                                 {"lunch_start", hhmm(h.lunch_start)},
                                 {"lunch_end", hhmm(h.lunch_end)}});
}

std::string KioskModel::tickets_closed_text(Instant now) const {
    Date today = local_date(now);
    OpeningHours h = hours_on(profile_, cal_, today);
    if (tickets_today(h, local_minute_of_day(now))) return "";
    std::optional<Date> next = next_open_day(profile_, cal_, today);
    std::string when =
        next ? dotted_date(*next) + ", " + hhmm(hours_on(profile_, cal_, *next).start) : "—";
    return tf(h.open ? "ui.tickets_over_today" : "ui.tickets_closed_today", {{"next", when}});
}

void KioskModel::choose_category(const std::string& code, Instant now) {
    // reg-4: after the room's hours a same-day ticket would never be called.
    if (!tickets_closed_text(now).empty()) {
        errors_["service"] = "closed";
        go(Screen::Service);
        return;
    }
    TicketRequest req{config_.room, service_, code, lang_code(lang_), config_.kiosk_id};
    ticket_ = issue_ticket(store_, profile_, req, now);
    ahead_ = reception::people_ahead(store_, *ticket_);
    wait_ = estimated_wait_minutes(store_, *ticket_, ahead_);
    const Service* s = profile_.service(service_);
    std::vector<print::PrintLine> lines{
        {t("ui.your_number"), 30, true},
        {ticket_->number, 140, true},
        {s ? s->name(lang_code(lang_)) : service_, 30, true},
    };
    if (const NamedCode* c = profile_.category(code)) {
        lines.push_back({t("ui.out_of_turn") + ": " + c->name(lang_code(lang_)), 24, true});
        lines.push_back({t("ui.category_check_note"), 22, true});
    }
    lines.push_back({tf("ui.people_ahead", {{"count", std::to_string(ahead_)}}), 28, true});
    lines.push_back({wait_text(), 24, true});
    lines.push_back({t("ui.where_to_wait"), 22, true});
    if (!config_.public_url.empty() && !ticket_->public_code.empty()) {
        lines.push_back({t("ui.follow_on_phone"), 22, true});
        lines.push_back(print::qr_line(
            public_ticket_link(config_.public_url, ticket_->public_code, ticket_->language)));
    }
    lines.push_back({local_time_text(now), 24, true});
    lines.push_back({config_.accepted_where, 20, true});
    reprint_ = lines;
    reprint_until_ = now + kReprintWindow;
    print_lines(std::move(lines));
    go(Screen::TicketDone);
}

// The turn text
bool KioskModel::turn_text_offered() const {
    return config_.turn_texts && ticket_ && !turn_text_ && ahead_ > kTurnTextAhead;
}

void KioskModel::start_turn_text() {
    if (turn_text_offered()) go(Screen::TicketText);
}

bool KioskModel::ask_turn_text(Instant now) {
    errors_.erase("phone");
    if (!ticket_) return false;
    try {
        turn_text_ = reception::ask_turn_text(store_, *ticket_, turn_phone_, now);
    } catch (const InputError& e) {
        errors_["phone"] = e.code;
        speak_errors();
        return false;
    }
    turn_phone_ = "+7"; // kept in the store for the server, not on the screen
    go(Screen::TicketDone);
    return true;
}

std::string KioskModel::wait_text() const {
    return wait_words(texts_, lang_, ahead_, wait_);
}

std::string KioskModel::service_wait_text(const std::string& service, Instant now) {
    if (service_waits_.empty() ||
        now - service_waits_at_ > std::chrono::seconds(kServiceWaitSeconds) ||
        now < service_waits_at_) {
        std::vector<std::string> codes;
        for (const auto& s : profile_.services) codes.push_back(s.code);
        service_waits_ =
            service_waits(store_, config_.room, queue_day(now, profile_.queue_policy), codes);
        service_waits_at_ = now;
    }
    for (const auto& w : service_waits_) {
        if (w.service != service) continue;
        if (w.waiting == 0) return t("ui.service_wait_none");
        std::string count = std::to_string(w.waiting);
        if (!w.minutes) return tf("ui.service_wait_unknown", {{"count", count}});
        return tf("ui.service_wait",
                  {{"count", count}, {"minutes", std::to_string(std::max(1, *w.minutes))}});
    }
    return "";
}

void KioskModel::print_lines(std::vector<print::PrintLine> lines) {
    printout_ = std::move(lines);
    print_ = {};
    shown_job_ = 0;
    ++print_changes_;
    const std::string& target = config_.printer;
    try {
        print::TextPainter painter(print::default_font());
        print::Raster r = print::render_lines(painter, printout_);
        if (!config_.preview_dir.empty()) {
            std::string name = ticket_    ? ticket_->number
                               : receipt_ ? receipt_->reg_number
                                          : "print";
            print::write_png(r, std::filesystem::path(config_.preview_dir) / (name + ".png"));
        }
        if (printer) {
            print::PrintResult res = printer(r);
            print::JobOutcome out{
                {res.ok ? print::PrinterStatus::Ready : print::PrinterStatus::NoAnswer, false, ""},
                true,
                res};
            finish_print(print::report_of(out), true);
        } else if (target.empty()) {
            // No printer by design: the visitor is asked to remember the number, nothing failed.
            print_.job = print::JobState::NotPrinted;
            print_.status = {print::PrinterStatus::NotConfigured, false, "no printer configured"};
        } else if (target.rfind("file:", 0) == 0) {
            // A local append (screenshots, a spooler's folder) cannot hang: written at once.
            finish_print(print::report_of(print::print_job(target, print::encode_escpos(r))), true);
        } else {
            // A real printer may take seconds or hang: the worker's thread waits, not the screen.
            if (!worker_)
                worker_ = std::make_unique<print::PrintWorker>(printer_limits, print_log,
                                                               on_print_change);
            print_.tried = true;
            shown_job_ = worker_->submit(target, print::encode_escpos(r));
            jobs_.push_back(shown_job_);
        }
    } catch (const std::exception& e) {
        // The ticket is already committed: a printer problem is told, never a lost ticket.
        print_.tried = true;
        print_.job = print::JobState::Failed;
        print_.error = e.what();
        print_log(print::failure_line(target, e.what()));
    }
}

// A job that ended: the visitor sees it when it is the one on the screen; staff see the
// printer's state in the store whatever the screen shows by now.
void KioskModel::finish_print(const print::JobReport& r, bool shown) {
    if (shown) {
        print_.tried = true;
        print_.ok = r.state == print::JobState::Done;
        print_.error = r.error;
        print_.job = r.state;
        print_.status = r.status;
        ++print_changes_;
    }
    try {
        record_printer(store_, config_.kiosk_id, r, now_utc());
    } catch (const std::exception& e) {
        print_log("reception-kiosk: cannot record the printer's state: " + std::string(e.what()));
    }
}

int KioskModel::refresh_print() {
    for (size_t i = 0; i < jobs_.size();) {
        print::JobReport r = worker_->report(jobs_[i]);
        bool shown = jobs_[i] == shown_job_;
        if (print::job_finished(r.state)) {
            finish_print(r, shown);
            jobs_.erase(jobs_.begin() + long(i));
            continue;
        }
        if (shown && r.state != print_.job) {
            print_.job = r.state;
            ++print_changes_;
        }
        ++i;
    }
    return print_changes_;
}

PrintNotice KioskModel::print_notice(const std::string& number) const {
    std::vector<std::pair<std::string, std::string>> args{{"number", number}};
    if (print_.status.state == print::PrinterStatus::NotConfigured)
        return {tf("ui.remember_number", args), false};
    if (!print_.tried) return {};
    switch (print_.job) {
    case print::JobState::Queued:
    case print::JobState::Printing:
        return {t("ui.printing") + " " + tf("ui.note_number", args), false};
    case print::JobState::Done:
        // Printed, but a printer that answers no status may have printed nothing.
        if (print_.status.state == print::PrinterStatus::Ready) return {};
        return {tf("ui.note_number", args), false};
    default:
        return {tf("error.printer_failed", args), true};
    }
}

// Staff
void KioskModel::print_test_page(Instant now) {
    std::vector<print::PrintLine> keep = printout_;
    print_lines({{t("staff.test_page"), 30, true},
                 {"ӘҒҚҢӨҰҮҺІ әғқңөұүһі — АБВ абв 0123456789 №", 24, true},
                 {config_.kiosk_id + "  " + local_time_text(now), 24, true},
                 {config_.printer, 20, true}});
    printout_ = std::move(keep);
}

bool KioskModel::reprint_last(Instant now) {
    if (reprint_.empty() || now > reprint_until_) {
        reprint_.clear();
        print_ = PrintState{};
        print_.tried = true;
        print_.error = t("staff.nothing_to_reprint");
        return false;
    }
    std::vector<print::PrintLine> keep = printout_;
    print_lines(reprint_);
    printout_ = std::move(keep);
    return true;
}

// Signing up
void KioskModel::start_signup() {
    errors_.clear();
    go(Screen::SignupOfficial);
}

void KioskModel::choose_official(const std::string& uuid) {
    if (form_.official_uuid != uuid) form_.chosen_session.clear(); // another official's
    form_.official_uuid = uuid;
    form_.official_chosen = true;
    errors_.clear();
    go(Screen::SignupEssence);
}

// One field's problem as an error code, "" when it is fine. The step checks and the recheck
// while typing share it, so a message never disagrees with the check that raised it.
std::string KioskModel::field_problem(const Application& a, const std::string& key) const {
    if (key == "official") return form_.official_chosen ? "" : "empty";
    FieldRules rules;
    rules.visitor = true;
    rules.phone_required = true;
    return application_field_problem(a, key, profile_, rules);
}

// The application as the visitor has filled it in so far.
Application KioskModel::signup_application() const {
    // reg-13: consent to video only when the visitor ticked it, restriction mode or not; under
    // restriction (reg-14) the room then calls them to ask, and books nobody by video unasked.
    Application a;
    a.channel = Channel::Kiosk;
    a.applicant.kind =
        form_.representative ? ApplicantKind::Representative : ApplicantKind::Individual;
    a.applicant.surname = form_.surname;
    a.applicant.name = form_.name;
    a.applicant.patronymic = form_.patronymic;
    a.applicant.iin = trim(form_.iin);
    a.applicant.phone = form_.phone;
    a.applicant.address = form_.address;
    a.applicant.foreigner = form_.foreigner;
    if (form_.representative) {
        a.applicant.bin = trim(form_.bin);
        a.applicant.entity_name = form_.entity_name;
        a.applicant.authority_document = form_.authority_document;
    }
    a.essence = form_.essence;
    a.official_uuid = form_.official_uuid;
    a.language = form_.language;
    a.video_consent = form_.video;
    // A tick left on from a mobile number since changed to a landline gives no consent.
    a.notice_consent = form_.notice_consent && !sms_phone().empty();
    a.interpreter_needed = form_.interpreter;
    a.category = form_.category;             // reg-12
    a.chosen_session = form_.chosen_session; // reg-28
    a.accepted_where = config_.accepted_where;
    return a;
}

static std::vector<std::string> fields_of(Screen s, bool representative) {
    switch (s) {
    case Screen::SignupOfficial:
        return {"official"};
    case Screen::SignupEssence:
        return {"essence"};
    case Screen::SignupApplicant:
        if (representative) return {"bin", "entity_name", "authority_document"};
        return {};
    case Screen::SignupPerson:
        return {"surname", "name", "patronymic", "iin", "phone", "address"};
    default:
        return {};
    }
}

bool KioskModel::check_step(Screen s) {
    errors_.clear();
    Application a = signup_application();
    for (const auto& key : fields_of(s, form_.representative))
        if (std::string e = field_problem(a, key); !e.empty()) errors_[key] = e;
    return errors_.empty();
}

void KioskModel::recheck(const std::string& key) {
    // Only an error already shown may go away while typing: a half-typed IIN is not wrong yet.
    auto it = errors_.find(key);
    if (it == errors_.end()) return;
    std::string e = screen_ == Screen::TicketText ? problem_code(check_phone(turn_phone_, false))
                                                  : field_problem(signup_application(), key);
    if (e.empty())
        errors_.erase(it);
    else
        it->second = e;
}

bool KioskModel::next_step() {
    if (!check_step(screen_)) {
        speak_errors();
        return false;
    }
    switch (screen_) {
    case Screen::SignupOfficial:
        go(Screen::SignupEssence);
        break;
    case Screen::SignupEssence:
        go(Screen::SignupApplicant);
        break;
    case Screen::SignupApplicant:
        go(Screen::SignupPerson);
        break;
    case Screen::SignupPerson:
        go(Screen::SignupOptions);
        break;
    case Screen::SignupOptions:
        go(Screen::SignupReview);
        break;
    default:
        break;
    }
    return true;
}

// Which step shows a field, so an error found at the end sends the visitor to it.
static Screen step_of(const std::string& field) {
    if (field == "essence") return Screen::SignupEssence;
    if (field == "bin" || field == "entity_name" || field == "authority_document")
        return Screen::SignupApplicant;
    if (field == "official") return Screen::SignupOfficial;
    if (field == "chosen_session" || field == "category") return Screen::SignupOptions;
    return Screen::SignupPerson;
}

bool KioskModel::restricted() {
    return config_.restriction_mode || restriction_mode(store_);
}

std::vector<ReceptionSession> KioskModel::sessions_to_choose(Instant now) {
    return reception::sessions_to_choose(store_, profile_, cal_, form_.official_uuid,
                                         registration_day(cal_, profile_.hours, now), restricted());
}

bool KioskModel::submit(Instant now) {
    for (Screen s : {Screen::SignupOfficial, Screen::SignupEssence, Screen::SignupApplicant,
                     Screen::SignupPerson})
        if (!check_step(s)) {
            go(s);
            return false;
        }
    Application a = signup_application();
    try {
        receipt_ = register_application(store_, profile_, cal_, a, config_.kiosk_id, now);
    } catch (const InputError& e) {
        errors_[e.field] = e.code;
        go(step_of(e.field));
        return false;
    }
    ticket_.reset();
    reprint_until_ = now + kReprintWindow;
    reprint_ = receipt_lines(now);
    print_lines(reprint_);
    go(Screen::SignupDone);
    return true;
}

// The receipt of APPC art. 64: what was accepted, when, where, by whom it will be heard, and
// what happens next (reg-29: the date and time are told within 15 working days).
std::string KioskModel::official_name(const std::string& uuid) {
    for (const auto& o : list_officials(store_))
        if (o.uuid == uuid) return full_name(o);
    return "";
}

// reg-28: the session the visitor chose, with its hours; their own time comes with the notice
// of the date, once the akim's decision books it.
std::string KioskModel::chosen_session_text() {
    if (!receipt_ || receipt_->chosen_session.empty()) return "";
    auto s = find_session(store_, receipt_->chosen_session);
    if (!s) return "";
    return tf("ui.chosen_session_receipt", {{"date", dotted_date(s->date)},
                                            {"from", hhmm(s->start_minute)},
                                            {"to", hhmm(s->end_minute)}});
}

std::string KioskModel::response_due_text() const {
    Date due = term_after(cal_, profile_.term("response_date"), receipt_->registered_on);
    return tf("ui.receipt_promise", {{"date", dotted_date(due)}});
}

std::string KioskModel::check_code_text() const {
    if (!receipt_ || config_.public_url.empty() || !is_public_code(receipt_->public_code))
        return "";
    return t("ui.receipt_check_code") + ": " + check_code_of(receipt_->public_code);
}

std::string KioskModel::sms_phone() const {
    std::string mobile = sms_number(form_.phone);
    return mobile.empty() ? "" : format_phone(mobile);
}

std::string KioskModel::notices_text() const {
    if (!receipt_ || receipt_->applicant.phone.empty()) return "";
    std::string phone = format_phone(receipt_->applicant.phone);
    return tf(receipt_->notice_consent ? "ui.notices_by_sms" : "ui.notices_by_call",
              {{"phone", phone}});
}

std::vector<print::PrintLine> KioskModel::receipt_lines(Instant now) {
    const Application& a = *receipt_;
    std::vector<print::PrintLine> lines{
        {t("ui.receipt_title"), 30, true},
        {t("ui.reg_number") + ":", 24, true},
        {a.reg_number, 48, true},
        {t("ui.accepted_at") + ": " + local_time_text(now), 24, false},
        {t("ui.registered_on") + ": " + dotted_date(a.registered_on), 24, false},
        {t("ui.accepted_where") + ": " + config_.accepted_where, 24, false}};
    std::string official = official_name(a.official_uuid);
    lines.push_back({t("ui.receipt_official") + ": " +
                         (official.empty() ? t("ui.receipt_official_later") : official),
                     24, false});
    lines.push_back({t("ui.essence") + ": " + utf8_cut(a.essence, 300), 22, false});
    if (std::string chosen = chosen_session_text(); !chosen.empty())
        lines.push_back({chosen, 24, true});
    lines.push_back({response_due_text(), 24, false});
    if (std::string notices = notices_text(); !notices.empty())
        lines.push_back({notices, 22, false});
    // The status page on the visitor's phone: the QR code, and the check code to type where
    // a phone cannot read it (no essence or name is behind either: public-pages.md).
    if (std::string check = check_code_text(); !check.empty()) {
        lines.push_back({t("ui.receipt_follow"), 22, true});
        lines.push_back(print::qr_line(
            public_application_link(config_.public_url, a.public_code, lang_code(lang_))));
        lines.push_back({check, 28, true});
        lines.push_back(
            {tf("ui.receipt_check_where", {{"link", public_lookup_link(config_.public_url)}}), 20,
             true});
    }
    lines.push_back({t("ui.receipt_status"), 22, false});
    lines.push_back({t("channel.kiosk") + " " + config_.kiosk_id, 20, false});
    return lines;
}

// Inactivity
void KioskModel::touched(Instant now) {
    last_touch_ = now;
    if (speech_.countdown_said && hush) hush(); // answered: the question need not go on
    speech_.countdown_said = false;
}

// The start screen waits for no one, unless speech or large text is on: the next visitor must
// not find them on.
int KioskModel::countdown(Instant now) const {
    if (screen_ == Screen::Start && !assisted()) return -1;
    auto idle = (now - last_touch_).count();
    if (idle < idle_limit()) return -1;
    long left = idle_limit() + config_.countdown_seconds - idle;
    return left < 0 ? 0 : int(left);
}

bool KioskModel::tick(Instant now) {
    if (screen_ == Screen::Start && !assisted()) return false;
    if (countdown(now) >= 0) speak_countdown(countdown(now));
    if ((now - last_touch_).count() < idle_limit() + config_.countdown_seconds) return false;
    reset();
    return true;
}

} // namespace reception::kiosk
