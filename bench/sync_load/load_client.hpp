// The simulated terminals: Boost.Beast clients over Asio coroutines, one kept-alive TLS
// connection each, verifying the server's certificate and name like the real agent.
#pragma once

#include "setup.hpp"

#include <vector>

namespace reception::bench {

struct LoadReport {
    std::vector<double> push_ms, pull_ms; // latencies inside the measured window
    std::vector<double> lag_ms;           // how late each terminal's 1 s timer fired
    long long errors = 0, requests = 0, pulled = 0;
    double server_cpu_s = 0;
    double server_wait_s = 0; // ready to run, waiting for a CPU
    double client_cpu_s = 0;  // this process: on one machine the client's CPU is not the server's
    // The whole machine's busy CPU (/proc/stat): less the client's, what the server and its
    // database (PostgreSQL's processes) used, whatever the number of processes.
    double machine_busy_s = 0;
    int connected = 0; // terminals that completed the TLS handshake
};

// Ramps the terminals up over a few seconds, then measures for `seconds`. Each terminal sends at
// its own phase of the second; the phases are spread evenly over the first spread_ms of it.
LoadReport run_load(BenchServer& server, int terminals, int seconds, int spread_ms);
// The ceiling: `clients` terminals each push again as soon as answered, for `seconds` after 5 s.
LoadReport run_ceiling(BenchServer& server, int clients, int seconds);
void print_report(LoadReport& r, int seconds);

} // namespace reception::bench
