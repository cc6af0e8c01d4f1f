// The HTTPS shell around handle_request: Boost.Beast over Boost.Asio with OpenSSL, one
// coroutine per connection, a few threads. docs/sync.md says why Beast and not cpp-httplib.
#pragma once

#include "server/connection_limits.hpp"
#include "server/server_store.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace reception {

struct ServerOptions {
    std::string address = "127.0.0.1"; // loopback unless told otherwise
    unsigned short port = 8443;
    StoreLocation where;        // the data directory, and the database when not SQLite
    std::filesystem::path cert; // PEM chain, ECDSA P-256 recommended
    std::filesystem::path key;
    int threads = 2;
    std::filesystem::path pid_file; // written once listening, removed at exit
    ConnectionCaps caps;            // per address, in all, bodies being read
    std::filesystem::path notices;  // the relay and the gateway (delivery_config.hpp); empty:
                                    // none, and SMS and e-mail notices fail as not configured
    // Load balancers whose connections open with a PROXY header (proxy_protocol.hpp): the
    // client's address is taken from it. Empty: no header is believed from anyone.
    std::vector<std::string> proxy_from;
};

// Serves until SIGINT or SIGTERM. Returns the process exit code.
int run_server(const ServerOptions& opt);

} // namespace reception
