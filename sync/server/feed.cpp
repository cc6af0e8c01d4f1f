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

bool pulled_by_no_terminal(std::string_view entity) {
    return entity == "turn_text";
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
static void append_change(std::string& out, long long seq, std::string_view entity,
                          std::string_view entity_uuid, std::string_view kind,
                          std::string_view payload) {
    out += "{\"seq\":";
    out += std::to_string(seq);
    out += ",\"entity\":";
    append_quoted(out, entity);
    out += ",\"entity_uuid\":";
    append_quoted(out, entity_uuid);
    out += ",\"kind\":";
    append_quoted(out, kind);
    out += ",\"payload\":";
    out += payload;
    out += '}';
}

static FeedPage read_snapshot(ServerStore& db, const Terminal& t, const Cursor& from,
                              long long head, int limit) {
    bool public_only = t.role != TerminalRole::Console;
    FeedPage page;
    page.next = head;
    page.changes += '[';
    int seen = 0;
    db.room_records(t.room, from.entity, from.uuid, limit,
                    [&](std::string_view entity, std::string_view uuid, std::string_view payload) {
                        if (seen++ == limit) {
                            page.has_more = true;
                            return false;
                        }
                        page.entity = entity;
                        page.uuid = uuid;
                        if (pulled_by_no_terminal(entity)) return true;
                        std::string text(payload);
                        if (public_only)
                            text = public_view(std::string(entity), json::parse(payload));
                        if (text.empty()) return true; // nothing this terminal may see
                        if (page.count++ > 0) page.changes += ',';
                        append_change(page.changes, head, entity, uuid, "snapshot", text);
                        return true;
                    });
    page.changes += ']';
    if (!page.has_more) page.entity = page.uuid = ""; // done: the tail from head
    return page;
}

FeedPage read_feed(ServerStore& db, const Terminal& t, const Cursor& from, int limit) {
    if (!from.entity.empty()) return read_snapshot(db, t, from, from.seq, limit);
    long long since = from.seq;
    bool public_only = t.role != TerminalRole::Console;
    FeedPage page;
    page.next = since;
    page.changes += '[';
    auto add = [&](long long seq, std::string_view entity, std::string_view uuid,
                   std::string_view kind, std::string_view payload) {
        if (page.count == limit) {
            page.has_more = true;
            return false;
        }
        if (page.count++ > 0) page.changes += ',';
        append_change(page.changes, seq, entity, uuid, kind, payload);
        page.next = seq;
        return true;
    };
    FeedWindow w = db.window_and_changes(t.room, public_only, since, limit, add);
    // Behind the floor (the feed was pruned past the cursor): the room's records first.
    if (since < w.floor) return read_snapshot(db, t, Cursor{}, w.head, limit);
    page.changes += ']';
    if (!page.has_more) page.next = std::max(since, w.head);
    return page;
}

} // namespace reception
