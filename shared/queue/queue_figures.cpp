#include "queue/queue_figures.hpp"

#include "queue/ticket_queue.hpp"
#include "regulation/opening_hours.hpp"
#include "regulation/profile.hpp"

#include <algorithm>
#include <map>

namespace reception {

std::vector<ServiceFigures> queue_figures(Store& store, const RegulationProfile& profile, Date from,
                                          Date to, Date today) {
    std::vector<ServiceFigures> out;
    for (const auto& s : profile.services) out.push_back({s.code, s.item});
    Stmt st = store.prepare("SELECT service, state, day < ?3, count(*) FROM tickets WHERE day "
                            "BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3");
    st.bind(1, format_date(from)).bind(2, format_date(to)).bind(3, format_date(today));
    while (st.step()) {
        std::string service = st.text(0), state = st.text(1);
        bool day_over = st.integer(2) != 0;
        int n = int(st.integer(3));
        auto row = std::find_if(out.begin(), out.end(),
                                [&](const ServiceFigures& f) { return f.service == service; });
        if (row == out.end()) { // a service an older profile had
            out.push_back({service, ""});
            row = out.end() - 1;
        }
        row->tickets += n;
        if (state == "done" || state == "serving")
            row->received += n;
        else if (state == "no_show")
            row->no_show += n;
        else if (state == "transferred")
            row->transferred += n;
        else if (day_over) // waiting or called: reg-3, not received the day they came
            row->not_received += n;
        else
            row->waiting_today += n;
    }
    return out;
}

std::optional<SameDayLeft> same_day_left(Store& store, const RegulationProfile& profile,
                                         const WorkCalendar& cal, const std::string& room,
                                         Instant now) {
    Date today = local_date(now);
    OpeningHours h = hours_on(profile, cal, today);
    int minute = local_minute_of_day(now);
    if (!h.open || minute >= h.end || h.end - minute > kSameDayWarnMinutes) return std::nullopt;
    SameDayLeft left{h.end - minute, 0, h.end, ""};
    Stmt st = store.prepare("SELECT service, count(*) FROM tickets WHERE room = ?1 AND day = ?2 "
                            "AND state IN ('waiting', 'called') GROUP BY service");
    st.bind(1, room).bind(2, format_date(queue_day(now, profile.queue_policy)));
    std::map<std::string, int> waiting; // by service
    while (st.step()) waiting[st.text(0)] = int(st.integer(1));
    for (const Service& s : profile.services) { // in the profile's order: the first names it
        auto it = waiting.find(s.code);
        if (s.item != "reg-3" || it == waiting.end()) continue;
        if (left.waiting == 0) left.service = s.code;
        left.waiting += it->second;
    }
    if (left.waiting == 0) return std::nullopt;
    return left;
}

} // namespace reception
