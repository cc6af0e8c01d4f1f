#include "schedule/restriction.hpp"

#include "base/errors.hpp"
#include "store/outbox.hpp"

#include <nlohmann/json.hpp>

namespace reception {

static const char* const kKey = "restriction_mode";
// The room's settings as one record for the history and the sync protocol, which wants every
// entity named by a UUID.
static const char* const kRoomSettings = "5e771e90-0000-4000-8000-000000000014";

bool restriction_mode(Store& store) {
    return store.meta(kKey).value_or("0") == "1";
}

void set_restriction_mode(Store& store, bool on, const std::string& actor,
                          const std::string& reason, Instant now) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InputError("reason", "empty");
    store.transaction([&] {
        store.set_meta(kKey, on ? "1" : "0");
        store.append_event("room", kRoomSettings, on ? "restriction_on" : "restriction_off", "", "",
                           actor, reason, {{"item", "reg-14"}}, now);
        append_outbox(store, "room", kRoomSettings, "room.restriction_mode",
                      {{"restriction_mode", on}, {"reason", reason}});
    });
}

} // namespace reception
