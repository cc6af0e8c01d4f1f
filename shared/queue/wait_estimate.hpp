// How long a visitor will wait, from what the desks did today: the kiosk prints it on the
// ticket and shows it on screen. The rule is queue_position.hpp's, over the store's day.
#pragma once

#include "base/domain.hpp"
#include "queue/queue_position.hpp"
#include "store/store.hpp"

#include <optional>
#include <vector>

namespace reception {

// wait_minutes_in over the store's tickets of t's room and day.
std::optional<int> estimated_wait_minutes(Store& store, const Ticket& t, int people_ahead);
// service_wait_in for each of these services, over the room's tickets today.
std::vector<ServiceWait> service_waits(Store& store, const std::string& room, Date day,
                                       const std::vector<std::string>& services);

} // namespace reception
