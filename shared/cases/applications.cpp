#include "cases/applications.hpp"

#include "cases/application_fields.hpp"
#include "cases/bookings.hpp"
#include "cases/deadlines.hpp"
#include "cases/handlers.hpp"
#include "cases/notices.hpp"

#include "base/public_code.hpp"
#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "schedule/restriction.hpp"
#include "store/outbox.hpp"
#include "store/record_fields.hpp"

#include <algorithm>
#include <cstdio>

namespace reception {
using nlohmann::json;

// Rows <-> structs
// An application's fields in one list (store/record_fields.hpp): its columns, its outbox
// payload and its write. NULL when empty: the correction's due day, and the oral protocol
// number (unique when there is one).
using AppField = RecordField<Application>;

static const AppField kAppFields[] = {
    RECORD_TEXT(Application, uuid, uuid),
    RECORD_TEXT(Application, reg_number, reg_number),
    {"oral_protocol_number", Kept::TextOrNull,
     [](const Application& a) { return a.oral_protocol_number; },
     [](Application& a, const std::string& v) { a.oral_protocol_number = v; }},
    RECORD_CODE(Application, channel, channel),
    RECORD_CODE(Application, applicant_kind, applicant.kind),
    RECORD_TEXT(Application, surname, applicant.surname),
    RECORD_TEXT(Application, name, applicant.name),
    RECORD_TEXT(Application, patronymic, applicant.patronymic),
    RECORD_TEXT(Application, iin, applicant.iin),
    RECORD_TEXT(Application, phone, applicant.phone),
    RECORD_TEXT(Application, email, applicant.email),
    RECORD_TEXT(Application, address, applicant.address),
    RECORD_TEXT(Application, entity_name, applicant.entity_name),
    RECORD_TEXT(Application, bin, applicant.bin),
    RECORD_TEXT(Application, authority_document, applicant.authority_document),
    RECORD_FLAG(Application, foreigner, applicant.foreigner),
    RECORD_TEXT(Application, essence, essence),
    RECORD_TEXT(Application, official_uuid, official_uuid),
    RECORD_TEXT(Application, topic, topic),
    RECORD_TEXT(Application, language, language),
    RECORD_FLAG(Application, interpreter_needed, interpreter_needed),
    RECORD_FLAG(Application, video_consent, video_consent),
    RECORD_FLAG(Application, notice_consent, notice_consent),
    RECORD_FLAG(Application, notice_opted_out, notice_opted_out),
    RECORD_TEXT(Application, category, category),
    RECORD_TEXT(Application, chosen_session, chosen_session),
    RECORD_FLAG(Application, from_personal_reception, from_personal_reception),
    RECORD_TEXT(Application, previous_handler, previous_handler),
    RECORD_TEXT(Application, assigned_to, assigned_to),
    RECORD_CODE(Application, state, state),
    RECORD_INSTANT(Application, received_at, received_at),
    RECORD_DATE(Application, registered_on, registered_on),
    RECORD_TEXT(Application, accepted_by, accepted_by),
    RECORD_TEXT(Application, accepted_where, accepted_where),
    RECORD_TEXT(Application, refusal_ground, refusal_ground),
    {"correction_due", Kept::TextOrNull,
     [](const Application& a) {
         return a.correction_due ? format_date(*a.correction_due) : std::string();
     },
     [](Application& a, const std::string& v) { a.correction_due = parse_date(v); }},
    RECORD_TEXT(Application, session_uuid, session_uuid),
    RECORD_TEXT(Application, profile_id, profile_id),
    RECORD_TEXT(Application, public_code, public_code),
    RECORD_INSTANT(Application, updated_at, updated_at),
};

static Application app_from_row(const Stmt& st) {
    return record_from_row(kAppFields, st);
}

json application_json(const Application& a) {
    return record_json(kAppFields, a);
}

Application application_from_json(const json& payload) {
    return record_from_json(kAppFields, payload);
}

// Inserts the application, or saves every field of one already there.
static void write_application(Store& store, const Application& a) {
    static const std::string sql = upsert_sql("applications", kAppFields);
    Stmt st = store.prepare(sql.c_str());
    bind_record(kAppFields, a, st);
    st.run();
}

void save_application_change(Store& store, const Application& a, const std::string& kind) {
    if (!store.in_transaction())
        throw StoreError("store_io", "application change outside a transaction");
    write_application(store, a);
    append_outbox(store, "application", a.uuid, "application." + kind, application_json(a));
}

// Registration
Date registration_day(const WorkCalendar& cal, const WorkingHours& hours, Instant arrival) {
    Date d = local_date(arrival);
    if (cal.is_working_day(d) && local_minute_of_day(arrival) < hours.end) return d;
    return cal.next_working_day(d);
}

std::vector<std::string> missing_for_art63(const Application& a) {
    const Applicant& p = a.applicant;
    std::vector<std::string> missing;
    if (trim(p.surname).empty()) missing.push_back("surname");
    if (trim(p.name).empty()) missing.push_back("name");
    // The postal address is an item of its own: a phone number to call back is no address to
    // send the answer to (reg-6, as every intake form says).
    if (trim(p.address).empty()) missing.push_back("address");
    if (p.kind == ApplicantKind::Representative) {
        if (trim(p.entity_name).empty()) missing.push_back("entity_name");
        if (trim(p.authority_document).empty()) missing.push_back("authority_document");
    }
    return missing;
}

// Throws InputError for what makes an application impossible to store: no essence (reg-5),
// or a number typed wrong (the applicant is asked again, nothing is kept half-right).
static void check_input(const RegulationProfile& profile, Application& a) {
    for (const char* field : {"essence", "surname", "name", "patronymic", "iin", "phone", "email",
                              "bin", "topic", "language"})
        if (std::string e = application_field_problem(a, field, profile, FieldRules{}); !e.empty())
            throw InputError(field, e);
    a.essence = trim(a.essence);
    a.topic = trim(a.topic);
    Applicant& p = a.applicant;
    for (std::string* name : {&p.surname, &p.name, &p.patronymic}) *name = trim(*name);
    Phone phone;
    p.phone = check_phone(p.phone, true, &phone) == Reason::Ok ? phone.e164 : "";
    p.email = trim(p.email);
    if (a.notice_opted_out) a.notice_consent = false;
    if (p.kind != ApplicantKind::Representative) p.bin.clear();
    if (!a.category.empty() && !profile.category(a.category))
        throw InputError("category", "unknown_category"); // reg-12
    if (!profile.is_oral_channel(to_code(a.channel)) &&
        std::find(profile.channels.begin(), profile.channels.end(), to_code(a.channel)) ==
            profile.channels.end())
        throw InputError("channel", "unknown_channel");
}

static long long next_serial(Store& store, const std::string& scope) {
    Stmt st = store.prepare("INSERT INTO number_counters(scope, last) VALUES (?1, 1) "
                            "ON CONFLICT(scope) DO UPDATE SET last = last + 1 RETURNING last");
    st.bind(1, scope);
    st.step();
    return st.integer(0);
}

std::string serial_number(Store& store, const char* prefix, const char* scope, Date day,
                          int digits) {
    int year = int(day.year());
    long long n = next_serial(store, std::string(scope) + ":" + std::to_string(year));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s-%d-%0*lld", prefix, store.terminal_id().c_str(), year,
                  digits, n);
    return buf;
}

