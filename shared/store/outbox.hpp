// The outbox: every change a terminal made that the server has not yet accepted, and what
// became of the ones it answered. Three tables, one home (the schema is in schema.cpp):
//  - outbox: appended in the same transaction as the change itself (Store::transaction), so
//    the agent can never miss or invent one; the agent reads the oldest first;
//  - sync_dead_letters: ops the server refused for good, kept for staff to look at;
//  - sync_acked: the journal of ops the server acknowledged, kept to offer them again after
//    the server's store is restored from a backup (docs/sync.md).
// Every function that writes must run inside the caller's transaction.
#pragma once

#include "store/store.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace reception {

// One pending change, as it is pushed.
struct OutboxOp {
    long long seq = 0; // the order it was made in
    std::string op_id, entity, entity_uuid, kind, payload, created_at;
};

// Appends a change for the sync agent; returns its op id (a new UUID). Throws StoreError
// outside a transaction: a change and its outbox row are written together or not at all.
std::string append_outbox(Store& store, std::string_view entity, std::string_view entity_uuid,
                          std::string_view kind, const nlohmann::json& payload);

// The oldest pending changes, at most max_ops, in the order they were made.
std::vector<OutboxOp> oldest_outbox_ops(Store& store, int max_ops);

// The server acknowledged the op (applied, duplicate or superseded): it leaves the outbox for
// the journal. Deleted by op id, not seq: after a restore the agent's other thread may have put
// the outbox back in a new order.
void acknowledge_op(Store& store, const std::string& op_id, const std::string& outcome);
// The server refused the op for good: it leaves the outbox for the dead letters.
void dead_letter_op(Store& store, const OutboxOp& op, const std::string& reason);
// Forgets journal ops made before `made_before` (the server would refuse them now).
void prune_acknowledged(Store& store, Instant made_before);
// Puts the whole journal back into the outbox ahead of what still waits (the journal in the
// order first pushed, then the rest in its order) and empties the journal. Returns how many
// journal ops went back.
long long requeue_acknowledged(Store& store);

// What the apps show about the outbox.
struct OutboxCounts {
    long long pending = 0;       // not yet accepted by the server
    long long dead_letters = 0;  // refused for good
    long long superseded = 0;    // acknowledged as superseded, in the journal
    std::string last_superseded; // the newest of those: "entity uuid at time"
};
OutboxCounts count_outbox(Store& store);
// Only what is still waiting and what was refused (superseded left 0): the agent reports these
// before every push and pull, so it does not read the journal each time.
OutboxCounts count_waiting(Store& store);

} // namespace reception
