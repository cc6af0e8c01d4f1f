#include "cases/reception_record.hpp"

#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "store/outbox.hpp"

#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

static json record_json(const ReceptionRecord& r) {
    const ReceptionRecordInput& in = r.in;
    return json{{"uuid", r.uuid},
                {"ticket_uuid", in.ticket_uuid},
                {"room", in.room},
                {"desk", in.desk},
                {"clerk", r.clerk},
                {"visitor_name", in.visitor_name},
                {"id_document", in.id_document},
                {"id_checked", in.id_checked},
                {"representative", in.representative},
                {"authority_document", in.authority_document},
                {"authority_checked", in.authority_checked},
                {"started_at", format_instant(r.started_at)}};
}

// Throws for the first thing reg-10 lacks, in the order the clerk fills the form.
static void check_record(ReceptionRecordInput& in) {
    Reason r = check_name(in.visitor_name, false);
    if (r == Reason::TooLong && utf8_length(trim(in.visitor_name)) <= 120) r = Reason::Ok;
    if (r != Reason::Ok) throw InputError("visitor_name", reason_code(r));
    in.visitor_name = trim(in.visitor_name);
    in.id_document = trim(in.id_document);
    if (in.id_document.empty()) throw InputError("id_document", reason_code(Reason::Empty));
    if (utf8_length(in.id_document) > 120)
        throw InputError("id_document", reason_code(Reason::TooLong));
    if (!in.id_checked) throw InputError("id_checked", "id_not_checked");
    in.authority_document = trim(in.authority_document);
    if (!in.representative) {
        in.authority_document.clear();
        in.authority_checked = false;
        return;
    }
    if (in.authority_document.empty())
        throw InputError("authority_document", reason_code(Reason::Empty));
    if (utf8_length(in.authority_document) > 120)
        throw InputError("authority_document", reason_code(Reason::TooLong));
    if (!in.authority_checked) throw InputError("authority_checked", "authority_not_checked");
}

ReceptionRecord start_reception_record(Store& store, const ReceptionRecordInput& input,
                                       const std::string& clerk, Instant now) {
    if (clerk.empty()) throw InputError("actor", "actor_required");
    ReceptionRecord r;
    r.in = input;
    check_record(r.in);
    r.uuid = new_uuid();
    r.clerk = clerk;
    r.started_at = now;
    const ReceptionRecordInput& in = r.in;
    store.transaction([&] {
        store
            .prepare("INSERT INTO reception_records(uuid, ticket_uuid, room, desk, clerk, "
                     "visitor_name, id_document, id_checked, representative, "
                     "authority_document, authority_checked, started_at, updated_at) VALUES "
                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)")
            .bind(1, r.uuid)
            .bind(2, in.ticket_uuid)
            .bind(3, in.room)
            .bind(4, in.desk)
            .bind(5, clerk)
            .bind(6, in.visitor_name)
            .bind(7, in.id_document)
            .bind(8, in.id_checked)
            .bind(9, in.representative)
            .bind(10, in.authority_document)
            .bind(11, in.authority_checked)
            .bind(12, format_instant(now))
            .run();
        store.append_event("reception_record", r.uuid, "started", "", "", clerk, "reg-10",
                           json{{"ticket_uuid", in.ticket_uuid}, {"desk", in.desk}}, now);
        append_outbox(store, "reception_record", r.uuid, "reception_record.started",
                      record_json(r));
    });
    return r;
}

std::optional<ReceptionRecord> find_reception_record(Store& store, const std::string& uuid) {
    Stmt st = store.prepare("SELECT ticket_uuid, room, desk, clerk, visitor_name, id_document, "
                            "id_checked, representative, authority_document, "
                            "authority_checked, started_at FROM reception_records WHERE uuid = ?1");
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    ReceptionRecord r;
    r.uuid = uuid;
    r.in.ticket_uuid = st.text(0);
    r.in.room = st.text(1);
    r.in.desk = st.text(2);
    r.clerk = st.text(3);
    r.in.visitor_name = st.text(4);
    r.in.id_document = st.text(5);
    r.in.id_checked = st.integer(6) != 0;
    r.in.representative = st.integer(7) != 0;
    r.in.authority_document = st.text(8);
    r.in.authority_checked = st.integer(9) != 0;
    r.started_at = parse_instant(st.text(10)).value_or(Instant{});
    Stmt apps = store.prepare("SELECT application_uuid FROM reception_record_applications "
                              "WHERE record_uuid = ?1");
    apps.bind(1, uuid);
    while (apps.step()) r.application_uuids.push_back(apps.text(0));
    return r;
}

Application hand_in_application(Store& store, const RegulationProfile& profile,
                                const WorkCalendar& cal, const std::string& record_uuid,
                                Application draft, const std::string& actor, Instant now) {
    Application a;
    store.transaction([&] {
        auto record = find_reception_record(store, record_uuid);
        if (!record) throw InputError("record", "record_not_found");
        draft.from_personal_reception = true; // reg-36
        if (draft.accepted_where.empty()) draft.accepted_where = "desk " + record->in.desk;
        a = register_application(store, profile, cal, draft, actor, now);
        store
            .prepare("INSERT INTO reception_record_applications(record_uuid, application_uuid) "
                     "VALUES (?1, ?2)")
            .bind(1, record_uuid)
            .bind(2, a.uuid)
            .run();
        store.append_event("reception_record", record_uuid, "application_handed_in", "", "", actor,
                           "reg-36",
                           json{{"application_uuid", a.uuid}, {"reg_number", a.reg_number}}, now);
        append_outbox(store, "reception_record", record_uuid, "reception_record.application_added",
                      json{{"record_uuid", record_uuid}, {"application_uuid", a.uuid}});
    });
    return a;
}

} // namespace reception