// "K1-2026-00042": the terminal, the year of registration and a serial, so two terminals that
// register offline never give the same number.
static std::string registration_number(Store& store, Date registered_on) {
    return serial_number(store, "", "reg", registered_on, 5);
}

static std::string oral_protocol_number(Store& store, Date registered_on) {
    return serial_number(store, "OP-", "oral", registered_on, 4);
}

static void save_move(Store& store, Application& a, AppState from, const MoveInput& in, json data,
                      Instant now);

Application register_application(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, Application a, const std::string& actor,
                                 Instant now) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    check_input(profile, a);
    a.previous_handler = trim(a.previous_handler);
    check_previous_handler(store, a.previous_handler); // reg-37: an account, not a typed name
    a.uuid = new_uuid();
    a.state = AppState::Registered;
    a.received_at = a.updated_at = now;
    a.registered_on = registration_day(cal, profile.hours, now);
    a.accepted_by = a.accepted_by.empty() ? actor : a.accepted_by;
    a.profile_id = profile.id;
    // Made here, not asked of the server: an application taken offline has its page at once.
    if (!is_public_code(a.public_code)) a.public_code = new_public_code();
    std::vector<std::string> missing = missing_for_art63(a);
    store.transaction([&] {
        a.reg_number = registration_number(store, a.registered_on);
        if (profile.is_oral_channel(to_code(a.channel)))
            a.oral_protocol_number = oral_protocol_number(store, a.registered_on);
        // reg-28: a session the applicant chose must still have a place for them.
        check_chosen_session(store, profile, cal, a, restriction_mode(store));
        write_application(store, a);
        store.append_event("application", a.uuid, "registered", "", to_code(a.state), actor,
                           "reg-25",
                           json{{"reg_number", a.reg_number},
                                {"registered_on", format_date(a.registered_on)},
                                {"profile", a.profile_id}},
                           now);
        append_outbox(store, "application", a.uuid, "application.registered", application_json(a));
        // The consent to SMS or e-mail given with the application (the operator's tick, the
        // visitor's at the kiosk) is in the history as one given later is (notice_channel.hpp).
        if (a.notice_consent)
            store.append_event("application", a.uuid, "notice_consent", to_code(a.state),
                               to_code(a.state), actor, "with the application", json::object(),
                               now);
        if (missing.empty()) return;
        // reg-6: accepted all the same, and the applicant is told what to add and by when.
        MoveInput in;
        in.to = AppState::NeedsCorrection;
        in.actor = actor;
        for (const auto& m : missing) in.missing += (in.missing.empty() ? "" : ",") + m;
        a.correction_due = term_after(cal, profile.term("correction"), a.registered_on);
        in.correction_due = a.correction_due;
        save_move(store, a, AppState::Registered, in, json::object(), now);
        // Counted from the day of registration: after hours that is the next working day.
        if (auto n = notice_for_move(store, a, in, profile, cal, a.registered_on))
            plan_notice(store, *n, now);
    });
    return a;
}

