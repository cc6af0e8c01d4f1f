#include "server/feed.hpp"

#include "server/server_store.hpp"

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

std::string public_view(const std::string& entity, const json& payload) {
    if (entity == "ticket") return board_view(payload).dump();
    if (entity == "room" || entity == "official" || entity == "session") return payload.dump();
    return "";
}

// A JSON string of plain text. The feed's own columns are checked on push (a UUID, an entity
// name, a kind of up to 64 characters from valid JSON), so only quotes, backslashes and
// control characters can need escaping.
static void append_quoted(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[(c >> 4) & 0xf];
            out += hex[c & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

// One change. The payload is stored as the compact JSON the server wrote on push, and so is
// its public view, so both go into the answer as they are: parsing and re-encoding every
// payload of every pull was a third of the server's CPU under load (docs/performance.md).
static void append_change(std::string& out, Stmt& st) {
    out += "{\"seq\":";
    out += std::to_string(st.integer(0));
    out += ",\"entity\":";
    append_quoted(out, st.view(1));
    out += ",\"entity_uuid\":";
    append_quoted(out, st.view(2));
    out += ",\"kind\":";
    append_quoted(out, st.view(3));
    out += ",\"payload\":";
    out += st.view(4);
    out += '}';
}

FeedPage read_feed(Store& db, const Terminal& t, long long since, int limit) {
    // The head is read first: every change up to it is committed (the counter moves in the same
    // transaction), so moving the cursor to it skips nothing.
    long long head = feed_head(db);
    bool public_only = t.role != TerminalRole::Console;
    Stmt st = db.prepare(public_only
                             ? "SELECT seq, entity, entity_uuid, kind, public_payload FROM "
                               "srv_changes WHERE room = ?1 AND seq > ?2 AND seq <= ?3 AND "
                               "public_payload IS NOT NULL ORDER BY seq LIMIT ?4"
                             : "SELECT seq, entity, entity_uuid, kind, payload FROM srv_changes "
                               "WHERE room = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4");
    st.bind(1, t.room).bind(2, since).bind(3, head).bind(4, limit + 1);
    FeedPage page;
    page.next = since;
    page.changes += '[';
    while (st.step()) {
        if (page.count == limit) {
            page.has_more = true;
            break;
        }
        if (page.count++ > 0) page.changes += ',';
        append_change(page.changes, st);
        page.next = st.integer(0);
    }
    page.changes += ']';
    if (!page.has_more) page.next = std::max(since, head);
    return page;
}

} // namespace reception
