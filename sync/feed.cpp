#include "feed.hpp"

#include "server_store.hpp"

namespace reception {
using nlohmann::json;

json board_view(const json& t) {
    json out = json::object();
    // language stays: the board reads the number out in the visitor's language. The category
    // (veteran, disability ...) and the issuing kiosk are not the board's business.
    for (const char* k : {"uuid", "room", "day", "service", "number", "language", "state", "desk",
                          "transferred_from", "issued_at", "called_at", "updated_at"})
        if (t.contains(k)) out[k] = t[k];
    return out;
}

FeedPage read_feed(Store& db, const Terminal& t, long long since, int limit) {
    // The head is read first: every change up to it is committed (the counter moves in the same
    // transaction), so moving the cursor to it skips nothing.
    long long head = feed_head(db);
    bool tickets_only = t.role != TerminalRole::Console;
    Stmt st = db.prepare(tickets_only
                             ? "SELECT seq, entity, entity_uuid, kind, payload FROM srv_changes "
                               "WHERE room = ?1 AND seq > ?2 AND seq <= ?3 AND entity = 'ticket' "
                               "ORDER BY seq LIMIT ?4"
                             : "SELECT seq, entity, entity_uuid, kind, payload FROM srv_changes "
                               "WHERE room = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4");
    st.bind(1, t.room).bind(2, since).bind(3, head).bind(4, limit + 1);
    FeedPage page;
    page.next = since;
    int n = 0;
    while (st.step()) {
        if (n++ == limit) {
            page.has_more = true;
            break;
        }
        json payload = json::parse(st.text(4));
        if (t.role == TerminalRole::Board) payload = board_view(payload);
        page.next = st.integer(0);
        page.changes.push_back(json{{"seq", page.next},
                                    {"entity", st.text(1)},
                                    {"entity_uuid", st.text(2)},
                                    {"kind", st.text(3)},
                                    {"payload", std::move(payload)}});
    }
    if (!page.has_more) page.next = std::max(since, head);
    return page;
}

} // namespace reception
