#include "tls_peer.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace reception::test {

// An attacker that stops reading or writing must not kill the test with SIGPIPE.
static SSL_CTX* client_ctx() {
    static SSL_CTX* ctx = [] {
        std::signal(SIGPIPE, SIG_IGN);
        SSL_CTX* c = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_verify(c, SSL_VERIFY_NONE, nullptr);
        return c;
    }();
    return ctx;
}

static void set_timeouts(int fd, int ms) {
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

static sockaddr_in loopback(const std::string& ip, int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(port));
    inet_pton(AF_INET, ip.c_str(), &a.sin_addr);
    return a;
}

TlsConn::TlsConn(const std::string& source, int port, int timeout_ms) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in src = loopback(source, 0), dst = loopback("127.0.0.1", port);
    set_timeouts(fd_, timeout_ms);
    if (bind(fd_, (sockaddr*)&src, sizeof src) != 0 ||
        connect(fd_, (sockaddr*)&dst, sizeof dst) != 0)
        return;
    SSL* ssl = SSL_new(client_ctx());
    SSL_set_fd(ssl, fd_);
    SSL_set_tlsext_host_name(ssl, "localhost");
    if (SSL_connect(ssl) != 1) {
        SSL_free(ssl);
        return;
    }
    ssl_ = ssl;
}

TlsConn::~TlsConn() {
    if (ssl_) SSL_free(ssl_);
    if (fd_ >= 0) close(fd_);
}

bool TlsConn::send(const std::string& bytes) {
    return ssl_ && SSL_write(ssl_, bytes.data(), int(bytes.size())) == int(bytes.size());
}

// A whole answer: the header, and as many body bytes as it announces.
static bool complete(const std::string& in) {
    size_t end = in.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    size_t cl = in.find("Content-Length: ");
    if (cl == std::string::npos || cl > end) return true;
    return in.size() >= end + 4 + std::stoul(in.substr(cl + 16));
}

std::string TlsConn::receive(int timeout_ms) {
    std::string in;
    if (!ssl_) return in;
    set_timeouts(fd_, timeout_ms);
    char buf[16384];
    while (!complete(in)) {
        int n = SSL_read(ssl_, buf, sizeof buf);
        if (n <= 0) break;
        in.append(buf, size_t(n));
    }
    return in;
}

int http_status(const std::string& answer) {
    if (answer.rfind("HTTP/1.", 0) != 0 || answer.size() < 12) return 0;
    return std::atoi(answer.c_str() + 9);
}

std::string http_post(const std::string& path, const std::string& body, const std::string& token) {
    std::string r = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n";
    if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
    r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n";
    return r + body;
}

// Rogue server
TlsReplier::TlsReplier(const std::filesystem::path& cert, const std::filesystem::path& key,
                       std::string reply)
    : reply_(std::move(reply)), cert_(cert), key_(key) {
    client_ctx(); // SIGPIPE ignored here too
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback("127.0.0.1", 0);
    socklen_t len = sizeof a;
    bind(listen_fd_, (sockaddr*)&a, sizeof a);
    listen(listen_fd_, 16);
    getsockname(listen_fd_, (sockaddr*)&a, &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
}

TlsReplier::~TlsReplier() {
    shutdown(listen_fd_, SHUT_RDWR); // ends accept() in serve()
    thread_.join();
    close(listen_fd_);
}

void TlsReplier::serve() {
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate_chain_file(ctx, cert_.c_str());
    SSL_CTX_use_PrivateKey_file(ctx, key_.c_str(), SSL_FILETYPE_PEM);
    for (;;) {
        int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) break;
        set_timeouts(fd, 5000);
        SSL* ssl = SSL_new(ctx);
        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) == 1) {
            std::string req;
            char buf[4096];
            int n = 0;
            while (req.find("\r\n\r\n") == std::string::npos &&
                   (n = SSL_read(ssl, buf, sizeof buf)) > 0)
                req.append(buf, size_t(n));
            SSL_write(ssl, reply_.data(), int(reply_.size()));
            SSL_shutdown(ssl);
        }
        SSL_free(ssl);
        close(fd);
    }
    SSL_CTX_free(ctx);
}

} // namespace reception::test
