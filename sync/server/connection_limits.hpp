// What one client may hold of the server: connections per source address, all connections
// (the descriptors the process may open), and the request bodies being read. One client with
// 497 idle TLS connections once kept every other terminal out for 70 s at a 512-descriptor
// limit; 800 connections without a credential made the server hold 900 MiB.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace reception {

struct ConnectionCaps {
    int per_address = 64; // a village office's NAT with 30 terminals, two connections each
    int total = 0;        // 0: the open-files limit less kReservedDescriptors
    unsigned long long buffered_bytes = 64ull << 20; // bodies being read, all connections
};

// Descriptors kept free for the store (the database, its -wal and -shm, for each thread's
// connection), the listening socket and what the libraries open.
constexpr int kReservedDescriptors = 64;

class ConnectionLimits {
  public:
    explicit ConnectionLimits(ConnectionCaps caps) : caps_(caps) {}
    // A new connection from address: false when the address or the server is full (the
    // caller closes it at once, before TLS).
    // With capped false (a trusted balancer, `--proxy-from`) the address's own share is not
    // checked: each client behind it is, by admit_behind_proxy once its PROXY header is read.
    bool admit(const std::string& address, bool capped = true);
    void release(const std::string& address);
    // The client a balancer's connection is for: its share only (the connection is counted in
    // all already). release_behind_proxy gives it back.
    bool admit_behind_proxy(const std::string& client);
    void release_behind_proxy(const std::string& client);
    // Room for a body of n bytes: false when the bodies being read would pass the cap.
    bool reserve_body(unsigned long long n);
    void release_body(unsigned long long n) { buffered_ -= n; }
    const ConnectionCaps& caps() const { return caps_; }

  private:
    bool take(const std::string& address, bool capped, bool counted);
    void give_back(const std::string& address, bool counted);
    ConnectionCaps caps_;
    std::mutex mutex_;
    std::unordered_map<std::string, int> by_address_;
    int total_ = 0;
    std::atomic<unsigned long long> buffered_{0};
};

} // namespace reception
