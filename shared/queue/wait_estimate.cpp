#include "queue/wait_estimate.hpp"

#include "queue/ticket_queue.hpp"

namespace reception {

std::optional<int> estimated_wait_minutes(Store& store, const Ticket& t, int people_ahead) {
    return wait_minutes_in(day_tickets(store, t.room, t.day), t.service, people_ahead);
}

std::vector<ServiceWait> service_waits(Store& store, const std::string& room, Date day,
                                       const std::vector<std::string>& services) {
    std::vector<Ticket> today = day_tickets(store, room, day);
    std::vector<ServiceWait> out;
    for (const auto& s : services) out.push_back(service_wait_in(today, s));
    return out;
}

} // namespace reception
