#include "cases/bookings.hpp"

#include "base/i18n.hpp"
#include "cases/casework.hpp"
#include "cases/deadlines.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"

#include <algorithm>

namespace reception {

int session_capacity(const RegulationProfile& profile, const ReceptionSession& s) {
    return std::max(1, (s.end_minute - s.start_minute) / profile.slot_minutes);
}

std::vector<SessionPerson> session_persons(Store& store, const RegulationProfile& profile,
                                           const ReceptionSession& s, bool restriction_mode) {
    // The first booking of each: the turn a person earned by waiting stays theirs when a
    // cancelled session moves them (reg-16).
    Stmt st = store.prepare(
        "SELECT a.uuid, (SELECT min(e.seq) FROM events e WHERE e.entity_uuid = a.uuid AND "
        "e.kind = 'state_changed' AND e.to_state = 'scheduled') FROM applications a "
        "WHERE a.session_uuid = ?1 AND a.state IN ('scheduled', 'received', 'on_control', "
        "'answered')");
    st.bind(1, s.uuid);
    std::vector<std::pair<long long, Application>> booked;
    while (st.step())
        if (auto a = find_application(store, st.text(0))) booked.push_back({st.integer(1), *a});
    // reg-12: out of turn first, as in the queue; then in the order booked.
    std::stable_sort(booked.begin(), booked.end(), [](const auto& x, const auto& y) {
        bool xo = !x.second.category.empty(), yo = !y.second.category.empty();
        return xo != yo ? xo : x.first < y.first;
    });
    std::vector<SessionPerson> out;
    for (auto& [seq, a] : booked) {
        SessionPerson p;
        p.position = int(out.size()) + 1;
        p.start_minute = s.start_minute + int(out.size()) * profile.slot_minutes;
        p.in_person_under_restriction =
            restriction_mode && s.mode == SessionMode::InPerson && a.state == AppState::Scheduled;
        p.app = std::move(a);
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<SessionPerson>
bookings_against_restriction(Store& store, const RegulationProfile& profile, Date today) {
    std::vector<SessionPerson> out;
    if (!restriction_mode(store)) return out;
    Stmt st = store.prepare("SELECT uuid FROM sessions WHERE mode = 'in_person' AND "
                            "cancelled = 0 AND date >= ?1 ORDER BY date, start_minute");
    st.bind(1, format_date(today));
    std::vector<std::string> sessions;
    while (st.step()) sessions.push_back(st.text(0));
    for (const auto& uuid : sessions) {
        auto s = find_session(store, uuid);
        if (!s) continue;
        for (auto& p : session_persons(store, profile, *s, true))
            if (p.in_person_under_restriction) out.push_back(std::move(p));
    }
    return out;
}

std::vector<std::string> person_marks(const Application& a, const RegulationProfile& profile,
                                      const Catalog& texts, Lang lang) {
    std::vector<std::string> out;
    if (const NamedCode* c = profile.category(a.category))
        out.push_back(
            texts.format(lang, "persons.out_of_turn", {{"category", c->name(lang_code(lang))}}));
    if (a.interpreter_needed) out.push_back(texts.text(lang, "persons.interpreter"));
    if (a.applicant.foreigner) out.push_back(texts.text(lang, "persons.foreigner"));
    out.push_back(texts.text(lang, "persons.language." + a.language));
    if (a.video_consent) out.push_back(texts.text(lang, "persons.video_consent"));
    return out;
}

// reg-28, 26, 29: a session an applicant may choose when signing up.
static bool may_choose(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                       const ReceptionSession& s, Date registered_on, bool restriction_mode) {
    if (s.cancelled) return false;
    if (restriction_mode && s.mode != SessionMode::Video) return false;
    if (term_before(cal, profile.term("note_before_reception"), s.date) < registered_on)
        return false;
    if (s.date > term_after(cal, profile.term("response_date"), registered_on)) return false;
    return booked_in(store, s.uuid) < session_capacity(profile, s);
}

std::vector<ReceptionSession> sessions_to_choose(Store& store, const RegulationProfile& profile,
                                                 const WorkCalendar& cal,
                                                 const std::string& official_uuid,
                                                 Date registered_on, bool restriction_mode) {
    std::vector<ReceptionSession> out;
    if (official_uuid.empty()) return out;
    Date last = term_after(cal, profile.term("response_date"), registered_on);
    for (const auto& s : sessions_between(store, registered_on, last))
        if (s.official_uuid == official_uuid &&
            may_choose(store, profile, cal, s, registered_on, restriction_mode))
            out.push_back(s);
    return out;
}

void check_chosen_session(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                          const Application& a, bool restriction_mode) {
    if (a.chosen_session.empty()) return;
    auto s = find_session(store, a.chosen_session);
    if (!s || s->official_uuid != a.official_uuid)
        throw InputError("chosen_session", "session_not_found");
    if (!may_choose(store, profile, cal, *s, a.registered_on, restriction_mode))
        throw InputError("chosen_session", "session_not_offered");
    if (s->mode == SessionMode::Video && !a.video_consent)
        throw InputError("chosen_session", "no_video_consent");
}

} // namespace reception
