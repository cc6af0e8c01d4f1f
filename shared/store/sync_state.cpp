#include "store/sync_state.hpp"

namespace reception {

static long long count_rows(Store& store, const char* sql) {
    Stmt st = store.prepare(sql);
    return st.step() ? st.integer(0) : 0;
}

// A change the server had a newer version of is not in force: staff must be able to see that
// it happened, and which record (a "superseded" answer is never silent).
static void read_superseded(Store& store, SyncState& s) {
    s.superseded =
        count_rows(store, "SELECT count(*) FROM sync_acked WHERE outcome = 'superseded'");
    if (s.superseded == 0) return;
    Stmt st = store.prepare("SELECT entity, entity_uuid, acked_at FROM sync_acked "
                            "WHERE outcome = 'superseded' ORDER BY seq DESC LIMIT 1");
    if (st.step()) s.last_superseded = st.text(0) + " " + st.text(1) + " at " + st.text(2);
}

SyncState read_sync_state(Store& store) {
    SyncState s;
    s.enrolled = !store.meta(sync_key::token).value_or("").empty();
    s.server = store.meta(sync_key::url).value_or("");
    s.terminal = store.terminal_id();
    s.room = store.meta(sync_key::room).value_or("");
    s.kind = store.meta(sync_key::kind).value_or("");
    s.last_sync = parse_instant(store.meta(sync_key::last_ok).value_or(""));
    s.pending = count_rows(store, "SELECT count(*) FROM outbox");
    // The dead-letter table exists once the agent has run; before that there are none.
    if (count_rows(store, "SELECT count(*) FROM sqlite_schema WHERE name = 'sync_dead_letters'"))
        s.dead_letters = count_rows(store, "SELECT count(*) FROM sync_dead_letters");
    if (count_rows(store, "SELECT count(*) FROM sqlite_schema WHERE name = 'sync_acked'"))
        read_superseded(store, s);
    s.last_error = store.meta(sync_key::last_error).value_or("");
    s.last_error_kind = store.meta(sync_key::last_error_kind).value_or("");
    if (!s.last_error.empty())
        s.last_error_at = parse_instant(store.meta(sync_key::last_error_at).value_or(""));
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
