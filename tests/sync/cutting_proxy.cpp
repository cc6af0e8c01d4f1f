#include "cutting_proxy.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace reception::test {

// A request larger than this is a push with ops: its answer is the one cut.
static constexpr long kPushBytes = 4000;

static sockaddr_in loopback(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

CuttingProxy::CuttingProxy(int target_port, int cuts) : target_(target_port), cuts_left_(cuts) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(0);
    bind(listen_fd_, (sockaddr*)&a, sizeof a);
    listen(listen_fd_, 64);
    socklen_t len = sizeof a;
    getsockname(listen_fd_, (sockaddr*)&a, &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { accept_loop(); });
}

CuttingProxy::~CuttingProxy() {
    stopping_ = true;
    shutdown(listen_fd_, SHUT_RDWR);
    close(listen_fd_);
    thread_.join();
    while (relays_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void CuttingProxy::accept_loop() {
    while (!stopping_) {
        int client = accept(listen_fd_, nullptr, nullptr);
        if (client < 0) break;
        ++relays_;
        std::thread([this, client] {
            relay(client);
            --relays_;
        }).detach();
    }
}

void CuttingProxy::relay(int client) {
    int server = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(target_);
    if (connect(server, (sockaddr*)&a, sizeof a) != 0) {
        close(client);
        close(server);
        return;
    }
    long sent_by_client = 0;
    char buf[65536];
    while (!stopping_) {
        pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        if (poll(p, 2, 200) < 0) break;
        if (p[0].revents) {
            ssize_t n = read(client, buf, sizeof buf);
            if (n <= 0 || write(server, buf, size_t(n)) != n) break;
            sent_by_client += n;
        }
        if (p[1].revents) {
            ssize_t n = read(server, buf, sizeof buf);
            if (n <= 0) break;
            if (sent_by_client > kPushBytes && cuts_left_.fetch_sub(1) > 0) {
                // Half of the answer, then nothing: the client must not take it as an answer.
                (void)!write(client, buf, size_t(n / 2));
                ++cuts_done_;
                break;
            }
            if (write(client, buf, size_t(n)) != n) break;
        }
    }
    close(client);
    close(server);
}

} // namespace reception::test
