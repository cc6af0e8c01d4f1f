#include "intake_form.hpp"

#include "base/public_code.hpp"
#include "base/validation.hpp"
#include "cases/application_fields.hpp"
#include "cases/bookings.hpp"
#include "regulation/calendar.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"

#include <algorithm>

namespace reception::console {

// Checks
FieldErrors check_intake(const IntakeForm& f, const RegulationProfile& profile,
                         bool phone_required) {
    Application a = application_from(f, Channel::Phone);
    FieldRules rules;
    rules.phone_required = phone_required;
    FieldErrors e;
    for (const char* field :
         {"surname", "name", "patronymic", "phone", "email", "iin", "essence", "topic", "address",
          "bin", "entity_name", "previous_handler", "language"}) {
        std::string problem = application_field_problem(a, field, profile, rules);
        if (problem.empty()) continue;
        // reg-5: said outright, since without the essence the application is not considered.
        e[field] =
            field == std::string("essence") && problem == "empty" ? "essence_required" : problem;
    }
    return e;
}

Application application_from(const IntakeForm& f, Channel channel) {
    Application a;
    a.channel = channel;
    Applicant& p = a.applicant;
    p.kind = f.representative ? ApplicantKind::Representative : ApplicantKind::Individual;
    p.surname = f.surname;
    p.name = f.name;
    p.patronymic = f.patronymic;
    p.phone = trim(f.phone);
    p.iin = trim(f.iin);
    p.address = trim(f.address);
    p.email = trim(f.email);
    a.notice_consent = f.notice_consent; // SMS or e-mail by the server, else phone or letter
    if (f.representative) {
        p.bin = trim(f.bin);
        p.entity_name = trim(f.entity_name);
    }
    a.essence = f.essence;
    a.official_uuid = f.official_uuid;
    a.topic = f.topic;
    a.language = f.language;
    a.video_consent = f.video_consent;
    a.interpreter_needed = f.interpreter_needed;
    a.category = f.category;             // reg-12
    a.chosen_session = f.chosen_session; // reg-28
    a.previous_handler = trim(f.previous_handler);
    return a;
}

const std::vector<std::string>& intake_channels() {
    static const std::vector<std::string> c = {"phone", "egov_portal", "eotinish", "paper"};
    return c;
}

const std::vector<std::string>& desk_channels() {
    static const std::vector<std::string> c = {"paper", "oral_in_person"};
    return c;
}

Channel form_channel(const IntakeForm& f, const std::vector<std::string>& offered) {
    std::string code = f.channel.empty() ? offered.front() : f.channel;
    Channel c = Channel::Paper;
    if (std::find(offered.begin(), offered.end(), code) == offered.end() || !from_code(code, &c))
        throw InputError("channel", "unknown_channel");
    return c;
}

std::vector<std::string> missing_art63(const IntakeForm& f) {
    return missing_for_art63(application_from(f, Channel::Phone));
}

// The model
const std::vector<Application>& IntakeModel::open_of_caller() {
    std::string key = trim(form_.phone) + "|" + trim(form_.iin);
    if (key == open_key_) return open_;
    open_key_ = key;
    duplicates_ok_ = false;
    // Only numbers that are valid find anything; half-typed ones cost no query.
    bool phone_ok = check_phone(form_.phone, true) == Reason::Ok;
    bool iin_ok = check_iin(form_.iin) == Reason::Ok;
    open_.clear();
    if (phone_ok || iin_ok)
        open_ =
            open_applications_of(ctx_.store, phone_ok ? form_.phone : "", iin_ok ? form_.iin : "");
    return open_;
}

std::vector<ReceptionSession> IntakeModel::sessions_to_choose(Instant now) const {
    return reception::sessions_to_choose(ctx_.store, ctx_.profile, ctx_.cal, form_.official_uuid,
                                         registration_day(ctx_.cal, ctx_.profile.hours, now),
                                         restriction_mode(ctx_.store));
}

SaveResult IntakeModel::save(const std::string& actor, Instant now) {
    if (saved_) return SaveResult::AlreadySaved; // a second Enter never makes a second one
    Channel channel = Channel::Phone;
    if (!run_action(errors_, [&] { channel = form_channel(form_, intake_channels()); }))
        return SaveResult::Invalid;
    errors_ = check_intake(form_, ctx_.profile, channel == Channel::Phone);
    if (!errors_.empty()) return SaveResult::Invalid;
    if (!open_of_caller().empty() && !duplicates_ok_) {
        duplicates_ok_ = true; // shown now: the next Enter registers a new one
        return SaveResult::DuplicatesShown;
    }
    Application draft = application_from(form_, channel);
    draft.accepted_where = ctx_.cfg.accepted_where;
    try {
        saved_ = register_application(ctx_.store, ctx_.profile, ctx_.cal, draft, actor, now);
    } catch (const InputError& e) {
        errors_[e.field] = e.code == "empty" && e.field == "essence" ? "essence_required" : e.code;
        return SaveResult::Invalid;
    }
    return SaveResult::Saved;
}

void IntakeModel::new_call() {
    form_ = IntakeForm{};
    errors_.clear();
    saved_.reset();
    open_.clear();
    open_key_ = "\x01";
    duplicates_ok_ = false;
}

std::vector<std::string> IntakeModel::read_back(Instant now) const {
    if (!saved_) return {};
    Lang lang = saved_->language == "ru" ? Lang::ru : Lang::kk;
    return read_back_lines(ctx_, *saved_, lang, now);
}

std::vector<std::string> read_back_lines(const ConsoleContext& ctx, const Application& a, Lang lang,
                                         Instant now) {
    const Catalog& t = ctx.texts;
    std::vector<std::string> out;
    out.push_back(t.format(lang, "console.readback.number", {{"number", a.reg_number}}));
    if (!a.oral_protocol_number.empty())
        out.push_back(
            t.format(lang, "console.readback.protocol", {{"protocol", a.oral_protocol_number}}));
    // reg-25: outside working hours or on a day off it counts from the next working day.
    std::string key = a.registered_on == local_date(now) ? "console.readback.registered_today"
                                                         : "console.readback.registered_later";
    out.push_back(t.format(lang, key, {{"date", dotted_date(a.registered_on)}}));
    if (a.state == AppState::NeedsCorrection && a.correction_due) {
        std::string missing;
        for (const auto& m : missing_for_art63(a))
            missing += (missing.empty() ? "" : ", ") + t.text(lang, "console.art63." + m);
        out.push_back(t.format(lang, "console.readback.needs_correction",
                               {{"missing", missing}, {"date", dotted_date(*a.correction_due)}}));
    }
    // The receipt a caller cannot be handed (APPC art. 64): the status page and its code.
    if (!ctx.cfg.public_url.empty() && is_public_code(a.public_code))
        out.push_back(t.format(lang, "console.readback.status_page",
                               {{"link", public_lookup_link(ctx.cfg.public_url)},
                                {"check", check_code_of(a.public_code)}}));
    out.push_back(t.text(lang, "ui.signup_next_steps"));
    return out;
}

} // namespace reception::console
