// What an application's status page says (public_pages.hpp draws it): the application its
// code points to, its status by the regulation's rules (cases/application_status.hpp) over the
// history the server holds, and the reception's place and the receiving official's position.
#pragma once

#include "base/domain.hpp"
#include "cases/application_status.hpp"
#include "server/server_store.hpp"

#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;

struct ApplicationPage {
    bool found = false; // false: no application has the code yet (a kiosk offline), or never
    ApplicationStatus status;
    std::string language;                 // the application's: the page's unless the link says
    std::string official_kk, official_ru; // the receiving official's position, no name
    std::string room_kk, room_ru;         // where the reception is held
    Instant as_of{};                      // the newest news of the application the server has
};

// room_last_seen: when a kiosk or console of the application's room last reached this server.
ApplicationPage application_page(ServerStore& db, const std::string& code,
                                 const std::vector<RegulationProfile>& profiles,
                                 const WorkCalendar& cal, Instant now, Instant room_last_seen);

} // namespace reception
