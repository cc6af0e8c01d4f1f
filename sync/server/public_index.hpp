// What the public pages need to find, kept as records are pushed: each ticket under its room's
// day, and each ticket's and application's public code (base/public_code.hpp) with the record
// its page shows.
// A transferred or reactivated ticket carries the code of the ticket it came from: the code
// then points to it, so the visitor's phone follows. A code another ticket already holds is
// not taken over by a ticket that did not come from it (a kiosk cannot steal a page).
#pragma once

#include "server/server_store.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace reception {

// After put_record of a ticket or an application (inside the push's transaction); other
// entities: nothing.
void index_public(ServerStore& db, const std::string& entity, const std::string& uuid,
                  const std::string& room, const nlohmann::json& payload);
// The public code index_public looks up for a pushed row, "" when none: what a push reads ahead.
std::string indexed_public_code(const std::string& entity, const nlohmann::json& payload);

} // namespace reception
