// The server's request handling as a plain function: a parsed request in, a reply out. No
// sockets: the HTTPS layer (http_server.cpp) is a thin shell around it, tests call it directly.
//
// Two things the shell does for a reply:
//  - write: the reply needs the store's single writer; run write(db) there inside its
//    transaction (grouped with other requests' writes) and send what it returns;
//  - wait_ms: a long-poll found nothing new; wait for news of wait_room (or the time), then
//    ask again with may_wait = false.
#pragma once

#include "server/auth.hpp"
#include "server/delivery.hpp"
#include "server/metrics.hpp"
#include "server/rate_limit.hpp"
#include "server/read_ahead.hpp"
#include "server/terminal_status.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace reception {

struct Request {
    std::string method; // "GET", "POST"
    std::string target; // "/v1/pull?cursor=..."
    std::string authorization;
    std::string content_type;
    std::string body;
    std::string peer;                 // the client's address, for the enrolment limit
    std::string terminal_status;      // kTerminalStatusHeader: the terminal's outbox, dead letters
    std::optional<Terminal> terminal; // set by refuse_before_body: not looked up twice
    bool may_wait = true;
};

struct Reply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    Endpoint endpoint = Endpoint::Other;
    std::function<Reply(ServerStore&)> write;
    ReadAhead ahead;       // what write will look up
    int retry_after_s = 0; // 429: when to try again
    int wait_ms = 0;
    std::string wait_room;
    long long wait_head = 0;
    std::vector<std::string> rooms; // after a write: rooms whose feed grew
};

// The store's epoch as this instance knows it. Every request reads it; it is replaced while
// serving when `reception-server new-epoch` runs (after a restore, or a fail-over to a replica
// that was behind): heard at once on PostgreSQL (pg_feed_listener.hpp), read again every few
// seconds on SQLite (http_server.cpp). A request copies it once, so its cursor and its check
// agree.
class CurrentEpoch {
  public:
    std::string get() const {
        std::lock_guard lock(mutex_);
        return value_;
    }
    // true when it changed
    bool set(const std::string& epoch) {
        std::lock_guard lock(mutex_);
        if (epoch.empty() || epoch == value_) return false;
        value_ = epoch;
        return true;
    }

  private:
    mutable std::mutex mutex_;
    std::string value_;
};

// What lives as long as the server: its epoch, metrics, the credential cache.
struct ServerCore {
    CurrentEpoch epoch;
    Metrics metrics;
    std::shared_mutex tokens_mutex;
    std::unordered_map<std::string, Terminal> tokens; // token -> terminal (in memory only)
    long long tokens_version = 0; // credentials_version the cache was filled under
    // On PostgreSQL, the credentials version as the instance's listening connection last heard
    // it (pg_feed_listener.hpp); -1: not known, read it from the store (always so on SQLite,
    // where reading it costs less than a notification would).
    std::atomic<long long> credentials_heard{-1};
    TerminalStatusBoard status; // last seen, pending, dead letters per terminal
    EnrolmentLimiter enrol_limiter;
    PublicLimiter public_limiter; // the public pages, per client address
    SmsReports reports;           // the SMS gateway's delivery reports (delivery_reports.hpp)
};

Reply handle_request(ServerCore& core, ServerStore& reader, const Request& req, Instant now);
// What can be refused from the header alone, before the body is read (req.body is empty):
// a missing or wrong credential (401), a body larger than the endpoint takes (413), a POST
// that is not JSON (415), an enrolment over its limit (429). nullopt: read the body.
std::optional<Reply> refuse_before_body(ServerCore& core, ServerStore& reader, Request& req,
                                        unsigned long long content_length, Instant now);
// The largest body an endpoint takes: 4 KiB to enrol or rotate a token, kMaxBodyBytes otherwise.
unsigned long long body_limit_of(std::string_view target);
Reply error_reply(int status, std::string_view code, std::string_view message);
long long connected_terminals(ServerCore& core, Instant now);

} // namespace reception
