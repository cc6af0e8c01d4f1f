#include "cases/surveys.hpp"

#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/profile.hpp"
#include "store/outbox.hpp"

#include <algorithm>
#include <cstdint>

namespace reception {

// The call list
// Event times are stored in UTC; the room counts local days (UTC+5), so the SQL shifts them.
// Each candidate says whether it was surveyed already: the sample is drawn from all of them,
// so calling the chosen ones does not bring others onto the list.
struct Candidate {
    SurveyCall call;
    bool surveyed = false;
};

static std::vector<Candidate> candidates(Store& store, Date first, Date last) {
    Stmt st = store.prepare(
        "SELECT a.uuid, a.reg_number, trim(a.surname || ' ' || a.name || ' ' || a.patronymic), "
        "a.phone, CASE WHEN e.kind = 'final_answer' THEN 'consultation' ELSE 'refused' END, "
        "date(e.at, '+5 hours'), "
        "EXISTS (SELECT 1 FROM surveys s WHERE s.application_uuid = a.uuid), '' "
        "FROM events e JOIN applications a ON a.uuid = e.entity_uuid "
        "WHERE ((e.kind = 'final_answer' AND json_extract(e.data, '$.outcome') = 'consultation') "
        "OR (e.kind = 'state_changed' AND e.to_state = 'refused')) "
        "AND date(e.at, '+5 hours') BETWEEN ?1 AND ?2 AND a.phone <> '' "
        "UNION ALL SELECT '', number, '', phone, 'consultation', served_on, "
        "called_on IS NOT NULL, uuid FROM walk_in_surveys WHERE served_on BETWEEN ?1 AND ?2 "
        "ORDER BY 6");
    st.bind(1, format_date(first)).bind(2, format_date(last));
    std::vector<Candidate> out;
    while (st.step())
        out.push_back({{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4),
                        parse_date(st.text(5)).value_or(Date{}), st.text(7)},
                       st.integer(6) != 0});
    return out;
}

// FNV-1a: a number for an identity that is the same on every terminal and every run.
static uint64_t draw_of(const std::string& key) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
    return h;
}

std::vector<SurveyCall> survey_call_list(Store& store, const RegulationProfile& profile, Date first,
                                         Date last) {
    std::vector<Candidate> all = candidates(store, first, last);
    std::vector<size_t> by_draw(all.size());
    for (size_t i = 0; i < all.size(); ++i) by_draw[i] = i;
    std::stable_sort(by_draw.begin(), by_draw.end(), [&](size_t a, size_t b) {
        return draw_of(all[a].call.key()) < draw_of(all[b].call.key());
    });
    // reg-38, "selective": in the sample by its own draw, or among the lowest draws that make
    // up the least number to call.
    const auto& sample = profile.survey_sample;
    std::vector<bool> chosen(all.size(), false);
    for (size_t rank = 0; rank < by_draw.size(); ++rank) {
        size_t i = by_draw[rank];
        chosen[i] =
            int(rank) < sample.at_least || int(draw_of(all[i].call.key()) % 100) < sample.percent;
    }
    std::vector<SurveyCall> out;
    for (size_t i = 0; i < all.size(); ++i)
        if (chosen[i] && !all[i].surveyed) out.push_back(all[i].call);
    return out;
}

// The walk-in consultations (reg-38 for the queue)
void add_walk_in_contact(Store& store, const std::string& ticket_uuid, const std::string& phone,
                         bool consent, const std::string& clerk, Instant now) {
    if (clerk.empty()) throw InputError("actor", "actor_required");
    auto t = find_ticket(store, ticket_uuid);
    if (!t) throw InputError("ticket", "ticket_not_found");
    if (t->service != "consultation") throw InputError("ticket", "survey_not_consultation");
    Phone p;
    Reason r = check_phone(phone, true, &p);
    if (r != Reason::Ok) throw InputError("phone", reason_code(r));
    // Asked, not assumed: the visitor gave no application, only this consent to a call.
    if (!consent) throw InputError("consent", "consent_required");
    std::string uuid = new_uuid();
    store.transaction([&] {
        Stmt seen = store.prepare("SELECT 1 FROM walk_in_surveys WHERE ticket_uuid = ?1");
        seen.bind(1, ticket_uuid);
        if (seen.step()) throw InputError("ticket", "survey_contact_given");
        store
            .prepare("INSERT INTO walk_in_surveys (uuid, ticket_uuid, number, phone, consent, "
                     "served_on, given_to, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 1, "
                     "?5, ?6, ?7, ?7)")
            .bind(1, uuid)
            .bind(2, ticket_uuid)
            .bind(3, t->number)
            .bind(4, p.e164)
            .bind(5, format_date(t->day))
            .bind(6, clerk)
            .bind(7, format_instant(now))
            .run();
        append_outbox(store, "walk_in_survey", uuid, "walk_in_survey.contact",
                      {{"uuid", uuid},
                       {"ticket_uuid", ticket_uuid},
                       {"number", t->number},
                       {"phone", p.e164},
                       {"served_on", format_date(t->day)}});
    });
}

// Answers
// A walk-in's call result is written on its contact row: one call per visitor.
static void record_walk_in_survey(Store& store, const SurveyAnswer& s, const std::string& actor,
                                  Instant now) {
    store.transaction([&] {
        Stmt row =
            store.prepare("SELECT called_on IS NOT NULL FROM walk_in_surveys WHERE uuid = ?1");
        row.bind(1, s.walk_in_uuid);
        if (!row.step()) throw InputError("application", "application_not_found");
        if (row.integer(0)) throw InputError("application", "already_surveyed");
        store
            .prepare("UPDATE walk_in_surveys SET called_on = ?2, reached = ?3, rating = ?4, "
                     "comment = ?5, called_by = ?6, updated_at = ?7 WHERE uuid = ?1")
            .bind(1, s.walk_in_uuid)
            .bind(2, format_date(local_date(now)))
            .bind(3, s.reached)
            .bind_opt(4, s.rating ? std::to_string(*s.rating) : "")
            .bind(5, s.comment)
            .bind(6, actor)
            .bind(7, format_instant(now))
            .run();
        append_outbox(store, "walk_in_survey", s.walk_in_uuid, "walk_in_survey.recorded",
                      {{"uuid", s.walk_in_uuid},
                       {"reached", s.reached},
                       {"rating", s.rating ? nlohmann::json(*s.rating) : nlohmann::json()},
                       {"comment", s.comment}});
    });
}

void record_survey(Store& store, const SurveyAnswer& s, const std::string& actor, Instant now) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    if (s.reason != "consultation" && s.reason != "refused")
        throw InputError("reason", "survey_reason_required");
    if (s.rating && (*s.rating < 1 || *s.rating > 5)) throw InputError("rating", "rating_range");
    if (s.rating && !s.reached) throw InputError("rating", "rating_without_call");
    if (!s.walk_in_uuid.empty()) return record_walk_in_survey(store, s, actor, now);
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
    // The walk-in consultations' calls count with the applications' (reg-38).
    Stmt st = store.prepare(
        "SELECT count(*), coalesce(sum(reached), 0), coalesce(sum(rating >= 4), 0), "
        "coalesce(avg(rating), 0) FROM (SELECT reached, rating FROM surveys WHERE called_on "
        "BETWEEN ?1 AND ?2 UNION ALL SELECT reached, rating FROM walk_in_surveys WHERE "
        "called_on BETWEEN ?1 AND ?2)");
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
