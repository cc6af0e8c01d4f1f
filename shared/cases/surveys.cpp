#include "cases/surveys.hpp"

#include "base/uuid.hpp"
#include "store/outbox.hpp"

namespace reception {

// The call list
// Event times are stored in UTC; the room counts local days (UTC+5), so the SQL shifts them.
std::vector<SurveyCall> survey_call_list(Store& store, Date first, Date last) {
    Stmt st = store.prepare(
        "SELECT a.uuid, a.reg_number, trim(a.surname || ' ' || a.name || ' ' || a.patronymic), "
        "a.phone, CASE WHEN e.kind = 'final_answer' THEN 'consultation' ELSE 'refused' END, "
        "date(e.at, '+5 hours') FROM events e JOIN applications a ON a.uuid = e.entity_uuid "
        "WHERE ((e.kind = 'final_answer' AND json_extract(e.data, '$.outcome') = 'consultation') "
        "OR (e.kind = 'state_changed' AND e.to_state = 'refused')) "
        "AND date(e.at, '+5 hours') BETWEEN ?1 AND ?2 AND a.phone <> '' "
        "AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.application_uuid = a.uuid) "
        "ORDER BY e.at, e.seq");
    st.bind(1, format_date(first)).bind(2, format_date(last));
    std::vector<SurveyCall> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4),
                       parse_date(st.text(5)).value_or(Date{})});
    return out;
}

// Answers
void record_survey(Store& store, const SurveyAnswer& s, const std::string& actor, Instant now) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    if (s.reason != "consultation" && s.reason != "refused")
        throw InputError("reason", "survey_reason_required");
    if (s.rating && (*s.rating < 1 || *s.rating > 5)) throw InputError("rating", "rating_range");
    if (s.rating && !s.reached) throw InputError("rating", "rating_without_call");
    std::string uuid = new_uuid();
    store.transaction([&] {
        if (!find_application(store, s.application_uuid))
            throw InputError("application", "application_not_found");
        Stmt seen = store.prepare("SELECT 1 FROM surveys WHERE application_uuid = ?1");
        seen.bind(1, s.application_uuid);
        if (seen.step()) throw InputError("application", "already_surveyed");
        store
            .prepare("INSERT INTO surveys (uuid, application_uuid, reason, called_on, reached, "
                     "rating, comment, called_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, "
                     "?5, ?6, ?7, ?8, ?9, ?9)")
            .bind(1, uuid)
            .bind(2, s.application_uuid)
            .bind(3, s.reason)
            .bind(4, format_date(local_date(now)))
            .bind(5, s.reached)
            .bind_opt(6, s.rating ? std::to_string(*s.rating) : "")
            .bind(7, s.comment)
            .bind(8, actor)
            .bind(9, format_instant(now))
            .run();
        nlohmann::json payload = {
            {"uuid", uuid},
            {"application_uuid", s.application_uuid},
            {"reason", s.reason},
            {"reached", s.reached},
            {"rating", s.rating ? nlohmann::json(*s.rating) : nlohmann::json()},
            {"comment", s.comment}};
        append_outbox(store, "survey", uuid, "survey.recorded", payload);
    });
}

// Figures for the report
SurveyFigures survey_figures(Store& store, Date first, Date last) {
    Stmt st =
        store.prepare("SELECT count(*), coalesce(sum(reached), 0), coalesce(sum(rating >= 4), 0), "
                      "coalesce(avg(rating), 0) FROM surveys WHERE called_on BETWEEN ?1 AND ?2");
    st.bind(1, format_date(first)).bind(2, format_date(last));
    st.step();
    SurveyFigures f;
    f.called = int(st.integer(0));
    f.answered = int(st.integer(1));
    f.satisfied = int(st.integer(2));
    f.average = st.real(3);
    return f;
}

} // namespace reception
