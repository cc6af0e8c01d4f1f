#include "queue/desk_stats.hpp"

#include <algorithm>
#include <map>

namespace reception {

namespace {

using Interval = std::pair<Instant, Instant>;

struct Tally {
    DeskStats s;
    double wait_sum = 0, service_sum = 0;
    int service_count = 0;
    std::vector<Interval> open, busy;
};

double minutes(Instant a, Instant b) {
    return b > a ? std::chrono::duration<double>(b - a).count() / 60.0 : 0.0;
}

Instant instant_or(const std::string& text, Instant fallback) {
    return parse_instant(text).value_or(fallback);
}

// Each ticket called at a desk: its first call, what ended the visit, and Start and Finish.
void ticket_figures(Store& store, const std::string& room, Date from, Date to, Instant now,
                    std::map<std::string, Tally>& desks) {
    Stmt st = store.prepare(
        "SELECT t.room || char(31) || json_extract(c.data, '$.desk'), t.issued_at, min(c.at), "
        "(SELECT min(e.at) FROM events e WHERE e.entity_uuid = t.uuid AND e.kind IN "
        "('finished', 'no_show', 'transferred')), "
        "(SELECT min(e.at) FROM events e WHERE e.entity_uuid = t.uuid AND e.kind = 'started'), "
        "(SELECT min(e.at) FROM events e WHERE e.entity_uuid = t.uuid AND e.kind = 'finished') "
        "FROM tickets t JOIN events c ON c.entity_uuid = t.uuid AND c.entity = 'ticket' AND "
        "c.kind IN ('called', 'called_out_of_order') WHERE (t.room = ?1 OR ?1 = '') AND t.day "
        "BETWEEN ?2 AND "
        "?3 GROUP BY t.uuid");
    st.bind(1, room).bind(2, format_date(from)).bind(3, format_date(to));
    while (st.step()) {
        Tally& d = desks[st.text(0)];
        Instant called = instant_or(st.text(2), now);
        d.s.called++;
        d.wait_sum += minutes(instant_or(st.text(1), called), called);
        d.busy.push_back({called, instant_or(st.text(3), now)});
        if (st.text(5).empty()) continue;
        d.s.served++;
        if (st.text(4).empty()) continue;
        d.service_sum += minutes(instant_or(st.text(4), now), instant_or(st.text(5), now));
        d.service_count++;
    }
}

// When each desk was open: from a move into "open" to the next move out of it.
void open_intervals(Store& store, const std::string& room, Date from, Date to, Instant now,
                    std::map<std::string, Tally>& desks) {
    Stmt st = store.prepare("SELECT d.room || char(31) || d.number, e.from_state, e.to_state, e.at "
                            "FROM events e JOIN desks d ON d.uuid = "
                            "e.entity_uuid WHERE e.entity = 'desk' AND (d.room = ?1 OR ?1 = '') "
                            "AND e.at >= ?2 AND e.at < ?3 "
                            "ORDER BY d.number, e.seq");
    st.bind(1, room)
        .bind(2, format_instant(local_instant(from, 0)))
        .bind(3, format_instant(local_instant(add_days(to, 1), 0)));
    std::map<std::string, Instant> opened;
    while (st.step()) {
        std::string desk = st.text(0), to_state = st.text(2);
        Instant at = instant_or(st.text(3), now);
        if (to_state == "open" && !opened.count(desk)) opened[desk] = at;
        if (to_state != "open" && opened.count(desk)) {
            desks[desk].open.push_back({opened[desk], at});
            opened.erase(desk);
        }
    }
    Instant end = std::min(now, local_instant(add_days(to, 1), 0));
    for (const auto& [desk, at] : opened) desks[desk].open.push_back({at, end});
}

// Open time not covered by a visit.
double idle_minutes(const Tally& d) {
    double idle = 0;
    for (const auto& [o1, o2] : d.open) {
        idle += minutes(o1, o2);
        for (const auto& [b1, b2] : d.busy) idle -= minutes(std::max(o1, b1), std::min(o2, b2));
    }
    return std::max(0.0, idle);
}

} // namespace

std::vector<DeskStats> desk_stats(Store& store, const std::string& room, Date from, Date to,
                                  Instant now) {
    std::map<std::string, Tally> desks;
    ticket_figures(store, room, from, to, now, desks);
    open_intervals(store, room, from, to, now, desks);
    std::vector<DeskStats> out;
    for (auto& [key, d] : desks) { // "room\x1fnumber"
        size_t cut = key.find('\x1f');
        if (cut == std::string::npos || cut + 1 == key.size()) continue;
        d.s.room = key.substr(0, cut);
        d.s.desk = key.substr(cut + 1);
        if (d.s.called) d.s.avg_wait_min = d.wait_sum / d.s.called;
        if (d.service_count) d.s.avg_service_min = d.service_sum / d.service_count;
        d.s.idle_min = idle_minutes(d);
        out.push_back(d.s);
    }
    // Numbers as people read them: desk 2 before desk 10.
    std::sort(out.begin(), out.end(), [](const DeskStats& a, const DeskStats& b) {
        if (a.room != b.room) return a.room < b.room;
        return a.desk.size() != b.desk.size() ? a.desk.size() < b.desk.size() : a.desk < b.desk;
    });
    return out;
}

} // namespace reception
