// Raw TLS for tests that play the attacker or a rogue server: connections from a chosen
// loopback source address (127.0.0.2 is another machine to the server) that send exactly the
// bytes a test wants and may stop halfway, and a one-shot server that answers anything with a
// fixed reply. No certificate checks on the client side: an attacker does not make them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

typedef struct ssl_st SSL;

namespace reception::test {

class TlsConn {
  public:
    // Connects from source (e.g. "127.0.0.2") to 127.0.0.1:port and finishes the handshake
    // within timeout_ms; ok() says whether both worked.
    TlsConn(const std::string& source, int port, int timeout_ms = 5000);
    ~TlsConn();
    TlsConn(const TlsConn&) = delete;
    TlsConn& operator=(const TlsConn&) = delete;
    bool ok() const { return ssl_ != nullptr; }
    bool send(const std::string& bytes);
    // Reads until the peer closes, timeout_ms passes, or a whole HTTP answer (header and
    // Content-Length bytes) is in; returns what came.
    std::string receive(int timeout_ms);

  private:
    int fd_ = -1;
    SSL* ssl_ = nullptr;
};

// The status code of an HTTP answer ("HTTP/1.1 429 ..."), 0 when there is none.
int http_status(const std::string& answer);
// A request with a body, as a terminal's client writes it.
std::string http_post(const std::string& path, const std::string& body,
                      const std::string& token = "");

// Answers every connection on 127.0.0.1:port() with reply (a whole HTTP answer), TLS with the
// given certificate, until destroyed.
class TlsReplier {
  public:
    TlsReplier(const std::filesystem::path& cert, const std::filesystem::path& key,
               std::string reply);
    ~TlsReplier();
    int port() const { return port_; }

  private:
    void serve();
    int listen_fd_ = -1, port_ = 0;
    std::string reply_, cert_, key_;
    std::thread thread_;
};

} // namespace reception::test