// Lookups
static std::string select_apps(const char* where) {
    return "SELECT " + select_columns(kAppFields) + " FROM applications WHERE " + where;
}

std::optional<Application> find_application(Store& store, const std::string& uuid) {
    static const std::string sql = select_apps("uuid = ?1");
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    return app_from_row(st);
}

std::optional<Application> find_by_reg_number(Store& store, const std::string& reg_number) {
    // In any letter case: a terminal id may hold letters ("T3f9a-2026-00001"), and an operator
    // reads the number off a letter and types it as it comes. NOCASE folds ASCII only, which is
    // all a registration number holds; the table is small enough for the scan this makes.
    static const std::string sql =
        select_apps("reg_number = ?1 COLLATE NOCASE OR oral_protocol_number = ?1 COLLATE NOCASE");
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, trim(reg_number));
    if (!st.step()) return std::nullopt;
    return app_from_row(st);
}

std::optional<Application> find_by_public_code(Store& store, const std::string& code) {
    if (!is_public_code(code)) return std::nullopt;
    // No index: a room's table is small, and a lookup is one operator's search.
    static const std::string sql = select_apps("public_code = ?1");
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, code);
    if (!st.step()) return std::nullopt;
    return app_from_row(st);
}

// The applications of a caller known by phone (any way it is typed) or IIN, `sql` picking them.
static std::vector<Application> applications_by_caller(Store& store, const std::string& sql,
                                                       const std::string& phone,
                                                       const std::string& iin) {
    Phone p;
    std::string normalised = check_phone(phone, true, &p) == Reason::Ok ? p.e164 : "";
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, normalised).bind(2, trim(iin));
    std::vector<Application> out;
    while (st.step()) out.push_back(app_from_row(st));
    return out;
}

std::vector<Application> open_applications_of(Store& store, const std::string& phone,
                                              const std::string& iin) {
    static const std::string sql =
        select_apps("((?1 <> '' AND phone = ?1) OR (?2 <> '' AND iin = ?2)) "
                    "AND state NOT IN ('returned', 'refused', 'answered', 'withdrawn') "
                    "ORDER BY received_at");
    return applications_by_caller(store, sql, phone, iin);
}

std::vector<Application> applications_of_caller(Store& store, const std::string& phone,
                                                const std::string& iin) {
    static const std::string sql =
        select_apps("((?1 <> '' AND phone = ?1) OR (?2 <> '' AND iin = ?2)) "
                    "ORDER BY received_at DESC LIMIT 50");
    return applications_by_caller(store, sql, phone, iin);
}

std::vector<Application> applications_registered_between(Store& store, Date first, Date last) {
    static const std::string sql =
        select_apps("registered_on BETWEEN ?1 AND ?2 ORDER BY registered_on, received_at");
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, format_date(first)).bind(2, format_date(last));
    std::vector<Application> out;
    while (st.step()) out.push_back(app_from_row(st));
    return out;
}

std::vector<Application> open_applications(Store& store) {
    static const std::string sql =
        select_apps("state NOT IN ('returned', 'refused', 'answered', 'withdrawn') "
                    "ORDER BY registered_on, received_at");
    Stmt st = store.prepare(sql.c_str());
    std::vector<Application> out;
    while (st.step()) out.push_back(app_from_row(st));
    return out;
}

