#include "server/application_page.hpp"

#include "base/public_code.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "schedule/schedule.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

static json parsed(const std::string& payload) {
    json j = json::parse(payload, nullptr, false);
    return j.is_object() ? j : json::object();
}

// The history in the order it happened (the server keeps no terminal's sequence: the time,
// then the uuid, so the same page is drawn on every instance).
static std::vector<HistoryEvent> events_about(ServerStore& db, const std::string& uuid) {
    std::vector<HistoryEvent> out;
    for (const auto& p : db.event_payloads_about(uuid)) {
        json j = parsed(p);
        if (j.value("entity", "") == "application") out.push_back(history_event_from_json(j));
    }
    std::sort(out.begin(), out.end(), [](const HistoryEvent& a, const HistoryEvent& b) {
        return a.at != b.at ? a.at < b.at : a.uuid < b.uuid;
    });
    return out;
}

static std::optional<ReceptionSession> session_of(ServerStore& db, const Application& a) {
    if (a.session_uuid.empty()) return std::nullopt;
    ExistingRecord r = db.record("session", a.session_uuid);
    if (!r.found) return std::nullopt;
    return session_from_json(parsed(r.payload));
}

// The position, never the name: the page is open to whoever holds the receipt.
static void official_of(ServerStore& db, const std::string& uuid, const RegulationProfile& p,
                        ApplicationPage& page) {
    if (uuid.empty()) return;
    ExistingRecord r = db.record("official", uuid);
    if (!r.found) return;
    Official o = official_from_json(parsed(r.payload));
    const Role* role = p.role(o.role);
    page.official_kk = !o.position_kk.empty() ? o.position_kk : role ? role->name("kk") : "";
    page.official_ru = !o.position_ru.empty() ? o.position_ru : role ? role->name("ru") : "";
}

static void room_of(ServerStore& db, const std::string& uuid, ApplicationPage& page) {
    if (uuid.empty()) return;
    ExistingRecord r = db.record("room", uuid);
    if (!r.found) return;
    Room room = room_from_json(parsed(r.payload));
    page.room_kk = room.name_kk;
    page.room_ru = room.name_ru;
}

ApplicationPage application_page(ServerStore& db, const std::string& code,
                                 const std::vector<RegulationProfile>& profiles,
                                 const WorkCalendar& cal, Instant now, Instant room_last_seen) {
    ApplicationPage page;
    auto where = db.public_code(code);
    if (!where || where->entity != "application" || profiles.empty()) return page;
    ExistingRecord r = db.record("application", where->uuid);
    if (!r.found) return page;
    Application a = application_from_json(parsed(r.payload));
    if (a.public_code != code) return page; // the record no longer carries it
    page.found = true;
    page.language = a.language == "ru" ? "ru" : "kk";
    Date today = local_date(now);
    bool expired = false;
    const RegulationProfile& profile =
        profile_for(profiles, today, &expired).recorded(a.profile_id);
    std::vector<HistoryEvent> events = events_about(db, a.uuid);
    std::optional<ReceptionSession> session = session_of(db, a);
    page.status = application_status(a, events, session, profile, cal, today);
    official_of(db, session ? session->official_uuid : a.official_uuid, profile, page);
    if (page.status.session) room_of(db, page.status.session->room_uuid, page);
    page.as_of = std::max(room_last_seen, a.updated_at);
    for (const auto& e : events) page.as_of = std::max(page.as_of, e.at);
    return page;
}

} // namespace reception
