#include "cases/reception_protocol.hpp"

#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "cases/applications.hpp"
#include "cases/casework.hpp"
#include "schedule/schedule.hpp"
#include "store/outbox.hpp"

#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

static void require_text(const char* field, std::string& value, size_t max_chars = 4000) {
    value = trim(value);
    if (value.empty()) throw InputError(field, reason_code(Reason::Empty));
    if (utf8_length(value) > max_chars) throw InputError(field, reason_code(Reason::TooLong));
}

// reg-10, in the order the clerk fills the form: the document, that it was seen, and for one
// acting for another the authority and that it was checked.
static void check_identity(ReceptionHeld& in, const Application& a) {
    require_text("id_document", in.id_document, 120);
    if (!in.id_checked) throw InputError("id_checked", "id_not_checked");
    // A company's representative acts for another by definition; a person may too (a proxy).
    if (a.applicant.kind == ApplicantKind::Representative) in.acting_for_another = true;
    if (!in.acting_for_another) {
        in.authority_document.clear();
        in.authority_checked = false;
        return;
    }
    if (trim(in.authority_document).empty() && !a.applicant.authority_document.empty())
        in.authority_document = a.applicant.authority_document; // as stated when applying
    require_text("authority_document", in.authority_document, 120);
    if (!in.authority_checked) throw InputError("authority_checked", "authority_not_checked");
}

// The session must have begun: a reception is not held before its time.
static ReceptionSession check_session(Store& store, const Application& a, Instant now) {
    if (a.state != AppState::Scheduled) throw InputError("state", "reception_needs_schedule");
    auto s = find_session(store, a.session_uuid);
    if (!s) throw InputError("state", "reception_needs_schedule");
    if (now < local_instant(s->date, s->start_minute))
        throw InputError("state", "reception_before_session");
    return *s;
}

static json protocol_json(const ReceptionProtocol& p) {
    return {{"uuid", p.uuid},
            {"application_uuid", p.application_uuid},
            {"number", p.number},
            {"held_on", format_date(p.held_on)},
            {"session_uuid", p.session_uuid},
            {"official_uuid", p.official_uuid},
            {"attendees", p.attendees},
            {"decision", p.decision},
            {"id_document", p.id_document},
            {"acting_for_another", p.acting_for_another},
            {"authority_document", p.authority_document},
            {"recorded_by", p.recorded_by},
            {"recorded_at", format_instant(p.recorded_at)}};
}

static void insert_protocol(Store& store, const ReceptionProtocol& p, bool authority_checked) {
    store
        .prepare("INSERT INTO reception_protocols (uuid, application_uuid, number, held_on, "
                 "session_uuid, official_uuid, attendees, decision, id_document, id_checked, "
                 "acting_for_another, authority_document, authority_checked, recorded_by, "
                 "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, "
                 "?11, ?12, ?13, ?14, ?14)")
        .bind(1, p.uuid)
        .bind(2, p.application_uuid)
        .bind(3, p.number)
        .bind(4, format_date(p.held_on))
        .bind(5, p.session_uuid)
        .bind(6, p.official_uuid)
        .bind(7, p.attendees)
        .bind(8, p.decision)
        .bind(9, p.id_document)
        .bind(10, p.acting_for_another)
        .bind(11, p.authority_document)
        .bind(12, authority_checked)
        .bind(13, p.recorded_by)
        .bind(14, format_instant(p.recorded_at))
        .run();
}

// reg-23: each instruction with its deadline, attached to the application; a refusal names
// the row ("instructions[1].due_on").
static void add_instructions(Store& store, const RegulationProfile& profile,
                             const WorkCalendar& cal, const ReceptionHeld& in,
                             const std::string& actor, Instant now) {
    for (size_t k = 0; k < in.instructions.size(); ++k) {
        Instruction i;
        i.application_uuid = in.application_uuid;
        i.text = trim(in.instructions[k].text);
        i.executor = trim(in.instructions[k].executor);
        i.due_on = in.instructions[k].due_on;
        try {
            add_instruction(store, profile, cal, i, actor, now);
        } catch (const InputError& e) {
            throw InputError("instructions[" + std::to_string(k) + "]." + e.field, e.code);
        }
    }
}

ReceptionProtocol hold_reception(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, ReceptionHeld in,
                                 const std::string& actor, Instant now) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    ReceptionProtocol p;
    store.transaction([&] {
        auto a = find_application(store, in.application_uuid);
        if (!a) throw InputError("application", "application_not_found");
        check_identity(in, *a);
        ReceptionSession s = check_session(store, *a, now);
        if (trim(in.official_uuid).empty()) in.official_uuid = s.official_uuid;
        if (!find_official(store, in.official_uuid))
            throw InputError("official", "unknown_official");
        require_text("attendees", in.attendees);
        require_text("decision", in.decision);
        p.uuid = new_uuid();
        p.application_uuid = a->uuid;
        p.held_on = local_date(now);
        p.number = serial_number(store, "PR-", "protocol", p.held_on, 4);
        p.session_uuid = s.uuid;
        p.official_uuid = in.official_uuid;
        p.attendees = in.attendees;
        p.decision = in.decision;
        p.id_document = in.id_document;
        p.acting_for_another = in.acting_for_another;
        p.authority_document = in.authority_document;
        p.recorded_by = actor;
        p.recorded_at = now;
        insert_protocol(store, p, in.authority_checked);
        append_outbox(store, "reception_protocol", p.uuid, "reception_protocol.recorded",
                      protocol_json(p));
        MoveInput m;
        m.to = AppState::Received;
        m.actor = actor;
        m.reason = p.decision;
        m.protocol_uuid = p.uuid;
        move_application(store, profile, cal, a->uuid, m, now);
        add_instructions(store, profile, cal, in, actor, now);
    });
    return p;
}

std::optional<ReceptionProtocol> protocol_of(Store& store, const std::string& application_uuid) {
    Stmt st = store.prepare("SELECT uuid, number, held_on, session_uuid, official_uuid, "
                            "attendees, decision, id_document, acting_for_another, "
                            "authority_document, recorded_by, created_at FROM "
                            "reception_protocols WHERE application_uuid = ?1");
    st.bind(1, application_uuid);
    if (!st.step()) return std::nullopt;
    ReceptionProtocol p;
    p.uuid = st.text(0);
    p.application_uuid = application_uuid;
    p.number = st.text(1);
    p.held_on = parse_date(st.text(2)).value_or(Date{});
    p.session_uuid = st.text(3);
    p.official_uuid = st.text(4);
    p.attendees = st.text(5);
    p.decision = st.text(6);
    p.id_document = st.text(7);
    p.acting_for_another = st.integer(8) != 0;
    p.authority_document = st.text(9);
    p.recorded_by = st.text(10);
    p.recorded_at = parse_instant(st.text(11)).value_or(Instant{});
    return p;
}

} // namespace reception
