#include "store/sync_state.hpp"

#include "store/outbox.hpp"

namespace reception {

SyncState read_sync_state(Store& store) {
    SyncState s;
    s.enrolled = !store.meta(sync_key::token).value_or("").empty();
    s.server = store.meta(sync_key::url).value_or("");
    s.terminal = store.terminal_id();
    s.room = store.meta(sync_key::room).value_or("");
    s.kind = store.meta(sync_key::kind).value_or("");
    s.last_sync = parse_instant(store.meta(sync_key::last_ok).value_or(""));
    OutboxCounts c = count_outbox(store);
    s.pending = c.pending;
    s.dead_letters = c.dead_letters;
    s.superseded = c.superseded;
    s.last_superseded = c.last_superseded;
    s.last_error = store.meta(sync_key::last_error).value_or("");
    s.last_error_kind = store.meta(sync_key::last_error_kind).value_or("");
    if (!s.last_error.empty())
        s.last_error_at = parse_instant(store.meta(sync_key::last_error_at).value_or(""));
    s.token_rotated_at = parse_instant(store.meta(sync_key::token_rotated_at).value_or(""));
    s.token_unconfirmed = store.meta(sync_key::token_unconfirmed).value_or("") == "1";
    return s;
}

std::string sync_status_text(const SyncState& s, const Catalog& texts, Lang lang, bool staff) {
    if (!s.enrolled) return staff ? texts.text(lang, "sync.state.not_enrolled") : "";
    std::string line;
    if (s.last_sync) {
        line = texts.format(lang, "sync.state.synced",
                            {{"time", hhmm(local_minute_of_day(*s.last_sync))}});
    } else {
        line = texts.text(lang, "sync.state.never");
    }
    if (s.pending > 0)
        line += " · " +
                texts.format(lang, "sync.state.pending", {{"count", std::to_string(s.pending)}});
    if (!staff) return line;
    if (s.dead_letters > 0)
        line += " · " + texts.format(lang, "sync.state.dead_letters",
                                     {{"count", std::to_string(s.dead_letters)}});
    if (s.superseded > 0)
        line += " · " + texts.format(lang, "sync.state.superseded",
                                     {{"count", std::to_string(s.superseded)}});
    if (!s.last_error.empty()) {
        std::string key = "sync.error." + s.last_error_kind;
        std::string what = !s.last_error_kind.empty() && texts.has(lang, key)
                               ? texts.text(lang, key)
                               : s.last_error;
        line += " · " + texts.format(lang, "sync.state.error", {{"error", what}});
    }
    return line;
}

} // namespace reception
