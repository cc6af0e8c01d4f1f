// How long a visitor will wait, from what the desks did today: the kiosk prints it on the
// ticket and shows it on screen. With too little history the honest answer is "not known",
// never a made-up number.
#pragma once

#include "base/domain.hpp"
#include "store/store.hpp"

#include <optional>

namespace reception {

// Calls of a service needed today before an estimate is given.
constexpr int kWaitEstimateMinCalls = 3;

// The average minutes between today's calls for the ticket's service (over the last 20 calls),
// times the people ahead of it, rounded up to whole minutes; nullopt when fewer than
// kWaitEstimateMinCalls tickets of that service were called today.
std::optional<int> estimated_wait_minutes(Store& store, const Ticket& t, int people_ahead);

} // namespace reception