HistoryEvent history_event_from_json(const json& ev) {
    auto text = [&](const char* key) {
        auto it = ev.find(key);
        return it != ev.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    HistoryEvent e;
    e.uuid = text("uuid");
    e.kind = text("kind");
    e.from_state = text("from");
    e.to_state = text("to");
    e.actor = text("actor");
    e.reason = text("reason");
    auto data = ev.find("data");
    e.data = data != ev.end() && data->is_object() ? *data : json::object();
    e.at = parse_instant(text("at")).value_or(Instant{});
    return e;
}

std::vector<HistoryEvent> history(Store& store, const std::string& entity_uuid) {
    Stmt st = store.prepare("SELECT uuid, kind, from_state, to_state, actor, reason, data, at "
                            "FROM events WHERE entity_uuid = ?1 ORDER BY seq");
    st.bind(1, entity_uuid);
    std::vector<HistoryEvent> out;
    while (st.step()) {
        HistoryEvent e;
        e.uuid = st.text(0);
        e.kind = st.text(1);
        e.from_state = st.text(2);
        e.to_state = st.text(3);
        e.actor = st.text(4);
        e.reason = st.text(5);
        e.data = json::parse(st.text(6), nullptr, false);
        e.at = parse_instant(st.text(7)).value_or(Instant{});
        out.push_back(std::move(e));
    }
    return out;
}

MoveContext move_context(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                         const Application& a, Date today) {
    MoveContext ctx;
    ctx.today = today;
    ctx.correction_due = a.correction_due;
    std::vector<HistoryEvent> events = history(store, a.uuid);
    if (auto draft = current_refusal_draft(events)) {
        ctx.draft_sent_on = draft->sent_on;
        ctx.decision_on = draft->decision_on;
    }
    ctx.term_ends = response_clock(a, events, profile, cal, today).due;
    for (const auto& e : events) {
        if (e.kind == "state_changed" && e.to_state == "extended") {
            std::string kind = e.data.value("extension", "");
            ctx.extended_by_letter |= kind == "letter";
            ctx.extended_by_decision |= kind == "decision";
        }
    }
    return ctx;
}

// Moves
static json move_data(const MoveInput& in) {
    json d = json::object();
    if (!in.refusal_ground.empty()) d["refusal_ground"] = in.refusal_ground;
    if (!in.missing.empty()) d["missing"] = in.missing;
    if (in.correction_due) d["correction_due"] = format_date(*in.correction_due);
    if (in.decision_on) d["decision_on"] = format_date(*in.decision_on);
    if (!in.extension.empty()) d["extension"] = in.extension;
    if (!in.decided_by.empty()) d["decided_by"] = in.decided_by;
    if (!in.session_uuid.empty()) d["session_uuid"] = in.session_uuid;
    if (!in.protocol_uuid.empty()) d["protocol_uuid"] = in.protocol_uuid;
    return d;
}

static void save_move(Store& store, Application& a, AppState from, const MoveInput& in, json data,
                      Instant now) {
    a.state = in.to;
    a.updated_at = now;
    write_application(store, a);
    data.update(move_data(in));
    data["item"] = move_item(from, in.to);
    store.append_event("application", a.uuid, "state_changed", to_code(from), to_code(in.to),
                       in.actor, in.reason, data, now);
    append_outbox(store, "application", a.uuid, "application.state_changed", application_json(a));
}

// The applicant's details a correction changed (APPC art. 63): field, old and new.
static json changed_fields(const Applicant& before, const Applicant& after) {
    json changed = json::object();
    auto note = [&](const char* field, const std::string& was, const std::string& now) {
        if (was != now) changed[field] = {{"was", was}, {"now", now}};
    };
    note("surname", before.surname, after.surname);
    note("name", before.name, after.name);
    note("patronymic", before.patronymic, after.patronymic);
    note("iin", before.iin, after.iin);
    note("phone", before.phone, after.phone);
    note("address", before.address, after.address);
    note("entity_name", before.entity_name, after.entity_name);
    note("bin", before.bin, after.bin);
    note("authority_document", before.authority_document, after.authority_document);
    return changed;
}

Application correct_application(Store& store, const RegulationProfile& profile,
                                const WorkCalendar& cal, const std::string& uuid,
                                const Applicant& corrected, const std::string& actor, Instant now) {
    Application a;
    store.transaction([&] {
        auto found = find_application(store, uuid);
        if (!found) throw InputError("application", "application_not_found");
        a = *found;
        Applicant before = a.applicant;
        a.applicant = corrected;
        a.applicant.kind = before.kind; // who applies does not change with a correction
        a.applicant.foreigner = before.foreigner;
        check_input(profile, a);
        std::vector<std::string> missing = missing_for_art63(a);
        if (!missing.empty()) throw InputError(missing.front(), "still_missing");
        MoveInput in;
        in.to = AppState::Corrected;
        in.actor = actor;
        in.reason = "reg-6";
        std::string refused = check_move(
            a.state, in, move_context(store, profile, cal, a, local_date(now)), profile, cal);
        if (!refused.empty()) throw InputError("state", refused);
        a.correction_due.reset(); // save_move writes the corrected details with the move
        save_move(store, a, a.state, in, {{"corrected", changed_fields(before, a.applicant)}}, now);
    });
    return a;
}

Application record_video_consent(Store& store, const std::string& uuid, const std::string& how,
                                 const std::string& actor, Instant now) {
    if (trim(how).empty()) throw InputError("how", "empty");
    if (actor.empty()) throw InputError("actor", "actor_required");
    Application a;
    store.transaction([&] {
        auto found = find_application(store, uuid);
        if (!found) throw InputError("application", "application_not_found");
        a = *found;
        if (is_final(a.state)) throw InputError("state", "transition_not_allowed");
        if (a.video_consent) return;
        a.video_consent = true;
        a.updated_at = now;
        write_application(store, a);
        store.append_event("application", a.uuid, "video_consent", to_code(a.state),
                           to_code(a.state), actor, trim(how), json{{"item", "reg-13"}}, now);
        append_outbox(store, "application", a.uuid, "application.video_consent",
                      application_json(a));
    });
    return a;
}

Application move_application(Store& store, const RegulationProfile& profile,
                             const WorkCalendar& cal, const std::string& uuid, const MoveInput& in,
                             Instant now) {
    Application a;
    store.transaction([&] {
        auto found = find_application(store, uuid);
        if (!found) throw InputError("application", "application_not_found");
        a = *found;
        Date today = local_date(now);
        std::string refused =
            check_move(a.state, in, move_context(store, profile, cal, a, today), profile, cal);
        if (!refused.empty()) throw InputError("state", refused);
        // reg-15.5: a withdrawal is the applicant's own statement; its words are the reason.
        if (in.to == AppState::Withdrawn && trim(in.reason).empty())
            throw InputError("reason", "empty");
        AppState from = a.state;
        if (in.to == AppState::NeedsCorrection)
            a.correction_due = in.correction_due
                                   ? *in.correction_due
                                   : term_after(cal, profile.term("correction"), today);
        if (in.to == AppState::Corrected) a.correction_due.reset();
        if (in.to == AppState::Refused) a.refusal_ground = in.refusal_ground;
        if (in.to == AppState::Scheduled) a.session_uuid = in.session_uuid;
        MoveInput stored = in;
        stored.correction_due = a.correction_due;
        save_move(store, a, from, stored, json::object(), now);
    });
    return a;
}

Application assign_application(Store& store, const std::string& uuid, const std::string& employee,
                               const std::string& actor, Instant now) {
    Application a;
    store.transaction([&] {
        auto found = find_application(store, uuid);
        if (!found) throw InputError("application", "application_not_found");
        a = *found;
        // reg-37: a staff account, and nobody who handled it (or, from a reception, the
        // applicant's earlier applications) before.
        check_new_handler(store, a, employee);
        if (employee == a.assigned_to) return;
        std::string before = a.assigned_to;
        a.assigned_to = employee;
        a.updated_at = now;
        write_application(store, a);
        store.append_event("application", a.uuid, "assigned", to_code(a.state), to_code(a.state),
                           actor, "", json{{"from", before}, {"to", employee}, {"item", "reg-25"}},
                           now);
        append_outbox(store, "application", a.uuid, "application.assigned", application_json(a));
    });
    return a;
}

void record_application_event(Store& store, const std::string& uuid, const std::string& kind,
                              const std::string& actor, const std::string& reason, const json& data,
                              Instant now) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    store.transaction([&] {
        auto a = find_application(store, uuid);
        if (!a) throw InputError("application", "application_not_found");
        store.append_event("application", uuid, kind, to_code(a->state), to_code(a->state), actor,
                           reason, data, now);
    });
}

} // namespace reception
