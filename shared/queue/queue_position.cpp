#include "queue/queue_position.hpp"

#include <algorithm>
#include <cmath>

namespace reception {

static int priority_of(const Ticket& t) {
    return t.category.empty() ? 1 : 0; // out of turn first (reg-12)
}

int people_ahead_in(const std::vector<Ticket>& day, const Ticket& t) {
    int ahead = 0;
    bool before_t = true; // still before t in the list: a tie of issue times goes its way
    for (const Ticket& o : day) {
        if (o.uuid == t.uuid) {
            before_t = false;
            continue;
        }
        if (o.room != t.room || o.day != t.day || o.service != t.service ||
            o.state != TicketState::Waiting)
            continue;
        int po = priority_of(o), pt = priority_of(t);
        bool first =
            po < pt ||
            (po == pt && (o.issued_at < t.issued_at || (o.issued_at == t.issued_at && before_t)));
        if (first) ++ahead;
    }
    return ahead;
}

std::optional<int> wait_minutes_in(const std::vector<Ticket>& day, const std::string& service,
                                   int people_ahead) {
    // The spacing of calls is what a waiting visitor lives by: it counts every desk serving
    // the service, their pauses and no-shows, which a per-visit service time would not.
    std::vector<Instant> calls;
    for (const Ticket& t : day)
        if (t.service == service && t.called_at != Instant{}) calls.push_back(t.called_at);
    std::sort(calls.begin(), calls.end(), std::greater<>());
    if (calls.size() > size_t(kWaitEstimateCalls)) calls.resize(kWaitEstimateCalls);
    if (calls.size() < size_t(kWaitEstimateMinCalls)) return std::nullopt;
    double minutes = std::chrono::duration<double>(calls.front() - calls.back()).count() / 60.0;
    double per_call = minutes / double(calls.size() - 1);
    return int(std::ceil(per_call * double(people_ahead)));
}

std::string wait_words(const Catalog& texts, Lang lang, int people_ahead,
                       std::optional<int> minutes) {
    if (people_ahead == 0) return texts.text(lang, "ui.wait_next");
    if (!minutes) return texts.text(lang, "ui.wait_unknown");
    return texts.format(lang, "ui.wait_estimate",
                        {{"minutes", std::to_string(std::max(1, *minutes))}});
}

ServiceWait service_wait_in(const std::vector<Ticket>& day, const std::string& service) {
    ServiceWait w;
    w.service = service;
    for (const Ticket& t : day)
        if (t.service == service && t.state == TicketState::Waiting) ++w.waiting;
    w.minutes = wait_minutes_in(day, service, w.waiting);
    return w;
}

} // namespace reception
