#include "reoffer.hpp"

#include "agent.hpp"
#include "protocol.hpp"
#include "store/sync_state.hpp"

#include <sqlite3.h>

namespace reception {

std::string cursor_epoch(const std::string& cursor) {
    auto c = parse_cursor(cursor);
    return c ? c->epoch : std::string();
}

void journal_acked(Store& store, const std::string& op_id, const std::string& outcome) {
    store
        .prepare("INSERT INTO sync_acked(op_id, entity, entity_uuid, kind, payload, created_at, "
                 "outcome, acked_at) SELECT op_id, entity, entity_uuid, kind, payload, "
                 "created_at, ?2, ?3 FROM outbox WHERE op_id = ?1 "
                 "ON CONFLICT(op_id) DO UPDATE SET outcome = excluded.outcome")
        .bind(1, op_id)
        .bind(2, outcome)
        .bind(3, format_instant(now_utc()))
        .run();
}

void prune_journal(Store& store) {
    store.prepare("DELETE FROM sync_acked WHERE created_at < ?1")
        .bind(1, format_instant(now_utc() - kMaxOpAge))
        .run();
}

long long reoffer_journal(Store& store, const std::string& stale) {
    long long offered = 0;
    store.transaction([&] {
        if (stale.empty() || store.meta(sync_key::cursor).value_or("") != stale) return;
        // The journal first, in the order first pushed, then what still waits, in its order:
        // the server gets one terminal's changes in the order they were made.
        store.exec("DROP TABLE IF EXISTS temp.still_waiting");
        store.exec("CREATE TEMP TABLE still_waiting AS SELECT op_id, entity, entity_uuid, kind, "
                   "payload, created_at FROM outbox ORDER BY seq");
        store.exec("DELETE FROM outbox");
        store.exec("INSERT INTO outbox(op_id, entity, entity_uuid, kind, payload, created_at) "
                   "SELECT op_id, entity, entity_uuid, kind, payload, created_at FROM sync_acked "
                   "ORDER BY seq");
        offered = sqlite3_changes64(store.handle());
        store.exec("INSERT INTO outbox(op_id, entity, entity_uuid, kind, payload, created_at) "
                   "SELECT op_id, entity, entity_uuid, kind, payload, created_at FROM "
                   "temp.still_waiting ORDER BY rowid");
        store.exec("DROP TABLE temp.still_waiting");
        store.exec("DELETE FROM sync_acked");
        store.set_meta(sync_key::cursor, ""); // and pull from the start
    });
    return offered;
}

} // namespace reception
