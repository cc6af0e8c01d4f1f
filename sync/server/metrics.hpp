// Counters for /metrics (Prometheus text format 0.0.4). Lock-free: every request updates them.
#pragma once

#include <array>
#include <atomic>
#include <string>
#include <string_view>

namespace reception {

enum class Endpoint {
    Healthz,
    Metrics,
    Enrol,
    Push,
    Pull,
    Whoami,
    Token,
    Public,
    Report,
    Other,
    Count
};
const char* to_code(Endpoint e);

// Latency buckets, in seconds.
constexpr std::array<double, 11> kLatencyBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                 0.1,   0.25,   0.5,   1.0,  2.5};

// A duration's histogram over kLatencyBuckets (cumulative, as Prometheus reads it).
struct Histogram {
    std::array<std::atomic<long long>, kLatencyBuckets.size()> buckets{};
    std::atomic<long long> count{0};
    std::atomic<long long> micros{0};
    void add(double seconds);
};

struct EndpointStats {
    std::array<std::atomic<long long>, 600> by_status{}; // by exact code, 100 .. 599
    Histogram time;
};

struct Metrics {
    std::array<EndpointStats, size_t(Endpoint::Count)> endpoints;
    std::atomic<long long> pushed_changes{0}; // ops applied
    std::atomic<long long> duplicate_changes{0};
    std::atomic<long long> rejected_changes{0};
    std::atomic<long long> pulled_changes{0};   // changes sent in pull answers
    std::atomic<long long> open_connections{0}; // TLS connections now open
    std::atomic<long long> tls_failures{0};
    std::atomic<long long> feed_head{0};
    // The single writer's group commits (writer.hpp): how long a write waited for its group,
    // how long a group took from its first read to its commit, and how many writes each held.
    // A push's latency is the first two; the third says whether grouping works.
    Histogram write_wait;
    Histogram commit_time;
    std::atomic<long long> committed_writes{0};
};

void record_request(Metrics& m, Endpoint e, int status, double seconds);
// One group commit of `writes` writes; waited: the wait of its oldest write.
void record_commit(Metrics& m, size_t writes, double waited, double took);
// connected_terminals: distinct terminals that made a request in the last minute.
std::string metrics_text(const Metrics& m, long long connected_terminals);

} // namespace reception
