// What the administrator sees of each terminal: when it was last heard from, and what it said
// it still holds (outbox, dead letters). Kept in memory by every authenticated request, written
// to the store every 10 s and at exit (table srv_terminal_status), read back at start, so that
// a kiosk silent for three days shows as such in /metrics and `reception-server terminals`.
#pragma once

#include "common/protocol.hpp"
#include "server/auth.hpp"

#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

namespace reception {

struct TerminalReport {
    std::string room, kind;
    Instant last_seen{};
    TerminalCounts counts;
    bool dirty = false; // changed since written to the store
};

class TerminalStatusBoard {
  public:
    // An authenticated request from t now, with its Reception-Terminal-Status header.
    void seen(const Terminal& t, std::string_view header, Instant now);
    long long connected(Instant now); // heard from in the last 60 s
    // When a kiosk or a console of the room was last heard from by this server ({} for never):
    // the "as of" of the room's public pages.
    Instant room_last_seen(const std::string& room);
    std::string metrics_text();  // per-terminal gauges for /metrics
    void load(ServerStore& db);  // at start
    void flush(ServerStore& db); // inside the writer's transaction

  private:
    std::mutex mutex_;
    std::unordered_map<std::string, TerminalReport> by_name_;
};

// What the store holds, by terminal name (for `reception-server terminals`).
std::map<std::string, TerminalReport> read_terminal_status(ServerStore& db);

} // namespace reception
