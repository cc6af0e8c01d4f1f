#include "cases/reception_protocol.hpp"

#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "cases/applications.hpp"
#include "cases/casework.hpp"
#include "schedule/schedule.hpp"
#include "store/outbox.hpp"
#include "store/record_fields.hpp"

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

// The columns of `reception_protocols` and the keys of its outbox payload; the time it was
// recorded is the row's created_at.
static const RecordField<ReceptionProtocol> kProtocolFields[] = {
    RECORD_TEXT(ReceptionProtocol, uuid, uuid),
    RECORD_TEXT(ReceptionProtocol, application_uuid, application_uuid),
    RECORD_TEXT(ReceptionProtocol, number, number),
    RECORD_DATE(ReceptionProtocol, held_on, held_on),
    RECORD_TEXT(ReceptionProtocol, session_uuid, session_uuid),
    RECORD_TEXT(ReceptionProtocol, official_uuid, official_uuid),
    RECORD_TEXT(ReceptionProtocol, attendees, attendees),
    RECORD_TEXT(ReceptionProtocol, decision, decision),
    RECORD_TEXT(ReceptionProtocol, id_document, id_document),
    RECORD_FLAG(ReceptionProtocol, acting_for_another, acting_for_another),
    RECORD_TEXT(ReceptionProtocol, authority_document, authority_document),
    RECORD_TEXT(ReceptionProtocol, recorded_by, recorded_by),
    RECORD_INSTANT(ReceptionProtocol, created_at, recorded_at),
};

// reg-10: the identity document was checked (the only way a protocol is written), and the
// authority when one acts for another.
static void insert_protocol(Store& store, const ReceptionProtocol& p, bool authority_checked) {
    static const std::string sql = insert_sql("reception_protocols", kProtocolFields,
                                              {"id_checked", "authority_checked", "updated_at"});
    Stmt ins = store.prepare(sql.c_str());
    bind_record(kProtocolFields, p, ins);
    int at = int(std::size(kProtocolFields));
    ins.bind(at + 1, 1).bind(at + 2, authority_checked).bind(at + 3, format_instant(p.recorded_at));
    ins.run();
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
                      record_json(kProtocolFields, p));
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
    auto found = read_records(store, kProtocolFields, "reception_protocols",
                              "WHERE application_uuid = ?1", application_uuid);
    if (found.empty()) return std::nullopt;
    return found.front();
}

} // namespace reception
