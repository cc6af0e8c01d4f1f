// The waiting-room board's state, read from the store (kiosk/board.hpp); screens/board.cpp
// draws it.
#include "board.hpp"

#include "queue/wait_estimate.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "schedule/schedule.hpp"

namespace reception::kiosk {

void BoardState::refresh(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                         const std::string& room, Instant now) {
    day = local_date(now);
    Date queue = queue_day(now, profile.queue_policy); // the calls and the waiting (reg-12)
    room_kk = room_ru = "";
    for (const auto& r : list_rooms(store))
        if (r.code == room) room_kk = r.name_kk, room_ru = r.name_ru;
    hours = hours_on(profile, cal, day);
    next_day = cal.next_working_day(day);
    next_hours = hours_on(profile, cal, next_day);
    calls = board_calls(store, room, queue, now, 12);
    queues.clear();
    std::vector<std::string> codes;
    for (const auto& s : profile.services) codes.push_back(s.code);
    std::vector<ServiceWait> waits = service_waits(store, room, queue, codes);
    for (size_t i = 0; i < codes.size(); ++i) {
        const Service& s = profile.services[i];
        queues.push_back({s.code, s.kk, s.ru, waits[i].waiting, waits[i].minutes});
    }
    same_day = same_day_left(store, profile, cal, room, now);
    same_day_kk = same_day_ru = "";
    if (const Service* s = same_day ? profile.service(same_day->service) : nullptr)
        same_day_kk = s->kk, same_day_ru = s->ru;
    // A call not seen before is new: highlighted for a while, and the chime hook fires. One
    // already over when the board reads it (a quick no-show) is not called out.
    auto see = [&](const Ticket& t, bool calling) {
        bool fresh = seen.insert(t.uuid + format_instant(t.called_at)).second;
        if (!fresh || !primed || !calling) return;
        highlight_until = now + std::chrono::seconds(10);
        if (on_new_call) on_new_call(t);
    };
    for (const auto& c : calls.recent) see(c.ticket, false);
    for (const auto& t : calls.calling) see(t, true);
    primed = true;
}

} // namespace reception::kiosk
