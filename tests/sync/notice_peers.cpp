#include "notice_peers.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <openssl/evp.h>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace reception::test {

static std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Peer::Peer(const std::string& script, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"/usr/bin/python3",
                                     std::string(NOTICE_PEERS) + "/" + script,
                                     "--dir",
                                     dir_.path.string(),
                                     "--cert",
                                     pki().cert.string(),
                                     "--key",
                                     pki().key.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        std::vector<char*> c;
        for (std::string& a : argv) c.push_back(a.data());
        c.push_back(nullptr);
        execv(c[0], c.data());
        _exit(127);
    }
    auto file = dir_.path / "port";
    for (int i = 0; i < 1000 && !std::filesystem::exists(file); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE_MESSAGE(std::filesystem::exists(file), script << " did not start");
    port_ = std::stoi(slurp(file));
}

Peer::~Peer() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
}

std::vector<std::string> Peer::files(const std::string& prefix, const std::string& ext) const {
    std::vector<std::string> out;
    for (int n = 1;; ++n) {
        auto f = dir_.path / (prefix + "-" + std::to_string(n) + "." + ext);
        if (!std::filesystem::exists(f)) return out;
        out.push_back(slurp(f));
    }
}

std::vector<std::string> mails(const Peer& relay) {
    return relay.files("mail", "eml");
}

std::vector<nlohmann::json> sms_requests(const Peer& gateway) {
    std::vector<nlohmann::json> out;
    for (const std::string& text : gateway.files("request", "json"))
        out.push_back(nlohmann::json::parse(text));
    return out;
}

std::filesystem::path notices_conf(const TempDir& dir, const Peer* relay, const Peer* gateway,
                                   int attempts, int timeout_s, const std::string& report_token) {
    auto file = dir / "notices.conf";
    std::ofstream out(file);
    auto ca = pki().dir / "ca.pem";
    if (relay)
        out << "smtp_url = smtp://localhost:" << relay->port() << "\n"
            << "smtp_starttls = required\nsmtp_user = reception\nsmtp_password = relay-secret\n"
            << "smtp_from = qabyldau@khromtau.example.kz\nsmtp_ca = " << ca.string() << "\n";
    if (gateway)
        out << "sms_url = https://localhost:" << gateway->port() << "/api/v1/send\n"
            << "sms_method = POST\nsms_content_type = application/json\n"
            << R"(sms_body = {"recipient": "{phone_digits}", "message": "{text}", "from": "AKIMAT")"
            << (report_token.empty() ? "" : R"(, "client_id": "{notice}")") << "}"
            << "\nsms_header = Authorization: Bearer test-gateway-key\nsms_ca = " << ca.string()
            << "\n";
    if (!report_token.empty()) out << "sms_report_token = " << report_token << "\n";
    out << "first_retry_seconds = 1\nmax_retry_seconds = 2\nmax_attempts = " << attempts
        << "\ntimeout_seconds = " << timeout_s << "\n";
    return file;
}

std::string base64_decode(const std::string& text) {
    std::string in;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) in += c;
    std::string out(in.size() / 4 * 3 + 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(in.data()), int(in.size()));
    REQUIRE(n >= 0);
    size_t pad = in.size() - in.find_last_not_of('=') - 1;
    out.resize(size_t(n) - pad);
    return out;
}

// The header's value with its folded lines joined.
std::string header_of(const std::string& mail, const std::string& name) {
    std::string head = mail.substr(0, mail.find("\r\n\r\n"));
    size_t at = head.find(name + ": ");
    if (at == std::string::npos) return "";
    at += name.size() + 2;
    std::string value;
    for (;;) {
        size_t end = head.find("\r\n", at);
        value += head.substr(at, end == std::string::npos ? std::string::npos : end - at);
        if (end == std::string::npos || end + 2 >= head.size() || head[end + 2] != ' ') break;
        at = end + 2;
    }
    return value;
}

std::string decoded_subject(const std::string& mail) {
    std::string v = header_of(mail, "Subject"), out;
    for (size_t at = v.find("=?UTF-8?B?"); at != std::string::npos; at = v.find("=?UTF-8?B?", at)) {
        size_t end = v.find("?=", at + 10);
        REQUIRE(end != std::string::npos);
        out += base64_decode(v.substr(at + 10, end - at - 10));
        at = end + 2;
    }
    return out;
}

std::string decoded_body(const std::string& mail) {
    size_t at = mail.find("\r\n\r\n");
    REQUIRE(at != std::string::npos);
    return base64_decode(mail.substr(at + 4));
}

} // namespace reception::test
