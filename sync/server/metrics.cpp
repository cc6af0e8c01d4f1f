#include "server/metrics.hpp"

#include <cstdio>

namespace reception {

const char* to_code(Endpoint e) {
    switch (e) {
    case Endpoint::Healthz:
        return "healthz";
    case Endpoint::Metrics:
        return "metrics";
    case Endpoint::Enrol:
        return "enrol";
    case Endpoint::Push:
        return "push";
    case Endpoint::Pull:
        return "pull";
    case Endpoint::Whoami:
        return "whoami";
    case Endpoint::Token:
        return "token";
    case Endpoint::Public:
        return "public";
    case Endpoint::Report:
        return "report";
    default:
        return "other";
    }
}

void record_request(Metrics& m, Endpoint e, int status, double seconds) {
    EndpointStats& s = m.endpoints[size_t(e)];
    if (status >= 100 && status < 600) s.by_status[status].fetch_add(1, std::memory_order_relaxed);
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i)
        if (seconds <= kLatencyBuckets[i]) s.buckets[i].fetch_add(1, std::memory_order_relaxed);
    s.count.fetch_add(1, std::memory_order_relaxed);
    s.micros.fetch_add((long long)(seconds * 1e6), std::memory_order_relaxed);
}

static void line(std::string& out, const char* fmt, auto... args) {
    char buf[256];
    std::snprintf(buf, sizeof buf, fmt, args...);
    out += buf;
}

std::string metrics_text(const Metrics& m, long long connected_terminals) {
    std::string out;
    out += "# HELP reception_requests_total HTTP requests answered, by endpoint and status.\n"
           "# TYPE reception_requests_total counter\n";
    for (size_t e = 0; e < m.endpoints.size(); ++e)
        for (int c = 100; c < 600; ++c) {
            long long n = m.endpoints[e].by_status[c].load();
            if (n > 0)
                line(out, "reception_requests_total{endpoint=\"%s\",code=\"%d\"} %lld\n",
                     to_code(Endpoint(e)), c, n);
        }
    out += "# HELP reception_request_seconds Time from request read to response written, "
           "less a long-poll's wait for news.\n"
           "# TYPE reception_request_seconds histogram\n";
    for (size_t e = 0; e < m.endpoints.size(); ++e) {
        const EndpointStats& s = m.endpoints[e];
        if (s.count.load() == 0) continue;
        const char* name = to_code(Endpoint(e));
        for (size_t i = 0; i < kLatencyBuckets.size(); ++i)
            line(out, "reception_request_seconds_bucket{endpoint=\"%s\",le=\"%g\"} %lld\n", name,
                 kLatencyBuckets[i], s.buckets[i].load());
        line(out, "reception_request_seconds_bucket{endpoint=\"%s\",le=\"+Inf\"} %lld\n", name,
             s.count.load());
        line(out, "reception_request_seconds_sum{endpoint=\"%s\"} %.6f\n", name,
             double(s.micros.load()) / 1e6);
        line(out, "reception_request_seconds_count{endpoint=\"%s\"} %lld\n", name, s.count.load());
    }
    auto counter = [&](const char* name, const char* help, long long v, const char* type) {
        line(out, "# HELP %s %s\n# TYPE %s %s\n%s %lld\n", name, help, name, type, name, v);
    };
    counter("reception_pushed_changes_total", "Pushed ops applied to the store.",
            m.pushed_changes.load(), "counter");
    counter("reception_duplicate_changes_total", "Pushed ops already applied before.",
            m.duplicate_changes.load(), "counter");
    counter("reception_rejected_changes_total", "Pushed ops rejected (dead-lettered).",
            m.rejected_changes.load(), "counter");
    counter("reception_pulled_changes_total", "Changes sent in pull answers.",
            m.pulled_changes.load(), "counter");
    counter("reception_open_connections", "TLS connections open now.", m.open_connections.load(),
            "gauge");
    counter("reception_tls_handshake_failures_total", "TLS handshakes that failed.",
            m.tls_failures.load(), "counter");
    counter("reception_connected_terminals", "Terminals seen in the last 60 seconds.",
            connected_terminals, "gauge");
    counter("reception_feed_head", "Sequence number of the newest change.", m.feed_head.load(),
            "gauge");
    return out;
}

} // namespace reception
