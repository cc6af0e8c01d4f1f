#include "kiosk_model.hpp"

#include "restriction.hpp"

#include "print/escpos.hpp"
#include "ticket_queue.hpp"
#include "validation.hpp"

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

std::string local_time_text(Instant t) {
    Date d = local_date(t);
    int m = local_minute_of_day(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d, %02u.%02u.%04d", m / 60, m % 60, unsigned(d.day()),
                  unsigned(d.month()), int(d.year()));
    return buf;
}

KioskModel::KioskModel(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                       const Catalog& texts, KioskConfig config)
    : store_(store), profile_(profile), cal_(cal), texts_(texts), config_(std::move(config)) {
    parse_lang(config_.language, &lang_);
    // The real printer: ESC/POS raster to the configured target.
    printer = [this](const print::Raster& r) {
        return print::send_to_printer(config_.printer, print::encode_escpos(r));
    };
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
    assistance_off();
    go(Screen::Start);
}

// Taking a ticket
void KioskModel::choose_service(const std::string& code) {
    if (!profile_.service(code)) return;
    service_ = code;
    go(Screen::Category);
}

void KioskModel::choose_category(const std::string& code, Instant now) {
    TicketRequest req{config_.room, service_, code, lang_code(lang_), config_.kiosk_id};
    ticket_ = issue_ticket(store_, profile_, req, now);
    ahead_ = reception::people_ahead(store_, *ticket_);
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
    lines.push_back({local_time_text(now), 24, true});
    lines.push_back({config_.accepted_where, 20, true});
    reprint_ = lines;
    reprint_until_ = now + kReprintWindow;
    print_lines(std::move(lines));
    go(Screen::TicketDone);
}

void KioskModel::print_lines(std::vector<print::PrintLine> lines) {
    printout_ = std::move(lines);
    print_ = {};
    print_.tried = true;
    try {
        print::TextPainter painter(print::default_font());
        print::Raster r = print::render_lines(painter, printout_);
        if (!config_.preview_dir.empty()) {
            std::string name = ticket_    ? ticket_->number
                               : receipt_ ? receipt_->reg_number
                                          : "print";
            print::write_png(r, std::filesystem::path(config_.preview_dir) / (name + ".png"));
        }
        print::PrintResult res = printer(r);
        print_.ok = res.ok;
        print_.error = res.error;
    } catch (const std::exception& e) {
        // The ticket is already committed: a printer problem is told, never a lost ticket.
        print_.ok = false;
        print_.error = e.what();
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
        print_ = {true, false, t("staff.nothing_to_reprint")};
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
    form_.official_uuid = uuid;
    form_.official_chosen = true;
    errors_.clear();
    go(Screen::SignupEssence);
}

static void check_into(std::map<std::string, std::string>& errors, const char* field, Reason r) {
    if (r != Reason::Ok) errors[field] = reason_code(r);
}

bool KioskModel::check_step(Screen s) {
    errors_.clear();
    SignupForm& f = form_;
    switch (s) {
    case Screen::SignupOfficial:
        if (!f.official_chosen) errors_["official"] = "empty";
        break;
    case Screen::SignupEssence:
        // reg-5: without the essence the application is not considered.
        check_into(
            errors_, "essence",
            check_essence(f.essence, profile_.essence_min_chars, profile_.essence_max_chars));
        break;
    case Screen::SignupApplicant:
        if (f.representative) {
            check_into(errors_, "bin", check_bin(f.bin));
            if (trim(f.entity_name).empty()) errors_["entity_name"] = "empty";
            if (trim(f.authority_document).empty()) errors_["authority_document"] = "empty";
        }
        break;
    case Screen::SignupPerson:
        check_into(errors_, "surname", check_name(f.surname, true));
        check_into(errors_, "name", check_name(f.name, true));
        check_into(errors_, "patronymic", check_name(f.patronymic, false));
        // reg-11: a foreigner may have no IIN.
        if (!f.foreigner || !trim(f.iin).empty()) check_into(errors_, "iin", check_iin(f.iin));
        check_into(errors_, "phone", check_phone(f.phone, false));
        break;
    default:
        break;
    }
    return errors_.empty();
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
        if (restricted()) form_.video = true; // reg-14
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
    return Screen::SignupPerson;
}

bool KioskModel::restricted() {
    return config_.restriction_mode || restriction_mode(store_);
}

bool KioskModel::submit(Instant now) {
    for (Screen s : {Screen::SignupOfficial, Screen::SignupEssence, Screen::SignupApplicant,
                     Screen::SignupPerson})
        if (!check_step(s)) {
            go(s);
            return false;
        }
    if (restricted()) form_.video = true;
    Application a;
    a.channel = Channel::Kiosk;
    a.applicant.kind =
        form_.representative ? ApplicantKind::Representative : ApplicantKind::Individual;
    a.applicant.surname = form_.surname;
    a.applicant.name = form_.name;
    a.applicant.patronymic = form_.patronymic;
    a.applicant.iin = trim(form_.iin);
    a.applicant.phone = form_.phone;
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
    a.interpreter_needed = form_.interpreter;
    a.accepted_where = config_.accepted_where;
    try {
        receipt_ = register_application(store_, profile_, cal_, a, config_.kiosk_id, now);
    } catch (const InputError& e) {
        errors_[e.field] = e.code;
        go(step_of(e.field));
        return false;
    }
    ticket_.reset();
    reprint_until_ = now + kReprintWindow;
    reprint_ = {{t("ui.receipt_title"), 30, true},
                {t("ui.reg_number") + ":", 24, true},
                {receipt_->reg_number, 48, true},
                {t("ui.accepted_at") + ": " + local_time_text(now), 24, false},
                {t("ui.accepted_where") + ": " + config_.accepted_where, 24, false},
                {t("ui.essence") + ": " + receipt_->essence.substr(0, 300), 22, false},
                {t("channel.kiosk") + " " + config_.kiosk_id, 20, false}};
    print_lines(reprint_);
    go(Screen::SignupDone);
    return true;
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
