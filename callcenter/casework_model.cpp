#include "casework_model.hpp"

#include "base/validation.hpp"
#include "cases/handlers.hpp"
#include "cases/hearing_pdf.hpp"
#include "cases/notice_channel.hpp"
#include "regulation/profile.hpp"
#include "schedule/schedule.hpp"
#include "staff/staff.hpp"

#include <algorithm>
#include <cstdio>

namespace reception::console {

const char* to_code(CaseAction a) {
    switch (a) {
    case CaseAction::Review:
        return "review";
    case CaseAction::Assign:
        return "assign";
    case CaseAction::Note:
        return "note";
    case CaseAction::AskCorrection:
        return "ask_correction";
    case CaseAction::Corrected:
        return "corrected";
    case CaseAction::Return:
        return "return";
    case CaseAction::Withdraw:
        return "withdraw";
    case CaseAction::DraftRefusal:
        return "draft_refusal";
    case CaseAction::Hearing:
        return "hearing";
    case CaseAction::Refuse:
        return "refuse";
    case CaseAction::Schedule:
        return "schedule";
    case CaseAction::Extend:
        return "extend";
    case CaseAction::OtherBody:
        return "other_body";
    case CaseAction::OtherBodyRefused:
        return "other_body_refused";
    case CaseAction::ReportRefusal:
        return "report_refusal";
    case CaseAction::Received:
        return "received";
    case CaseAction::Instruction:
        return "instruction";
    case CaseAction::InstructionDone:
        return "instruction_done";
    case CaseAction::Answer:
        return "answer";
    }
    return "";
}

std::optional<Date> parse_typed_date(const std::string& text) {
    std::string s = trim(text);
    if (auto iso = parse_date(s)) return iso;
    unsigned d = 0, m = 0;
    int y = 0;
    char tail = 0;
    if (std::sscanf(s.c_str(), "%2u.%2u.%4d%c", &d, &m, &y, &tail) != 3) return std::nullopt;
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", y, m, d);
    return parse_date(iso);
}

std::optional<int> parse_typed_time(const std::string& text) {
    std::string s = trim(text);
    unsigned h = 0, m = 0;
    char tail = 0;
    if (std::sscanf(s.c_str(), "%2u:%2u%c", &h, &m, &tail) != 2 || h > 23 || m > 59)
        return std::nullopt;
    return int(h * 60 + m);
}

// The list -----------------------------------------------------------------------------

void CaseworkModel::refresh(Instant now) {
    Date today = local_date(now);
    items_ = work_list(ctx_.store, ctx_.profile, ctx_.cal, filter_, today);
    overdue_ = int(std::count_if(items_.begin(), items_.end(),
                                 [&](const WorkItem& w) { return w.overdue(today); }));
    notices_due_ = 0;
    for (const auto& n : notices_open(ctx_.store))
        if (n.due_on <= today) ++notices_due_;
}

void CaseworkModel::select(const std::string& uuid, Lang lang, Instant now) {
    action_.reset();
    printed_ = {};
    booked_.reset();
    errors_.clear();
    done_.clear();
    form_ = {};
    auto a = find_application(ctx_.store, uuid);
    if (!a) {
        selected_.reset();
        detail_.reset();
        return;
    }
    selected_ = work_item(ctx_.store, ctx_.profile, ctx_.cal, *a, local_date(now));
    reload(lang, now);
}

void CaseworkModel::reload(Lang lang, Instant now) {
    const Application& a = selected_->app;
    detail_ = describe_application(ctx_, a, lang, now);
    notices_ = notices_of(ctx_.store, a.uuid);
    words_.clear();
    hearings_ = hearings_of(ctx_.store, a.uuid);
    instructions_ = instructions_of(ctx_.store, a.uuid);
    protocol_ = protocol_of(ctx_.store, a.uuid);
    session_ = a.session_uuid.empty() ? std::nullopt : find_session(ctx_.store, a.session_uuid);
    handler_ = handler_label(ctx_.store, a.assigned_to);
    earlier_logins_ = reception::earlier_handlers(ctx_.store, a);
    earlier_labels_.clear();
    for (const auto& who : earlier_logins_)
        earlier_labels_.push_back(handler_label(ctx_.store, who));
}

std::vector<CaseworkModel::HandlerChoice> CaseworkModel::handlers_to_offer() const {
    std::vector<HandlerChoice> out;
    for (const auto& s : list_staff(ctx_.store)) {
        if (!s.active || s.role != StaffRole::Responsible) continue;
        bool before = std::find(earlier_logins_.begin(), earlier_logins_.end(), s.login) !=
                      earlier_logins_.end();
        out.push_back({s.login, s.full_name + " (" + s.login + ")", before});
    }
    return out;
}

// What may be done -----------------------------------------------------------------------

std::vector<CaseAction> CaseworkModel::actions() const {
    std::vector<CaseAction> out;
    if (!selected_) return out;
    using A = CaseAction;
    switch (selected_->app.state) {
    case AppState::Registered:
        out = {A::Review, A::Assign, A::AskCorrection, A::OtherBody, A::Withdraw};
        break;
    case AppState::InReview:
        out = {A::Assign, A::Note,      A::Schedule,      A::DraftRefusal,
               A::Extend, A::OtherBody, A::AskCorrection, A::Withdraw};
        break;
    case AppState::NeedsCorrection:
        out = {A::Corrected, A::Return, A::Withdraw};
        break;
    case AppState::Corrected:
        out = {A::Review, A::Withdraw};
        break;
    case AppState::Extended:
        out = {A::Note, A::Schedule, A::DraftRefusal, A::Extend, A::OtherBody, A::Withdraw};
        break;
    case AppState::RefusalDraftSent:
        out = {A::Hearing, A::Refuse, A::Schedule, A::Withdraw};
        break;
    case AppState::Hearing:
        out = {A::Refuse, A::Schedule, A::Withdraw};
        break;
    case AppState::Scheduled:
        out = {A::Note, A::Received, A::Schedule, A::Withdraw};
        break;
    case AppState::Received:
        out = {A::Instruction, A::Answer};
        break;
    case AppState::OnControl:
        out = {A::Instruction, A::InstructionDone, A::Answer};
        break;
    default:
        break; // final: nothing more
    }
    // reg-20: once another body was asked, its refusal and the report of it.
    if (!is_final(selected_->app.state)) {
        for (const auto& c : selected_->clocks)
            if (c.code == "reg19_other_body_notice") {
                out.push_back(A::OtherBodyRefused);
                break;
            }
        for (const auto& c : selected_->clocks)
            if (c.code == "reg20_other_body_refusal_report" && !c.done_on) {
                out.push_back(A::ReportRefusal);
                break;
            }
    }
    return out;
}

const std::string& CaseworkModel::notice_words(const Notice& n) const {
    auto it = words_.find(n.uuid);
    if (it == words_.end())
        it =
            words_.emplace(n.uuid, reception::notice_words(ctx_.store, ctx_.profile, n, ctx_.texts))
                .first;
    return it->second;
}

std::vector<SessionOffer> CaseworkModel::sessions_to_book(Instant now) const {
    if (!selected_) return {};
    return sessions_to_offer(ctx_.store, ctx_.profile, ctx_.cal, selected_->app, local_date(now));
}

// The form -----------------------------------------------------------------------------

void CaseworkModel::choose(CaseAction a, Instant now) {
    action_ = a;
    errors_.clear();
    done_.clear();
    booked_.reset();
    form_ = {};
    Date today = local_date(now);
    if (a == CaseAction::Hearing) form_.held_on = dotted_date(today);
    if (a == CaseAction::Schedule && selected_) // reg-28: the session the applicant chose
        form_.session_uuid = selected_->app.chosen_session;
    if (a == CaseAction::Corrected && selected_) form_.applicant = selected_->app.applicant;
    if (a == CaseAction::DraftRefusal) // reg-32: the earliest lawful decision day
        form_.decision_on =
            dotted_date(term_after(ctx_.cal, ctx_.profile.term("draft_refusal_before"), today));
    if (a == CaseAction::Instruction) form_.due_on = dotted_date(add_days(today, 10));
    if (a == CaseAction::Received && selected_) { // reg-10, 23: what is known already
        const Application& app = selected_->app;
        if (session_) form_.official_uuid = session_->official_uuid;
        form_.acting_for_another = app.applicant.kind == ApplicantKind::Representative;
        form_.authority_document = app.applicant.authority_document;
        form_.protocol_instructions.resize(1);
    }
    if (a == CaseAction::InstructionDone)
        for (const auto& i : instructions_)
            if (!i.done_on) {
                form_.instruction_uuid = i.uuid;
                break;
            }
    if (!ctx_.profile.refusal_grounds.empty()) form_.ground = ctx_.profile.refusal_grounds[0].code;
}

std::optional<Date> CaseworkModel::date_field(const char* field, const std::string& text) {
    auto d = parse_typed_date(text);
    if (!d) throw InputError(field, trim(text).empty() ? "empty" : "bad_date");
    return d;
}

static int time_field(const char* field, const std::string& text) {
    auto t = parse_typed_time(text);
    if (!t) throw InputError(field, trim(text).empty() ? "empty" : "bad_time");
    return *t;
}

static MoveInput move_to(AppState to, const std::string& actor, const std::string& reason) {
    MoveInput in;
    in.to = to;
    in.actor = actor;
    in.reason = reason;
    return in;
}

void CaseworkModel::run(const std::string& actor, bool restriction_mode, Instant now) {
    Store& s = ctx_.store;
    const RegulationProfile& p = ctx_.profile;
    const WorkCalendar& cal = ctx_.cal;
    const std::string uuid = selected_->app.uuid;
    CaseForm& f = form_;
    auto move = [&](MoveInput in) { move_and_notify(s, p, cal, uuid, in, now); };
    switch (*action_) {
    case CaseAction::Review:
        move(move_to(AppState::InReview, actor, f.reason));
        break;
    case CaseAction::Assign: // reg-37: an account; the core refuses an earlier handler
        assign_application(s, uuid, f.employee, actor, now);
        break;
    case CaseAction::Note:
        attach_note(s, uuid, f.proposal, f.note_text, actor, now);
        break;
    case CaseAction::AskCorrection: {
        if (trim(f.missing).empty()) throw InputError("missing", "empty");
        MoveInput in = move_to(AppState::NeedsCorrection, actor, f.reason);
        in.missing = f.missing;
        move(in);
        break;
    }
    case CaseAction::Corrected: // reg-6: with what the applicant brought
        correct_application(s, p, cal, uuid, f.applicant, actor, now);
        break;
    case CaseAction::Return:
        move(move_to(AppState::Returned, actor, f.reason));
        break;
    case CaseAction::Withdraw:
        move(move_to(AppState::Withdrawn, actor, f.reason));
        break;
    case CaseAction::DraftRefusal: {
        MoveInput in = move_to(AppState::RefusalDraftSent, actor, f.reason);
        in.refusal_ground = f.ground;
        in.decision_on = date_field("decision_on", f.decision_on);
        move(in);
        break;
    }
    case CaseAction::Hearing: {
        Hearing h;
        h.application_uuid = uuid;
        h.held_on = *date_field("held_on", f.held_on);
        h.way = f.way;
        h.start_minute = time_field("start", f.start_time);
        h.end_minute = time_field("end", f.end_time);
        h.place = f.place;
        h.chaired_by = f.chaired_by;
        h.secretary = f.secretary;
        h.participants = f.participants;
        h.applicant_present = f.applicant_present;
        h.objections = f.objections;
        h.no_objections = f.no_objections;
        h.conclusion = f.conclusion;
        h.reasons = f.hearing_reasons;
        record_hearing(s, p, cal, h, actor, now);
        break;
    }
    case CaseAction::Refuse: {
        MoveInput in = move_to(AppState::Refused, actor, f.reason);
        in.refusal_ground = f.ground;
        move(in);
        break;
    }
    case CaseAction::Schedule: {
        if (f.session_uuid.empty()) throw InputError("session", "session_required");
        Booked b;
        s.transaction([&] { // the consent and the booking, or neither
            // reg-13: the consent the applicant gives the clerk now, before the booking.
            if (f.video_consent_now) record_video_consent(s, uuid, f.consent_how, actor, now);
            schedule_application(s, p, cal, uuid, f.session_uuid, restriction_mode, actor, now, &b);
        });
        booked_ = b;
        break;
    }
    case CaseAction::Extend: {
        MoveInput in = move_to(AppState::Extended, actor, f.reason);
        in.extension = f.extension;
        in.decided_by = f.decided_by;
        move(in);
        break;
    }
    case CaseAction::OtherBody:
        request_other_body(s, p, cal, uuid, f.body, actor, now);
        break;
    case CaseAction::OtherBodyRefused:
        other_body_refused(s, uuid, f.body, actor, now);
        break;
    case CaseAction::ReportRefusal:
        report_refusal(s, uuid, actor, now);
        break;
    case CaseAction::Received:
        hold(actor, now);
        break;
    case CaseAction::Instruction: {
        Instruction i;
        i.application_uuid = uuid;
        i.text = f.instruction_text;
        i.executor = f.executor;
        i.due_on = *date_field("due_on", f.due_on);
        add_instruction(s, p, cal, i, actor, now);
        break;
    }
    case CaseAction::InstructionDone:
        complete_instruction(s, f.instruction_uuid, f.report, actor, now);
        break;
    case CaseAction::Answer:
        give_final_answer(s, p, cal, uuid, f.outcome, f.answer, actor, now);
        break;
    }
}

// reg-10, 23: the reception held, with its checks and its protocol (hold_reception refuses
// what is missing).
void CaseworkModel::hold(const std::string& actor, Instant now) {
    const CaseForm& f = form_;
    ReceptionHeld h;
    h.application_uuid = selected_->app.uuid;
    h.id_document = f.id_document;
    h.id_checked = f.id_checked;
    h.acting_for_another = f.acting_for_another;
    h.authority_document = f.authority_document;
    h.authority_checked = f.authority_checked;
    h.official_uuid = f.official_uuid;
    h.attendees = f.attendees;
    h.decision = f.decision;
    // Blank rows at the end are the form's spare ones; the rest are given, so a row's number
    // is the one the core names in its refusal ("instructions[1].due_on").
    size_t given = f.protocol_instructions.size();
    while (given > 0) {
        const auto& row = f.protocol_instructions[given - 1];
        if (!trim(row.text + row.executor + row.due_on).empty()) break;
        --given;
    }
    for (size_t k = 0; k < given; ++k) {
        const auto& row = f.protocol_instructions[k];
        std::string field = "instructions[" + std::to_string(k) + "].due_on";
        h.instructions.push_back({row.text, row.executor, *date_field(field.c_str(), row.due_on)});
    }
    hold_reception(ctx_.store, ctx_.profile, ctx_.cal, h, actor, now);
}

// After an action: the list again, and the chosen application as it now stands.
void CaseworkModel::reselect(Lang lang, Instant now) {
    refresh(now);
    if (!selected_) return;
    auto a = find_application(ctx_.store, selected_->app.uuid);
    selected_ = work_item(ctx_.store, ctx_.profile, ctx_.cal, *a, local_date(now));
    reload(lang, now);
}

bool CaseworkModel::apply(const std::string& actor, bool restriction_mode, Lang lang, Instant now) {
    errors_.clear();
    done_.clear();
    if (!selected_ || !action_) return false;
    if (!run_action(errors_, [&] { run(actor, restriction_mode, now); })) return false;
    done_ = to_code(*action_);
    action_.reset();
    form_ = {};
    reselect(lang, now);
    return true;
}

bool CaseworkModel::print_hearing(const std::string& hearing_uuid) {
    printed_ = {};
    if (!selected_) return false;
    const Hearing* h = nullptr;
    for (const auto& x : hearings_)
        if (x.uuid == hearing_uuid) h = &x;
    if (!h) return false;
    std::filesystem::path dir = export_dir(&printed_.error);
    if (dir.empty()) return false;
    const Application& a = selected_->app;
    std::string base = "hearing-" + a.reg_number + "-" + format_date(h->held_on);
    for (Lang lang : {Lang::kk, Lang::ru}) { // signed in the language chosen; both are ready
        std::string file = (dir / (base + "." + lang_code(lang) + ".pdf")).string();
        if (!write_hearing_protocol(*h, a, ctx_.texts, lang, file, &printed_.error)) return false;
        printed_.files.push_back(file);
    }
    return true;
}

bool CaseworkModel::mark_sent(const std::string& notice_uuid, const std::string& channel,
                              const std::string& actor, Lang lang, Instant now) {
    errors_.clear();
    if (!run_action(errors_,
                    [&] { mark_notice_sent(ctx_.store, notice_uuid, actor, now, channel); }))
        return false;
    done_ = "notice_sent";
    reselect(lang, now);
    return true;
}

bool CaseworkModel::notice_opt_out(const std::string& actor, Lang lang, Instant now) {
    errors_.clear();
    if (!selected_) return false;
    std::string uuid = selected_->app.uuid;
    if (!run_action(errors_,
                    [&] { record_notice_opt_out(ctx_.store, uuid, "by phone", actor, now); }))
        return false;
    done_ = "notice_opt_out";
    reselect(lang, now);
    return true;
}

} // namespace reception::console
