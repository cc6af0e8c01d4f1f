// Push: a batch of outbox ops from one terminal, checked as a whole, then applied in one
// transaction. Each op is answered applied | duplicate | superseded | rejected(reason).
#pragma once

#include "common/protocol.hpp"
#include "server/auth.hpp"
#include "server/read_ahead.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reception {

class ServerStore;

struct PushOp {
    std::string op_id, entity, entity_uuid, kind, created_at;
    nlohmann::json payload;
    std::string payload_text; // payload as compact JSON, as stored and served by pull
    std::string public_text;  // what kiosks and boards pull of it (feed.hpp); empty: nothing
};

struct PushBatch {
    std::string batch_id;
    std::vector<PushOp> ops;
    std::string digest; // SHA-256 of the ops as sent: a replayed batch id must carry the same
};

// Parses and checks a push body from terminal t: shape, times (op_times.hpp) and what t's role
// may write (write_rules.hpp). Throws HttpError 400 (malformed_json, unknown_field,
// missing_field, bad_field, clock_skew, op_time, too_many_ops) or 403 before anything is written.
PushBatch parse_push(std::string_view body, Instant now, const Terminal& t);

// What applying b will look up, for the store to read at once with the rest of its group.
ReadAhead read_ahead_of(const PushBatch& b);

struct OpResult {
    std::string op_id, status, reason;
};
struct PushResult {
    std::vector<OpResult> results;
    std::vector<std::string> rooms; // rooms whose feed grew: their long-polls wake up
    int applied = 0, duplicates = 0, rejected = 0;
};

// Applies a checked batch inside the caller's transaction. Throws HttpError 403 (wrong role or
// room, another terminal's record or number) or 409 (batch id replayed with other ops); the caller
// then rolls the batch back whole.
PushResult apply_push(ServerStore& db, const Terminal& t, const PushBatch& b, Instant now);
nlohmann::json push_result_json(const PushResult& r, const std::string& epoch);

} // namespace reception
