// The agent's HTTPS client: one libcurl easy handle reused (connection cache, keep-alive),
// the server's certificate and host name always verified against the CA given at enrolment,
// optional public-key pinning, timeouts everywhere, proxy from the environment (https_proxy,
// no_proxy: libcurl's default). There is deliberately no switch to turn verification off.
#pragma once

#include <atomic>
#include <string>

typedef void CURL;

namespace reception {

struct ClientConfig {
    std::string base_url; // "https://127.0.0.1:8443"
    std::string ca_pem;   // the CA certificate(s), PEM text
    std::string pin;      // "sha256//BASE64[;sha256//NEXT]" or empty
    std::string token;    // bearer token; empty before enrolment
    long connect_timeout_ms = 5000;
};

struct HttpResult {
    long status = 0;   // 0 when no HTTP answer came (curl_code says why)
    int curl_code = 0; // CURLcode; 0 = OK
    std::string error; // curl's words, for the log and the staff screen
    std::string body;
    long retry_after_s = -1;
    bool ok() const { return curl_code == 0 && status >= 200 && status < 300; }
    // Worth trying again later: no answer, a timeout, 408, 429, 5xx.
    bool transient() const;
};

class HttpClient {
  public:
    explicit HttpClient(ClientConfig cfg);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResult get(const std::string& path, long timeout_ms);
    HttpResult post(const std::string& path, const std::string& json_body, long timeout_ms);
    void set_token(const std::string& token) { cfg_.token = token; }
    // Sent with every request from now on (kTerminalStatusHeader), empty: none.
    void set_terminal_status(const std::string& value) { status_ = value; }
    // When *flag becomes true, a transfer under way is abandoned (the agent is stopping).
    void set_cancel(const std::atomic<bool>* flag) { cancel_ = flag; }

  private:
    HttpResult perform(const std::string& path, const std::string* body, long timeout_ms);
    ClientConfig cfg_;
    std::string status_;
    CURL* curl_ = nullptr;
    const std::atomic<bool>* cancel_ = nullptr;
};

} // namespace reception
