// The bench's setup: a throwaway CA and certificate, a reception-server child process, and
// terminals registered straight in its store (thousands of CLI runs would take minutes).
#pragma once

#include "store/store.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace reception::bench {

struct BenchTerminal {
    std::string name, room, token;
    std::string series; // its ticket numbers are A<series>-N: the server takes no other
};

struct BenchServer {
    std::filesystem::path dir; // removed at the end
    std::string ca_pem;
    pid_t pid = -1;
    int port = 0;
    std::string bin;
    // more_args: options of `serve` made once the folder and its certificate exist (the notices
    // bench points --notices at peers that use the certificate).
    explicit BenchServer(
        const std::string& server_bin,
        const std::function<std::vector<std::string>(const std::filesystem::path& dir)>& more_args =
            {});
    ~BenchServer();
    // Registers and enrols n kiosks, ten to a room, before the load starts.
    std::vector<BenchTerminal> enrol_kiosks(int n);
    double cpu_seconds() const; // the server's user + system time so far
    // How long the server's threads were ready to run but waited for a CPU (schedstat): on a
    // shared machine this is the part of the latency the server cannot help.
    double runqueue_wait_seconds() const;
};

void raise_open_files_limit();
// A terminal store with `changes` tickets waiting in its outbox, enrolled on the server.
std::unique_ptr<Store> flush_terminal(BenchServer& server, int changes);
long long count_outbox(Store& store);

} // namespace reception::bench
