// Starting reception-server as a child process and learning its port: for the tests, the load
// bench and tools that run a server of their own.
#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace reception {

struct ServerChild {
    pid_t pid = -1;
    int port = 0; // 0: it did not print its address within 10 s
};

// What the machine allows the server, as a service manager would set it (0: as inherited).
// A file-size limit stands for a full disk: writes past it fail (SIGXFSZ is ignored).
struct ChildLimits {
    long open_files = 0;                 // soft and hard RLIMIT_NOFILE
    long file_size = 0;                  // RLIMIT_FSIZE, bytes
    std::vector<std::string> serve_args; // more options after `serve`
    std::filesystem::path log_file;      // the server's stderr (its log) goes here; empty: ours
};

// Runs `bin --data DATA serve --port PORT --cert CERT --key KEY` (port 0: any free one) and
// reads the port from the "listening on https://127.0.0.1:PORT" line it prints once it accepts.
ServerChild spawn_server(const std::string& bin, const std::filesystem::path& data, int port,
                         const std::filesystem::path& cert, const std::filesystem::path& key,
                         const ChildLimits& limits = {});

} // namespace reception
