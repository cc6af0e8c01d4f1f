// What each desk of a room did over some days, from the tickets' and desks' history: how many
// it served, how long its visitors had waited when it called them, how long a visit took, and
// how long it was open with nobody at it. The console shows today's; the figures are the same
// for any span of days.
#pragma once

#include "base/date.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace reception {

struct DeskStats {
    std::string room;           // the room's code
    std::string desk;           // the desk's number
    int served = 0;             // visits finished at the desk
    int called = 0;             // tickets it called (a recall is not a new call)
    double avg_wait_min = 0;    // from the ticket's issue to its first call at this desk
    double avg_service_min = 0; // from Start to Finish
    double idle_min = 0;        // open (not paused or closed) with nobody called or served
};

// Per desk of the room (every room when room is empty: the quarter's report), by room and desk
// number, for the days from..to (local days, inclusive). A desk
// still open, or a visitor still at a desk, counts up to `now`.
std::vector<DeskStats> desk_stats(Store& store, const std::string& room, Date from, Date to,
                                  Instant now);

} // namespace reception
