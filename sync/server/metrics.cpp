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

void Histogram::add(double seconds) {
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i)
        if (seconds <= kLatencyBuckets[i]) buckets[i].fetch_add(1, std::memory_order_relaxed);
    count.fetch_add(1, std::memory_order_relaxed);
    micros.fetch_add((long long)(seconds * 1e6), std::memory_order_relaxed);
}

void record_request(Metrics& m, Endpoint e, int status, double seconds) {
    EndpointStats& s = m.endpoints[size_t(e)];
    if (status >= 100 && status < 600) s.by_status[status].fetch_add(1, std::memory_order_relaxed);
    s.time.add(seconds);
}

void record_commit(Metrics& m, size_t writes, double waited, double took) {
    m.write_wait.add(waited);
    m.commit_time.add(took);
    m.committed_writes.fetch_add((long long)writes, std::memory_order_relaxed);
}

static void line(std::string& out, const char* fmt, auto... args) {
    char buf[256];
    std::snprintf(buf, sizeof buf, fmt, args...);
    out += buf;
}

// name_bucket{labels le="..."} lines, then _sum and _count; labels: "" or `a="b",`.
static void histogram_lines(std::string& out, const char* name, const std::string& labels,
                            const Histogram& h) {
    std::string sel = labels.empty() ? "" : "{" + labels.substr(0, labels.size() - 1) + "}";
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i)
        line(out, "%s_bucket{%sle=\"%g\"} %lld\n", name, labels.c_str(), kLatencyBuckets[i],
             h.buckets[i].load());
    line(out, "%s_bucket{%sle=\"+Inf\"} %lld\n", name, labels.c_str(), h.count.load());
    line(out, "%s_sum%s %.6f\n", name, sel.c_str(), double(h.micros.load()) / 1e6);
    line(out, "%s_count%s %lld\n", name, sel.c_str(), h.count.load());
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
        if (m.endpoints[e].time.count.load() == 0) continue;
        std::string labels = std::string("endpoint=\"") + to_code(Endpoint(e)) + "\",";
        histogram_lines(out, "reception_request_seconds", labels, m.endpoints[e].time);
    }
    out += "# HELP reception_write_wait_seconds Time a write (a push, an enrolment, ...) waited "
           "for its group commit to start.\n"
           "# TYPE reception_write_wait_seconds histogram\n";
    histogram_lines(out, "reception_write_wait_seconds", "", m.write_wait);
    out += "# HELP reception_commit_seconds Time of a group commit, from its first read to its "
           "durable commit.\n"
           "# TYPE reception_commit_seconds histogram\n";
    histogram_lines(out, "reception_commit_seconds", "", m.commit_time);
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
    counter("reception_committed_writes_total", "Writes committed by group commits.",
            m.committed_writes.load(), "counter");
    counter("reception_feed_head", "Sequence number of the newest change.", m.feed_head.load(),
            "gauge");
    return out;
}

} // namespace reception
