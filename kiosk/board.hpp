// The waiting-room board's state (board.cpp reads it from the store) and drawing
// (screens/board.cpp).
#pragma once

#include "base/domain.hpp"
#include "base/i18n.hpp"
#include "queue/queue_figures.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/opening_hours.hpp"
#include "store/store.hpp"
#include "ui/touch.hpp"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace reception {
struct RegulationProfile;
class WorkCalendar;
} // namespace reception

namespace reception::kiosk {

// One service's queue: its names, how many wait for it, and about how long a ticket taken now
// would wait (queue/queue_position.hpp; nullopt: not known yet).
struct BoardQueue {
    std::string service, name_kk, name_ru;
    int waiting = 0;
    std::optional<int> minutes;
};

// A text the board drew in its last frame, and where: tests check that nothing is cut off or
// overlaps, and the trace (--trace-ui) lists what the board shows.
struct BoardText {
    std::string text;
    ImFont* font = nullptr;
    ImVec2 min, max;
};

struct BoardState {
    Date day{}; // the day shown: on a new day everything is read again
    std::string room_kk, room_ru;
    OpeningHours hours;
    Date next_day{}; // the next working day, and its hours: what a closed board says
    OpeningHours next_hours;
    BoardCalls calls;
    std::vector<BoardQueue> queues; // every service of the profile, in the profile's order
    // reg-3 in the room's last hour, while same-day visitors wait: when the room closes, said
    // to them with the name of their queue (same_day->service's).
    std::optional<SameDayLeft> same_day;
    std::string same_day_kk, same_day_ru;
    std::set<std::string> seen;
    bool primed = false; // the calls found at start are not "new"
    Instant highlight_until{};
    // Called once per new call: main.cpp says it aloud (announce.hpp).
    std::function<void(const Ticket&)> on_new_call;
    std::vector<BoardText> drawn;
    void refresh(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                 const std::string& room, Instant now);
    // Whether the day changed since the last refresh (the hours and calls are of another day).
    bool stale(Instant now) const { return local_date(now) != day; }
};

void draw_board(const Catalog& texts, ui::Ui& ui, BoardState& board, Instant now);

} // namespace reception::kiosk
