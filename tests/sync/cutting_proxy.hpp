// A TCP relay on loopback that cuts responses in the middle: after a client has sent a large
// request (a push), the next bytes from the server are passed on only in part, and both
// connections are closed. TLS sees a record cut short, as over a failing mobile link.
#pragma once

#include <atomic>
#include <thread>

namespace reception::test {

class CuttingProxy {
  public:
    // Relays 127.0.0.1:listen_port() to 127.0.0.1:target_port; cuts the first `cuts` pushes.
    CuttingProxy(int target_port, int cuts);
    ~CuttingProxy();
    int listen_port() const { return port_; }
    int cuts_done() const { return cuts_done_; }

  private:
    void accept_loop();
    void relay(int client);

    int target_, port_ = 0, listen_fd_ = -1;
    std::atomic<int> cuts_left_, cuts_done_{0};
    std::atomic<bool> stopping_{false};
    std::atomic<int> relays_{0};
    std::thread thread_;
};

} // namespace reception::test
