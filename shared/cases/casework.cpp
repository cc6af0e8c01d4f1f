#include "cases/casework.hpp"

#include "base/uuid.hpp"
#include "cases/bookings.hpp"
#include "cases/deadlines.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"
#include "store/outbox.hpp"
#include "store/record_fields.hpp"

#include <algorithm>

namespace reception {

using nlohmann::json;

static Application must_find(Store& store, const std::string& uuid) {
    auto a = find_application(store, uuid);
    if (!a) throw InputError("application", "application_not_found");
    return *a;
}

static void require_text(const std::string& field, const std::string& value) {
    if (value.find_first_not_of(" \t\r\n") == std::string::npos) throw InputError(field, "empty");
}

// Moves with their notices
Application move_and_notify(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                            const std::string& uuid, const MoveInput& in, Instant now) {
    Application a;
    store.transaction([&] {
        a = move_application(store, profile, cal, uuid, in, now);
        auto n = notice_for_move(store, a, in, profile, cal, local_date(now));
        if (n) plan_notice(store, *n, now);
    });
    return a;
}

// The note to the akim (reg-26)
void attach_note(Store& store, const std::string& uuid, const std::string& proposal,
                 const std::string& text, const std::string& actor, Instant now) {
    if (proposal != "date" && proposal != "refusal")
        throw InputError("proposal", "proposal_required");
    require_text("text", text);
    if (actor.empty()) throw InputError("actor", "actor_required");
    store.transaction([&] {
        Application a = must_find(store, uuid);
        if (is_final(a.state)) throw InputError("state", "transition_not_allowed");
        record_application_event(store, uuid, event_kind::kNoteAttached, actor, text,
                                 {{"proposal", proposal}}, now);
    });
}

// Scheduling (reg-27..29, reg-14)
int booked_in(Store& store, const std::string& session_uuid) {
    Stmt st = store.prepare("SELECT count(*) FROM applications WHERE session_uuid = ?1 AND state "
                            "IN ('scheduled', 'received', 'on_control', 'answered')");
    st.bind(1, session_uuid);
    st.step();
    return int(st.integer(0));
}

// The marks of one session for an application whose term ends on term_ends.
static SessionOffer offer_of(const ReceptionSession& s, Date term_ends, const RegulationProfile& p,
                             const WorkCalendar& cal, Date today) {
    SessionOffer o;
    o.session = s;
    o.note_due = term_before(cal, p.term("note_before_reception"), s.date);
    o.note_late = o.note_due < today;
    o.term_ends = term_ends;
    o.after_response_term = s.date > term_ends;
    return o;
}

static Date term_ends(Store& store, const RegulationProfile& p, const WorkCalendar& cal,
                      const Application& a, Date today) {
    return response_clock(a, history(store, a.uuid), p, cal, today).due;
}

std::vector<SessionOffer> sessions_to_offer(Store& store, const RegulationProfile& profile,
                                            const WorkCalendar& cal, const Application& a,
                                            Date today, int days) {
    Date ends = term_ends(store, profile, cal, a, today);
    std::vector<SessionOffer> out;
    for (const auto& s : sessions_between(store, today, add_days(today, days))) {
        if (s.cancelled) continue;
        SessionOffer o = offer_of(s, ends, profile, cal, today);
        o.booked = booked_in(store, s.uuid);
        o.capacity = session_capacity(profile, s);
        o.chosen = s.uuid == a.chosen_session;
        o.needs_consent = s.mode == SessionMode::Video && !a.video_consent;
        out.push_back(o);
    }
    auto rank = [&](const SessionOffer& o) {
        return o.chosen ? 0 : o.session.official_uuid == a.official_uuid ? 1 : 2;
    };
    std::stable_sort(out.begin(), out.end(), [&](const SessionOffer& x, const SessionOffer& y) {
        return rank(x) < rank(y);
    });
    return out;
}

// reg-12, 28: an out-of-turn booking goes before those already booked, so their times move on
// by a slot. Whoever was already told a time is told the new one: a notice of the date of
// reception again, due by the working day before the session.
static void retell_moved_times(Store& store, const WorkCalendar& cal, const ReceptionSession& s,
                               const std::vector<SessionPerson>& before,
                               const std::vector<SessionPerson>& after, Instant now) {
    for (const auto& was : before) {
        bool told = false;
        for (const auto& n : notices_of(store, was.app.uuid))
            told |= n.about == "reception_date" && n.sent_on.has_value();
        for (const auto& p : after) {
            if (p.app.uuid != was.app.uuid || p.start_minute == was.start_minute || !told) continue;
            Notice n;
            n.application_uuid = p.app.uuid;
            n.about = "reception_date";
            n.item = "reg-28";
            n.channel = p.app.applicant.phone.empty() ? "letter" : "phone";
            n.due_on = std::max(local_date(now), cal.sub_working_days(s.date, 1));
            n.text = hhmm(was.start_minute) + " → " + hhmm(p.start_minute);
            plan_notice(store, n, now);
        }
    }
}

Application schedule_application(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, const std::string& uuid,
                                 const std::string& session_uuid, bool restriction_mode,
                                 const std::string& actor, Instant now, Booked* booked) {
    Application a;
    store.transaction([&] {
        auto s = find_session(store, session_uuid);
        if (!s) throw InputError("session", "session_not_found");
        if (s->cancelled) throw InputError("session", "session_cancelled");
        if (s->date < local_date(now)) throw InputError("session", "session_past");
        // reg-14: under restrictions every new booking is by video.
        if (restriction_mode && s->mode != SessionMode::Video)
            throw InputError("session", "session_not_video");
        Application before = must_find(store, uuid);
        // reg-13: by video only with the applicant's consent, recorded before the booking.
        if (s->mode == SessionMode::Video && !before.video_consent)
            throw InputError("session", "no_video_consent");
        // reg-28: a time for each person; a session with no time left takes nobody more.
        if (before.session_uuid != session_uuid &&
            booked_in(store, session_uuid) >= session_capacity(profile, *s))
            throw InputError("session", "session_full");
        Date today = local_date(now);
        SessionOffer offer =
            offer_of(*s, term_ends(store, profile, cal, before, today), profile, cal, today);
        MoveInput in;
        in.to = AppState::Scheduled;
        in.actor = actor;
        in.session_uuid = session_uuid;
        auto earlier = session_persons(store, profile, *s, restriction_mode);
        a = move_and_notify(store, profile, cal, uuid, in, now);
        // reg-28: the place and the time in the session's order (reg-12 categories first).
        SessionPerson me;
        auto persons = session_persons(store, profile, *s, restriction_mode);
        for (const auto& p : persons)
            if (p.app.uuid == uuid) me = p;
        retell_moved_times(store, cal, *s, earlier, persons, now);
        int place = me.position;
        record_application_event(store, uuid, "booked", actor, "",
                                 {{"session", session_uuid},
                                  {"date", format_date(s->date)},
                                  {"position", place},
                                  {"start", hhmm(me.start_minute)},
                                  {"mode", to_code(s->mode)},
                                  {"note_late", offer.note_late},
                                  {"after_response_term", offer.after_response_term}},
                                 now);
        if (booked) *booked = Booked{place, me.start_minute, offer};
    });
    return a;
}

// reg-9: an ad-hoc session, checked by the schedule loader like any other session.
ReceptionSession add_ad_hoc_session(Store& store, const RegulationProfile& profile,
                                    const WorkCalendar& cal, ReceptionSession s,
                                    const std::string& reason, const std::string& actor,
                                    Instant now) {
    require_text("reason", reason);
    if (actor.empty()) throw InputError("actor", "actor_required");
    if (s.date < local_date(now)) throw InputError("date", "session_past");
    if (!cal.is_working_day(s.date)) throw InputError("date", "not_working_day");
    if (s.uuid.empty()) s.uuid = new_uuid();
    // The loader checks the times; these are within a day once the range is checked here.
    if (s.start_minute < 0 || s.end_minute > 24 * 60) throw InputError("start", "bad_time");
    json doc = {{"sessions", json::array({{{"uuid", s.uuid},
                                           {"official", s.official_uuid},
                                           {"room", s.room_uuid},
                                           {"date", format_date(s.date)},
                                           {"start", hhmm(s.start_minute)},
                                           {"end", hhmm(s.end_minute)},
                                           {"mode", to_code(s.mode)},
                                           {"ad_hoc", true}}})}};
    store.transaction([&] {
        try {
            load_schedule(store, profile, cal, doc, now);
        } catch (const InputError& e) { // "sessions[0].official" -> "official"
            std::string field = e.field.substr(e.field.rfind('.') + 1);
            throw InputError(field, e.code);
        }
        store.append_event("session", s.uuid, "session_added", "", "", actor, reason,
                           {{"item", "reg-9"}}, now);
    });
    return *find_session(store, s.uuid);
}

// reg-16: a cancelled session's bookings go to the same official's next session; under
// restrictions (reg-14) only to the next one by video, for it is the only way to be received.
static std::optional<ReceptionSession> next_session_of(Store& store, const std::string& official,
                                                       Date after, bool video_only) {
    Stmt st = store.prepare("SELECT uuid FROM sessions WHERE official_uuid = ?1 AND cancelled = 0 "
                            "AND date > ?2 AND (?3 = 0 OR mode = 'video') "
                            "ORDER BY date, start_minute LIMIT 1");
    st.bind(1, official).bind(2, format_date(after)).bind(3, video_only ? 1 : 0);
    if (!st.step()) return std::nullopt;
    return find_session(store, st.text(0));
}

// Why a booking of a cancelled session is left for staff to place, or "" when it can move to
// `next`: none there, no consent to the video it would be (reg-13), or no time left (reg-28).
static std::string why_not_moved(Store& store, const RegulationProfile& profile,
                                 const std::optional<ReceptionSession>& next, const Application& a,
                                 bool restricted) {
    if (!next) return restricted ? "no_video_session" : "no_later_session";
    if (next->mode == SessionMode::Video && !a.video_consent) return "no_video_consent";
    if (booked_in(store, next->uuid) >= session_capacity(profile, *next)) return "session_full";
    return "";
}

Cancellation cancel_session(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                            const std::string& session_uuid, const std::string& reason,
                            const std::string& actor, Instant now) {
    require_text("reason", reason);
    if (actor.empty()) throw InputError("actor", "actor_required");
    Cancellation out;
    Date today = local_date(now);
    store.transaction([&] {
        auto s = find_session(store, session_uuid);
        if (!s) throw InputError("session", "session_not_found");
        if (s->cancelled) throw InputError("session", "session_cancelled");
        if (s->date < today) throw InputError("session", "session_past");
        Clock c = cancellation_clock(s->date, today, profile, cal, today);
        out.notified_in_time = c.state == ClockState::Met || today == s->date;
        store
            .prepare("UPDATE sessions SET cancelled = 1, cancel_reason = ?2, updated_at = ?3 "
                     "WHERE uuid = ?1")
            .bind(1, session_uuid)
            .bind(2, reason)
            .bind(3, format_instant(now))
            .run();
        // The whole session, not only the reason: a kiosk that pulls it must stop offering it,
        // and the server orders versions by updated_at (sync/common/rules.hpp).
        ReceptionSession cancelled = *s;
        cancelled.cancelled = true;
        cancelled.cancel_reason = reason;
        cancelled.updated_at = now;
        append_outbox(store, "session", session_uuid, "session.cancelled", session_json(cancelled));
        store.append_event("session", session_uuid, "session_cancelled", "", "", actor, reason,
                           {{"in_time", out.notified_in_time}}, now);

        Stmt st = store.prepare("SELECT uuid FROM applications WHERE session_uuid = ?1 AND "
                                "state = 'scheduled' ORDER BY registered_on, received_at");
        st.bind(1, session_uuid);
        std::vector<std::string> booked;
        while (st.step()) booked.push_back(st.text(0));
        bool restricted = restriction_mode(store);
        auto next = next_session_of(store, s->official_uuid, std::max(s->date, today), restricted);
        for (const auto& uuid : booked) {
            MovedBooking m{uuid, "", {}, ""};
            m.left_because =
                why_not_moved(store, profile, next, must_find(store, uuid), restricted);
            if (m.left_because.empty()) {
                MoveInput in;
                in.to = AppState::Scheduled;
                in.actor = actor;
                in.reason = reason;
                in.session_uuid = next->uuid;
                move_application(store, profile, cal, uuid, in, now);
                m.to_session = next->uuid;
                m.to_date = next->date;
            }
            Application a = must_find(store, uuid);
            Notice n;
            n.application_uuid = uuid;
            n.about = "session_cancelled";
            n.item = "reg-16";
            n.channel = a.applicant.phone.empty() ? "letter" : "phone";
            n.due_on = today; // at once: the applicant may be on the way
            plan_notice(store, n, now);
            out.moved.push_back(m);
        }
    });
    return out;
}

// Other bodies (reg-18..20)
void request_other_body(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                        const std::string& uuid, const std::string& body, const std::string& actor,
                        Instant now) {
    require_text("body", body);
    store.transaction([&] {
        Application a = must_find(store, uuid);
        if (is_final(a.state)) throw InputError("state", "transition_not_allowed");
        record_application_event(store, uuid, event_kind::kOtherBodyRequested, actor, "",
                                 {{"body", body}}, now);
        Notice n;
        n.application_uuid = uuid;
        n.about = "other_body";
        n.item = "reg-19";
        n.channel = a.applicant.phone.empty() ? "letter" : "phone";
        n.due_on = term_after(cal, profile.term("other_body_notice"), local_date(now));
        n.text = body;
        plan_notice(store, n, now);
    });
}

void other_body_refused(Store& store, const std::string& uuid, const std::string& body,
                        const std::string& actor, Instant now) {
    require_text("body", body);
    store.transaction([&] {
        must_find(store, uuid);
        record_application_event(store, uuid, event_kind::kOtherBodyRefused, actor, "",
                                 {{"body", body}}, now);
    });
}

void report_refusal(Store& store, const std::string& uuid, const std::string& actor, Instant now) {
    store.transaction([&] {
        must_find(store, uuid);
        record_application_event(store, uuid, event_kind::kRefusalReported, actor, "",
                                 json::object(), now);
    });
}

// Hearings (reg-32, 33)
bool is_hearing_way(const std::string& way) {
    return way == "in_person" || way == "video" || way == "phone" || way == "written";
}

// A hearing's protocol: the columns of `hearings` and the keys of its outbox payload.
static const RecordField<Hearing> kHearingFields[] = {
    RECORD_TEXT(Hearing, uuid, uuid),
    RECORD_TEXT(Hearing, application_uuid, application_uuid),
    RECORD_DATE(Hearing, held_on, held_on),
    RECORD_TEXT(Hearing, way, way), // '' for a hearing recorded before the store had the column
    RECORD_NUMBER_OR_NULL(Hearing, start_minute, start_minute),
    RECORD_NUMBER_OR_NULL(Hearing, end_minute, end_minute),
    RECORD_TEXT(Hearing, place, place),
    RECORD_TEXT(Hearing, chaired_by, chaired_by),
    RECORD_TEXT(Hearing, secretary, secretary),
    RECORD_TEXT(Hearing, participants, participants),
    RECORD_FLAG(Hearing, applicant_present, applicant_present),
    RECORD_TEXT(Hearing, objections, objections),
    RECORD_FLAG(Hearing, no_objections, no_objections),
    RECORD_OPT_DATE(Hearing, objections_on, objections_on),
    RECORD_TEXT(Hearing, conclusion, conclusion),
    RECORD_TEXT(Hearing, reasons, reasons),
};

// reg-33: what APPC art. 73 and 74 ask the protocol to hold, in the order the form shows it.
static void check_protocol(const Hearing& h) {
    if (!is_hearing_way(h.way)) throw InputError("way", "hearing_way_required");
    if (h.start_minute < 0 || h.start_minute >= 24 * 60) throw InputError("start", "bad_time");
    if (h.end_minute < 0 || h.end_minute > 24 * 60) throw InputError("end", "bad_time");
    if (h.end_minute <= h.start_minute) throw InputError("end", "hearing_end_before_start");
    require_text("place", h.place);
    require_text("chaired_by", h.chaired_by);
    require_text("secretary", h.secretary);
    require_text("participants", h.participants);
    // The applicant's objections, or a plain statement that there were none: a blank field
    // cannot tell "none" from "not written down".
    bool said = h.objections.find_first_not_of(" \t\r\n") != std::string::npos;
    if (said == h.no_objections) throw InputError("objections", "objections_or_none");
    require_text("reasons", h.reasons);
}

Hearing record_hearing(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                       Hearing h, const std::string& actor, Instant now) {
    check_protocol(h);
    if (h.conclusion != "refuse" && h.conclusion != "schedule")
        throw InputError("conclusion", "conclusion_required");
    if (actor.empty()) throw InputError("actor", "actor_required");
    if (h.uuid.empty()) h.uuid = new_uuid();
    store.transaction([&] {
        Application a = must_find(store, h.application_uuid);
        if (a.state != AppState::RefusalDraftSent && a.state != AppState::Hearing)
            throw InputError("state", "hearing_without_draft");
        MoveContext ctx = move_context(store, profile, cal, a, local_date(now));
        // reg-32: the applicant has the objection term from the day the draft was sent; a
        // hearing before it ends (or before the draft went out) would cut that short, unless
        // the applicant is there to speak.
        if (!h.applicant_present && !ctx.draft_sent_on)
            throw InputError("state", "refusal_draft_not_sent");
        if (!h.applicant_present &&
            h.held_on <= term_after(cal, profile.term("objection"), *ctx.draft_sent_on))
            throw InputError("held_on", "hearing_before_objection_term");
        static const std::string sql =
            insert_sql("hearings", kHearingFields, {"recorded_by", "created_at", "updated_at"});
        Stmt ins = store.prepare(sql.c_str());
        bind_record(kHearingFields, h, ins);
        bind_extra(kHearingFields, ins, {actor, format_instant(now), format_instant(now)});
        ins.run();
        append_outbox(store, "hearing", h.uuid, "hearing.recorded", record_json(kHearingFields, h));
        if (a.state == AppState::RefusalDraftSent) {
            MoveInput in;
            in.to = AppState::Hearing;
            in.actor = actor;
            in.reason = h.reasons;
            move_application(store, profile, cal, a.uuid, in, now);
        }
    });
    return h;
}

std::vector<Hearing> hearings_of(Store& store, const std::string& application_uuid) {
    return read_records(store, kHearingFields, "hearings",
                        "WHERE application_uuid = ?1 ORDER BY held_on, created_at",
                        application_uuid);
}

// Instructions and control (reg-23, 34, 35)
static const RecordField<Instruction> kInstructionFields[] = {
    RECORD_TEXT(Instruction, uuid, uuid),
    RECORD_TEXT(Instruction, application_uuid, application_uuid),
    RECORD_TEXT(Instruction, text, text),
    RECORD_TEXT(Instruction, executor, executor),
    RECORD_DATE(Instruction, due_on, due_on),
    RECORD_OPT_DATE(Instruction, done_on, done_on),
    RECORD_TEXT(Instruction, report, report),
};

static std::vector<Instruction> instructions_where(Store& store, const char* where,
                                                   const std::string& arg = "") {
    return read_records(store, kInstructionFields, "instructions", where, arg);
}

Instruction add_instruction(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                            Instruction in, const std::string& actor, Instant now) {
    require_text("text", in.text);
    require_text("executor", in.executor);
    if (actor.empty()) throw InputError("actor", "actor_required");
    // reg-23: instructions with concrete deadlines, not in the past.
    if (in.due_on < local_date(now)) throw InputError("due_on", "due_in_past");
    if (in.uuid.empty()) in.uuid = new_uuid();
    store.transaction([&] {
        Application a = must_find(store, in.application_uuid);
        if (a.state != AppState::Received && a.state != AppState::OnControl)
            throw InputError("state", "instruction_needs_reception");
        static const std::string sql = insert_sql("instructions", kInstructionFields,
                                                  {"created_by", "created_at", "updated_at"});
        Stmt ins = store.prepare(sql.c_str());
        bind_record(kInstructionFields, in, ins);
        bind_extra(kInstructionFields, ins, {actor, format_instant(now), format_instant(now)});
        ins.run();
        append_outbox(store, "instruction", in.uuid, "instruction.added",
                      record_json(kInstructionFields, in));
        if (a.state == AppState::Received) { // reg-34: on control from the first instruction
            MoveInput m;
            m.to = AppState::OnControl;
            m.actor = actor;
            m.reason = in.text;
            move_application(store, profile, cal, a.uuid, m, now);
        }
    });
    return in;
}

Instruction complete_instruction(Store& store, const std::string& uuid, const std::string& report,
                                 const std::string& actor, Instant now) {
    require_text("report", report);
    if (actor.empty()) throw InputError("actor", "actor_required");
    Instruction i;
    store.transaction([&] {
        auto found = instructions_where(store, "WHERE uuid = ?1", uuid);
        if (found.empty()) throw InputError("instruction", "instruction_not_found");
        i = found.front();
        if (i.done_on) throw InputError("instruction", "instruction_already_done");
        i.done_on = local_date(now);
        i.report = report;
        store
            .prepare("UPDATE instructions SET done_on = ?2, report = ?3, updated_at = ?4 "
                     "WHERE uuid = ?1")
            .bind(1, uuid)
            .bind(2, format_date(*i.done_on))
            .bind(3, report)
            .bind(4, format_instant(now))
            .run();
        append_outbox(store, "instruction", uuid, "instruction.done",
                      record_json(kInstructionFields, i));
        record_application_event(store, i.application_uuid, "instruction_done", actor, report,
                                 {{"instruction", uuid}, {"late", *i.done_on > i.due_on}}, now);
    });
    return i;
}

std::vector<Instruction> instructions_of(Store& store, const std::string& application_uuid) {
    return instructions_where(store, "WHERE application_uuid = ?1 ORDER BY due_on",
                              application_uuid);
}

std::vector<Instruction> instructions_open(Store& store) {
    return instructions_where(store, "WHERE done_on IS NULL ORDER BY due_on");
}

// The final answer (reg-35)
Application give_final_answer(Store& store, const RegulationProfile& profile,
                              const WorkCalendar& cal, const std::string& uuid,
                              const std::string& outcome, const std::string& answer,
                              const std::string& actor, Instant now) {
    if (outcome != "resolved" && outcome != "consultation" && outcome != "explained")
        throw InputError("outcome", "outcome_required");
    require_text("answer", answer);
    Application a;
    store.transaction([&] {
        for (const auto& i : instructions_of(store, uuid))
            if (!i.done_on) throw InputError("instructions", "instructions_open");
        MoveInput in;
        in.to = AppState::Answered;
        in.actor = actor;
        in.reason = answer;
        a = move_application(store, profile, cal, uuid, in, now);
        record_application_event(store, uuid, "final_answer", actor, answer, {{"outcome", outcome}},
                                 now);
        // Planned, not marked sent: the letter goes out when someone sends it and says so.
        Notice n;
        n.application_uuid = uuid;
        n.about = "answer";
        n.item = "reg-35";
        n.channel = "letter";
        n.due_on = local_date(now);
        n.text = answer;
        plan_notice(store, n, now);
    });
    return a;
}

} // namespace reception
