// bench/sync_load: N simulated terminals against a real reception-server on loopback.
//   1. load: each terminal keeps one TLS connection and, once a second, pushes a ticket and
//      pulls its room's feed; for S seconds after a ramp-up. Prints p50/p99 latency of the
//      requests, errors, and the server's CPU (from /proc, user + system, 100% = one core).
//   2. flush: one terminal with 10,000 queued changes pushes them with the agent's own code
//      (sync_until_idle, batches of 200) and the time is printed.
// Targets: 2,000 terminals with p99 < 100 ms and no error; the flush < 10 s.
//
// usage: sync_load SERVER_BIN [TERMINALS=2000] [SECONDS=60] [FLUSH_CHANGES=10000] [SPREAD_MS=1000]
//   SPREAD_MS: the terminals' phases are spread over this part of each second; 1000 is
//   independent terminals, less is terminals bunched together (all of them within 400 ms: 400).
#include "load_client.hpp"
#include "setup.hpp"

#include "agent/agent.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace reception;
using namespace reception::bench;
using Clock = std::chrono::steady_clock;

static void flush_test(BenchServer& server, int changes) {
    auto store = flush_terminal(server, changes);
    HttpClient client(client_config(*store));
    auto t0 = Clock::now();
    StepResult r = sync_until_idle(*store, client);
    double s = std::chrono::duration<double>(Clock::now() - t0).count();
    long long left = count_outbox(*store);
    std::printf("flush: %d queued changes from one terminal pushed in %.2f s (%.0f/s), %s, %lld "
                "left in the outbox\n",
                changes, s, changes / s, r.ok ? "ok" : r.error.c_str(), left);
}

// The server's own view from /metrics: the request-time histogram per endpoint (from request
// read to response written), so the client's share of the latency on a shared machine shows.
static void server_side_latency(BenchServer& server) {
    ClientConfig cfg;
    cfg.base_url = "https://localhost:" + std::to_string(server.port);
    cfg.ca_pem = server.ca_pem;
    HttpResult r = HttpClient(cfg).get("/metrics", 10000);
    for (const char* endpoint : {"push", "pull"}) {
        std::string prefix =
            std::string("reception_request_seconds_bucket{endpoint=\"") + endpoint + "\",le=\"";
        std::vector<std::pair<std::string, double>> buckets;
        for (size_t at = r.body.find(prefix); at != std::string::npos;
             at = r.body.find(prefix, at + 1)) {
            size_t q = r.body.find('"', at + prefix.size());
            std::string le = r.body.substr(at + prefix.size(), q - at - prefix.size());
            buckets.push_back({le, std::atof(r.body.c_str() + q + 3)});
        }
        if (buckets.empty()) continue;
        double total = buckets.back().second;
        auto bound = [&](double share) {
            for (auto& [le, n] : buckets)
                if (n >= share * total)
                    return le == "+Inf" ? le
                                        : std::to_string(int(std::atof(le.c_str()) * 1000)) + " ms";
            return std::string("?");
        };
        std::printf("server side: %s p50 <= %s, p99 <= %s (%.0f requests, whole run)\n", endpoint,
                    bound(0.5).c_str(), bound(0.99).c_str(), total);
    }
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: sync_load SERVER_BIN [TERMINALS] [SECONDS] [FLUSH] [SPREAD_MS]\n");
        return 2;
    }
    int terminals = argc > 2 ? std::atoi(argv[2]) : 2000;
    int seconds = argc > 3 ? std::atoi(argv[3]) : 60;
    int flush = argc > 4 ? std::atoi(argv[4]) : 10000;
    int spread_ms = argc > 5 ? std::clamp(std::atoi(argv[5]), 1, 1000) : 1000;
    raise_open_files_limit();
    BenchServer server(argv[1]);
    std::printf("sync_load: %d terminals, %d s, phases over %d ms of each second, server pid %d "
                "on port %d\n",
                terminals, seconds, spread_ms, int(server.pid), server.port);
    std::fflush(stdout);
    LoadReport load = run_load(server, terminals, seconds, spread_ms);
    print_report(load, seconds);
    server_side_latency(server);
    if (flush > 0) flush_test(server, flush);
    return load.errors == 0 ? 0 : 1;
}
