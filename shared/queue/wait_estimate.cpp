#include "queue/wait_estimate.hpp"

#include <cmath>

namespace reception {

std::optional<int> estimated_wait_minutes(Store& store, const Ticket& t, int people_ahead) {
    // The spacing of calls is what a waiting visitor lives by: it counts every desk serving
    // the service, their pauses and no-shows, which a per-visit service time would not.
    Stmt st = store.prepare("SELECT count(*), min(called_at), max(called_at) FROM ("
                            "SELECT called_at FROM tickets WHERE room = ?1 AND day = ?2 "
                            "AND service = ?3 AND called_at <> '' "
                            "ORDER BY called_at DESC LIMIT 20)");
    st.bind(1, t.room).bind(2, format_date(t.day)).bind(3, t.service);
    st.step();
    int calls = int(st.integer(0));
    if (calls < kWaitEstimateMinCalls) return std::nullopt;
    auto first = parse_instant(st.text(1)), last = parse_instant(st.text(2));
    if (!first || !last) return std::nullopt;
    double minutes = std::chrono::duration<double>(*last - *first).count() / 60.0;
    double per_call = minutes / double(calls - 1);
    return int(std::ceil(per_call * double(people_ahead)));
}

} // namespace reception
