// reg-14: in a restriction mode (an epidemic, an emergency) personal receptions are held by
// video only. The mode is the room's, kept in the store: every kiosk and console of the room
// that shares the store (or syncs it) books by video from the moment staff turn it on.
#pragma once

#include "store/store.hpp"

#include <string>

namespace reception {

bool restriction_mode(Store& store);
// Turns the mode on or off; the change is an event in the room's history (who, when, why) and
// goes to the server with the outbox. Throws InputError when actor or reason is empty.
void set_restriction_mode(Store& store, bool on, const std::string& actor,
                          const std::string& reason, Instant now);

} // namespace reception
