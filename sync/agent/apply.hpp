// Applying what the server sent to the terminal's store (apply.cpp says how).
#pragma once

#include "store/store.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace reception {

// Applies pulled changes to the local store without touching its outbox, and stores the
// cursor, in one transaction. A change the store refuses is skipped and reported, never
// allowed to stop the feed. Returns how many changed the store.
int apply_pulled(Store& store, const nlohmann::json& changes, const std::string& cursor);

} // namespace reception
