#include "store/outbox.hpp"

#include "base/log.hpp"

#include "base/uuid.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace reception {

// Appending
std::string append_outbox(Store& store, std::string_view entity, std::string_view entity_uuid,
                          std::string_view kind, const nlohmann::json& payload) {
    if (!store.in_transaction())
        throw StoreError("store_io", "append_outbox outside a transaction");
    std::string op_id = new_uuid();
    store
        .prepare("INSERT INTO outbox(op_id, entity, entity_uuid, kind, payload, created_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, op_id)
        .bind(2, entity)
        .bind(3, entity_uuid)
        .bind(4, kind)
        .bind(5, payload.dump())
        .bind(6, format_instant(now_utc()))
        .run();
    return op_id;
}

// Reading
std::vector<OutboxOp> oldest_outbox_ops(Store& store, int max_ops) {
    Stmt st = store.prepare("SELECT seq, op_id, entity, entity_uuid, kind, payload, created_at "
                            "FROM outbox ORDER BY seq LIMIT ?1");
    st.bind(1, max_ops);
    std::vector<OutboxOp> ops;
    while (st.step())
        ops.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
                       st.text(6)});
    return ops;
}

// Settling
static void delete_op(Store& store, const std::string& op_id) {
    store.prepare("DELETE FROM outbox WHERE op_id = ?1").bind(1, op_id).run();
}

// A second answer for an op already in the journal (it was offered again) updates its outcome.
void acknowledge_op(Store& store, const std::string& op_id, const std::string& outcome) {
    store
        .prepare("INSERT INTO sync_acked(op_id, entity, entity_uuid, kind, payload, created_at, "
                 "outcome, acked_at) SELECT op_id, entity, entity_uuid, kind, payload, "
                 "created_at, ?2, ?3 FROM outbox WHERE op_id = ?1 "
                 "ON CONFLICT(op_id) DO UPDATE SET outcome = excluded.outcome")
        .bind(1, op_id)
        .bind(2, outcome)
        .bind(3, format_instant(now_utc()))
        .run();
    delete_op(store, op_id);
}

void dead_letter_op(Store& store, const OutboxOp& op, const std::string& reason) {
    store
        .prepare("INSERT OR IGNORE INTO sync_dead_letters(op_id, entity, entity_uuid, kind, "
                 "payload, created_at, reason, failed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, op.op_id)
        .bind(2, op.entity)
        .bind(3, op.entity_uuid)
        .bind(4, op.kind)
        .bind(5, op.payload)
        .bind(6, op.created_at)
        .bind(7, reason)
        .bind(8, format_instant(now_utc()))
        .run();
    delete_op(store, op.op_id);
    // Staff must look at it (the console shows it too): an op the server refused for good.
    log_warning("dead letter: " + op.kind + " of " + op.entity + " " + op.entity_uuid +
                " refused by the server: " + reason);
}

void prune_acknowledged(Store& store, Instant made_before) {
    store.prepare("DELETE FROM sync_acked WHERE created_at < ?1")
        .bind(1, format_instant(made_before))
        .run();
}

// The server gets one terminal's changes in the order they were made: the journal (pushed
// first) goes ahead of what still waits. The new seq values give the new order.
long long requeue_acknowledged(Store& store) {
    store.exec("DROP TABLE IF EXISTS temp.still_waiting");
    store.exec("CREATE TEMP TABLE still_waiting AS SELECT op_id, entity, entity_uuid, kind, "
               "payload, created_at FROM outbox ORDER BY seq");
    store.exec("DELETE FROM outbox");
    store.exec("INSERT INTO outbox(op_id, entity, entity_uuid, kind, payload, created_at) "
               "SELECT op_id, entity, entity_uuid, kind, payload, created_at FROM sync_acked "
               "ORDER BY seq");
    long long requeued = sqlite3_changes64(store.handle());
    store.exec("INSERT INTO outbox(op_id, entity, entity_uuid, kind, payload, created_at) "
               "SELECT op_id, entity, entity_uuid, kind, payload, created_at FROM "
               "temp.still_waiting ORDER BY rowid");
    store.exec("DROP TABLE temp.still_waiting");
    store.exec("DELETE FROM sync_acked");
    return requeued;
}

// Counting
static long long count_rows(Store& store, const char* sql) {
    Stmt st = store.prepare(sql);
    return st.step() ? st.integer(0) : 0;
}

// A change the server had a newer version of is not in force: staff must be able to see that
// it happened, and which record (a "superseded" answer is never silent).
OutboxCounts count_waiting(Store& store) {
    OutboxCounts c;
    c.pending = count_rows(store, "SELECT count(*) FROM outbox");
    c.dead_letters = count_rows(store, "SELECT count(*) FROM sync_dead_letters");
    return c;
}

OutboxCounts count_outbox(Store& store) {
    OutboxCounts c = count_waiting(store);
    c.superseded =
        count_rows(store, "SELECT count(*) FROM sync_acked WHERE outcome = 'superseded'");
    if (c.superseded == 0) return c;
    Stmt st = store.prepare("SELECT entity, entity_uuid, acked_at FROM sync_acked "
                            "WHERE outcome = 'superseded' ORDER BY seq DESC LIMIT 1");
    if (st.step()) c.last_superseded = st.text(0) + " " + st.text(1) + " at " + st.text(2);
    return c;
}

} // namespace reception
