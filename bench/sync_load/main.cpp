// bench/sync_load: N simulated terminals against a real reception-server on loopback.
//   1. load: each terminal keeps one TLS connection and, once a second, pushes a ticket and
//      pulls its room's feed; for S seconds after a ramp-up. Prints p50/p99 latency of the
//      requests, errors, and the server's CPU (from /proc, user + system, 100% = one core).
//   2. flush: one terminal with 10,000 queued changes pushes them with the agent's own code
//      (sync_until_idle, batches of 200) and the time is printed.
// Targets: 2,000 terminals with p99 < 100 ms and no error; the flush < 10 s.
//
//   3. ceiling (its own run): CLIENTS terminals push back to back, each as soon as its last push
//      was answered, no pulls: the pushes per second the server can commit, to set beside
//      pgbench's one-row insert at the same number of clients (pg_compare.sh).
//
// usage: sync_load SERVER_BIN [TERMINALS=2000] [SECONDS=60] [FLUSH_CHANGES=10000] [SPREAD_MS=1000]
//        sync_load SERVER_BIN ceiling [CLIENTS=8] [SECONDS=20]
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

// p50 and p99 of one histogram of /metrics text; selector: `name_bucket{` and any labels.
static std::string histogram_bounds(const std::string& text, const std::string& selector,
                                    double* total_out) {
    std::string prefix = selector + "le=\"";
    std::vector<std::pair<std::string, double>> buckets;
    for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
        size_t q = text.find('"', at + prefix.size());
        std::string le = text.substr(at + prefix.size(), q - at - prefix.size());
        buckets.push_back({le, std::atof(text.c_str() + q + 3)});
    }
    if (buckets.empty()) return "";
    double total = buckets.back().second;
    *total_out = total;
    auto bound = [&](double share) {
        for (auto& [le, n] : buckets)
            if (n >= share * total)
                return le == "+Inf" ? le
                                    : std::to_string(int(std::atof(le.c_str()) * 1000)) + " ms";
        return std::string("?");
    };
    return "p50 <= " + bound(0.5) + ", p99 <= " + bound(0.99);
}

// The server's own view from /metrics: the request-time histogram per endpoint (from request
// read to response written), so the client's share of the latency on a shared machine shows;
// and the writer's: how long writes waited for their group commit, how long the commits took
// and how many writes each held.
static void server_side_latency(BenchServer& server) {
    ClientConfig cfg;
    cfg.base_url = "https://localhost:" + std::to_string(server.port);
    cfg.ca_pem = server.ca_pem;
    HttpResult r = HttpClient(cfg).get("/metrics", 10000);
    double total = 0;
    for (const char* endpoint : {"push", "pull"}) {
        std::string sel =
            std::string("reception_request_seconds_bucket{endpoint=\"") + endpoint + "\",";
        std::string b = histogram_bounds(r.body, sel, &total);
        if (!b.empty())
            std::printf("server side: %s %s (%.0f requests, whole run)\n", endpoint, b.c_str(),
                        total);
    }
    std::string wait = histogram_bounds(r.body, "reception_write_wait_seconds_bucket{", &total);
    std::string commit = histogram_bounds(r.body, "reception_commit_seconds_bucket{", &total);
    size_t at = r.body.find("\nreception_committed_writes_total ");
    double writes = at == std::string::npos ? 0 : std::atof(r.body.c_str() + at + 34);
    // A commit that stalls holds up every push that arrives meanwhile: a few of them are many
    // pushes' tail, hidden in the commits' own p99.
    std::string le100 = "reception_commit_seconds_bucket{le=\"0.1\"} ";
    size_t fast = r.body.find(le100);
    double over =
        fast == std::string::npos ? 0 : total - std::atof(r.body.c_str() + fast + le100.size());
    if (!commit.empty())
        std::printf("server side: %.0f group commits of %.1f writes on average; a write waited "
                    "for its group %s; a commit took %s, %.0f of them over 100 ms\n",
                    total, total > 0 ? writes / total : 0.0, wait.c_str(), commit.c_str(), over);
}

// sync_load SERVER_BIN ceiling [CLIENTS=8] [SECONDS=20]: pushes back to back, no pulls.
static int ceiling(int argc, char** argv) {
    int clients = argc > 3 ? std::atoi(argv[3]) : 8;
    int seconds = argc > 4 ? std::atoi(argv[4]) : 20;
    BenchServer server(argv[1]);
    std::printf("sync_load ceiling: %d clients pushing back to back, %d s, server pid %d on port "
                "%d\n",
                clients, seconds, int(server.pid), server.port);
    std::fflush(stdout);
    LoadReport load = run_ceiling(server, clients, seconds);
    print_report(load, seconds);
    std::printf("ceiling: %.0f pushes/s (one new ticket each) from %d clients\n",
                double(load.requests - load.errors) / seconds, clients);
    server_side_latency(server);
    return load.errors == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: sync_load SERVER_BIN [TERMINALS] [SECONDS] [FLUSH] [SPREAD_MS]\n");
        return 2;
    }
    raise_open_files_limit();
    if (argc > 2 && std::string(argv[2]) == "ceiling") return ceiling(argc, argv);
    int terminals = argc > 2 ? std::atoi(argv[2]) : 2000;
    int seconds = argc > 3 ? std::atoi(argv[3]) : 60;
    int flush = argc > 4 ? std::atoi(argv[4]) : 10000;
    int spread_ms = argc > 5 ? std::clamp(std::atoi(argv[5]), 1, 1000) : 1000;
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
