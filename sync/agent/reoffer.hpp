// Offering again after the server's store was restored from a backup.
//
// The server acknowledged ops after its last backup; restored, it has lost them, and the
// terminal deleted them from its outbox when it heard "applied". So the agent keeps every op the
// server acknowledged, in the order first pushed, in the journal (store/outbox.hpp), for kMaxOpAge
// (common/protocol.hpp). When the server's epoch changes (`reception-server new-epoch`, run after a
// restore) the agent puts the whole journal back into the outbox ahead of what still waits, and
// pulls from the start. Each op keeps its op id: what the backup already had is answered
// "duplicate", the rest is applied again under the same rules, so the server converges on the
// union of what the terminals hold, every record once.
#pragma once

#include "store/store.hpp"

#include <string>

namespace reception {

// The epoch part of a cursor "EPOCH:SEQ" ("" for none).
std::string cursor_epoch(const std::string& cursor);

// The server's store changed under the cursor `stale` (a pull answered "resync", or a push
// answered with another epoch): moves the journal back into the outbox ahead of what still
// waits, and clears the cursor, in one transaction. Does nothing when the stored cursor is no
// longer `stale` (the other of the agent's two threads did it). Returns how many ops.
long long reoffer_journal(Store& store, const std::string& stale);

} // namespace reception
