#include "lookup_model.hpp"

#include "base/public_code.hpp"
#include "base/validation.hpp"
#include "regulation/profile.hpp"
#include "schedule/schedule.hpp"
#include "staff/staff.hpp"

namespace reception::console {

// Queries
static std::string digits_only(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out += c;
    return out;
}

std::string classify_query(const std::string& query, QueryKind* kind) {
    std::string q = trim(query);
    if (q.empty()) return "empty";
    if (utf8_length(q) > 40) return reason_code(Reason::TooLong);
    bool has_letter = false;
    for (char c : q) has_letter = has_letter || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    std::string digits = digits_only(q);
    if (!has_letter && digits.size() == 12 && digits == q) {
        *kind = QueryKind::Iin;
        Reason r = check_iin(q);
        return r == Reason::Ok ? "" : reason_code(r);
    }
    if (!has_letter && check_phone(q, true) == Reason::Ok) {
        *kind = QueryKind::Phone;
        return "";
    }
    if (has_letter && !code_from_check_code(q).empty()) {
        *kind = QueryKind::CheckCode;
        return "";
    }
    if (has_letter && q.find('-') != std::string::npos) {
        *kind = QueryKind::RegNumber;
        return "";
    }
    return "lookup_not_understood";
}

bool LookupModel::search(Lang lang, Instant now) {
    results_.clear();
    detail_.reset();
    QueryKind kind = QueryKind::RegNumber;
    error_ = classify_query(query_, &kind);
    if (!error_.empty()) return false;
    if (kind == QueryKind::RegNumber || kind == QueryKind::CheckCode) {
        // A registration number may read as a check code too (a long terminal id): both tried.
        auto a = find_by_reg_number(ctx_.store, query_);
        if (!a && kind == QueryKind::CheckCode)
            a = find_by_public_code(ctx_.store, code_from_check_code(query_));
        if (a) results_.push_back(*a);
    } else {
        results_ = applications_of_caller(ctx_.store, kind == QueryKind::Phone ? query_ : "",
                                          kind == QueryKind::Iin ? query_ : "");
    }
    if (results_.empty()) {
        error_ = "lookup_nothing_found";
        return false;
    }
    if (results_.size() == 1) select(results_[0].uuid, lang, now);
    return true;
}

void LookupModel::select(const std::string& uuid, Lang lang, Instant now) {
    auto a = find_application(ctx_.store, uuid);
    if (!a) {
        error_ = "application_not_found";
        detail_.reset();
        return;
    }
    detail_ = describe_application(ctx_, *a, lang, now);
}

void LookupModel::clear() {
    query_.clear();
    error_.clear();
    results_.clear();
    detail_.reset();
}

// Words
static std::string who(Store& store, const std::string& login) {
    auto s = find_staff(store, login);
    return s ? s->full_name : login;
}

static std::string state_text(const Catalog& t, Lang lang, const std::string& code) {
    return t.text(lang, "app.state." + code);
}

static std::string event_text(const Catalog& t, Lang lang, const HistoryEvent& e) {
    if (e.kind == "registered")
        return t.format(lang, "console.event.registered",
                        {{"number", e.data.value("reg_number", "")}});
    if (e.kind == "state_changed")
        return t.format(lang, "console.event.state_changed",
                        {{"state", state_text(t, lang, e.to_state)}});
    if (e.kind == "assigned")
        return t.format(lang, "console.event.assigned", {{"who", e.data.value("to", "")}});
    if (t.has(Lang::en, "console.event." + e.kind)) return t.text(lang, "console.event." + e.kind);
    return e.kind;
}

static std::optional<ReceptionSession> session_of(Store& store, const Application& a) {
    if (a.session_uuid.empty()) return std::nullopt;
    return find_session(store, a.session_uuid);
}

LookupDetail describe_application(ConsoleContext& ctx, const Application& a, Lang lang,
                                  Instant now) {
    const Catalog& t = ctx.texts;
    LookupDetail d;
    d.app = a;
    std::vector<HistoryEvent> events = history(ctx.store, a.uuid);
    for (const auto& e : events)
        d.history.push_back(
            {local_time_text(e.at), who(ctx.store, e.actor), event_text(t, lang, e)});
    d.summary.push_back(t.format(lang, "console.lookup.summary",
                                 {{"number", a.reg_number},
                                  {"date", dotted_date(a.registered_on)},
                                  {"state", state_text(t, lang, to_code(a.state))}}));
    auto session = session_of(ctx.store, a);
    Date today = local_date(now);
    std::optional<Date> session_date;
    if (session) session_date = session->date;
    auto clocks = application_clocks(a, events, session_date, ctx.profile, ctx.cal, today);
    if (const Clock* c = nearest_open_clock(clocks)) {
        std::string key = c->state == ClockState::Overdue ? "console.lookup.overdue"
                                                          : "console.lookup.next_deadline";
        d.summary.push_back(t.format(lang, key,
                                     {{"what", t.text(lang, "clock." + c->code)},
                                      {"date", dotted_date(c->due)},
                                      {"days", std::to_string(std::abs(c->days_left(today)))}}));
    }
    if (a.state == AppState::NeedsCorrection && a.correction_due) {
        std::string missing;
        for (const auto& m : missing_for_art63(a))
            missing += (missing.empty() ? "" : ", ") + t.text(lang, "console.art63." + m);
        if (!missing.empty())
            d.summary.push_back(t.format(lang, "console.lookup.missing", {{"missing", missing}}));
    }
    if (session) {
        auto official = find_official(ctx.store, session->official_uuid);
        d.summary.push_back(t.format(lang, "console.lookup.reception",
                                     {{"date", dotted_date(session->date)},
                                      {"time", hhmm(session->start_minute)},
                                      {"official", official ? full_name(*official) : ""}}));
    }
    return d;
}

} // namespace reception::console
