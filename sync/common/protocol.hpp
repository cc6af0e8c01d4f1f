// What the server and the agent agree on: limits, the cursor, the shape of a change.
// docs/sync.md describes the protocol; every limit here is also enforced by the server.
#pragma once

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace reception {

// Limits
constexpr size_t kMaxBodyBytes = 1 << 20;   // a push of 500 ops is far below this
constexpr size_t kMaxHeaderBytes = 8 << 10; // request line and headers together
constexpr int kMaxOpsPerBatch = 500;
constexpr int kDefaultPullLimit = 500;
constexpr int kMaxPullLimit = 1000;
constexpr int kMaxWaitSeconds = 30;                // long-poll
constexpr std::chrono::seconds kMaxClockSkew{300}; // terminal clock vs server clock
// The oldest op a batch may carry, against its sent_at. An outbox legitimately holds ops days
// old (a kiosk offline over a long holiday, a machine in a cupboard until IT comes); 30 days
// covers that with room to spare and still refuses a record stamped years back. The agent keeps
// what the server acknowledged for as long, to offer it again after a restore
// (sync/agent/reoffer.hpp).
constexpr std::chrono::seconds kMaxOpAge{30 * 24 * 3600};

// The pull cursor "EPOCH:SEQ". The epoch names one life of the server's store: after a restore
// from backup it changes, and a cursor from before is answered "resync" (409). In the middle of
// a snapshot (a terminal behind a pruned feed, sync/server/feed.hpp) it is
// "EPOCH:SEQ:ENTITY:UUID": the snapshot's head, and the last record it sent.
struct Cursor {
    std::string epoch;
    long long seq = 0;
    std::string entity, uuid; // the snapshot's last record, or empty
};
std::optional<Cursor> parse_cursor(std::string_view text);
std::string format_cursor(const Cursor& c);

// Small checks used by validation on both sides.
bool is_entity_name(std::string_view s); // [a-z_]{1,32}
bool is_instant_text(const nlohmann::json& v);

// A request the server refuses as a whole: nothing of it is applied. code is a stable word for
// programs ("clock_skew"), message is for the log and the staff screen.
struct HttpError : std::runtime_error {
    int status;
    std::string code;
    HttpError(int status_, std::string code_, const std::string& message)
        : std::runtime_error(message), status(status_), code(std::move(code_)) {}
};
std::string error_body(std::string_view code, std::string_view message);

// What a terminal tells the server of itself with each request, so the administrator sees a
// kiosk that keeps changes it cannot send: "Reception-Terminal-Status: pending=3;
// dead_letters=1" (outbox rows, rejected ops).
inline constexpr const char* kTerminalStatusHeader = "Reception-Terminal-Status";
struct TerminalCounts {
    long long pending = -1, dead_letters = -1; // -1: not told
};
std::string format_terminal_counts(const TerminalCounts& c);
TerminalCounts parse_terminal_counts(std::string_view header); // what does not parse: -1

// One op of the outbox as it travels: op_id, entity, entity_uuid, kind, payload, created_at.
nlohmann::json op_json(const std::string& op_id, const std::string& entity,
                       const std::string& entity_uuid, const std::string& kind,
                       const std::string& payload_text, const std::string& created_at);

} // namespace reception
