// The notice tests' local peers, real programs on loopback: an SMTP relay (Debian
// python3-aiosmtpd: STARTTLS required, then a login) and an HTTPS SMS gateway (python3
// http.server with ssl), both on the test CA's certificate for localhost (peers/*.py). Each
// writes what it received as files in its folder, which the tests read back.
#pragma once

#include "sync_support.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reception::test {

class Peer {
  public:
    // peers/SCRIPT with --dir, --cert, --key and args; waits for its port (10 s).
    Peer(const std::string& script, const std::vector<std::string>& args = {});
    ~Peer(); // SIGTERM, and wait
    Peer(const Peer&) = delete;
    Peer& operator=(const Peer&) = delete;
    int port() const { return port_; }
    const std::filesystem::path& dir() const { return dir_.path; }
    // Files DIR/PREFIX-N.EXT, N from 1, as long as they come.
    std::vector<std::string> files(const std::string& prefix, const std::string& ext) const;

  private:
    TempDir dir_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// The relay's mails (the bytes as received) and the gateway's requests (method, path, headers,
// body).
std::vector<std::string> mails(const Peer& relay);
std::vector<nlohmann::json> sms_requests(const Peer& gateway);

// A notices.conf for reception-server serve --notices: the relay and the gateway on the test CA,
// retries after 1 s, at most `attempts`, a send timeout of `timeout_s`. Either peer may be null.
// With report_token: the gateway's delivery reports on, the notice's id sent as client_id.
std::filesystem::path notices_conf(const TempDir& dir, const Peer* relay, const Peer* gateway,
                                   int attempts = 3, int timeout_s = 2,
                                   const std::string& report_token = "");

// Base64 and RFC 2047 words decoded, for reading a mail back.
std::string base64_decode(const std::string& text);
std::string header_of(const std::string& mail, const std::string& name);
std::string decoded_subject(const std::string& mail);
std::string decoded_body(const std::string& mail);

} // namespace reception::test
