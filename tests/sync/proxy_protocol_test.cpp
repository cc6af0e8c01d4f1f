// Behind a load balancer: the PROXY header (HAProxy's send-proxy-v2, or v1's line) gives the
// server the client's address, believed only from the balancers it is told of (--proxy-from).
#include "sync_support.hpp"

#include "server/proxy_protocol.hpp"

#include <csignal>
#include <curl/curl.h>
#include <doctest/doctest.h>
#include <fstream>
#include <sys/wait.h>

using namespace reception;
using namespace reception::test;

namespace {

// v2 for an IPv4 client: signature, PROXY over TCP4, 12 bytes of addresses and ports.
std::string v2_ipv4(const unsigned char (&source)[4], unsigned char command = 0x21) {
    std::string h(kProxyV2Signature);
    h += char(command);
    h += char(0x11);
    h += std::string("\0\x0c", 2);
    h.append(reinterpret_cast<const char*>(source), 4);
    h += std::string("\x0a\x00\x00\x01\xc8\x32\x20\xfb", 8); // 10.0.0.1, ports
    return h;
}

// Feeds the parser what a socket would give it when read as it asks: never a byte more.
ProxyHeader read_as_asked(const std::string& wire, size_t* read) {
    std::string got;
    ProxyHeader h = parse_proxy_header(got);
    while (h.status == ProxyHeader::NeedMore) {
        REQUIRE(h.wanted > got.size());
        if (h.wanted > wire.size()) break; // the client stopped sending
        got = wire.substr(0, h.wanted);
        h = parse_proxy_header(got);
    }
    *read = got.size();
    return h;
}

// A GET through loopback from `source` (127.0.0.X), as a phone at that address would, with
// curl's own v1 PROXY line when proxy_v1. The status, 0 when no HTTP answer came.
long status_from(const std::string& source, int port, const std::string& path,
                 bool proxy_v1 = false) {
    CURL* h = curl_easy_init();
    std::string url = "https://localhost:" + std::to_string(port) + path;
    std::string resolve = "localhost:" + std::to_string(port) + ":127.0.0.1";
    curl_slist* hosts = curl_slist_append(nullptr, resolve.c_str());
    std::string ca = (pki().dir / "ca.pem").string();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_RESOLVE, hosts);
    curl_easy_setopt(h, CURLOPT_INTERFACE, source.c_str());
    curl_easy_setopt(h, CURLOPT_CAINFO, ca.c_str());
    curl_easy_setopt(h, CURLOPT_HAPROXYPROTOCOL, proxy_v1 ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(
        h, CURLOPT_WRITEFUNCTION, +[](char*, size_t n, size_t m, void*) { return n * m; });
    long status = 0;
    if (curl_easy_perform(h) == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(hosts);
    curl_easy_cleanup(h);
    return status;
}

std::string slurp_log(const std::filesystem::path& file) {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kPage = "/p/t/aaaaaaaaaaaaaaaa"; // a ticket's page: public, rate-limited

// A server that takes the PROXY header from 127.0.0.1 (the balancer), with its log kept.
struct ProxiedServer {
    TempDir dir;
    ServerProcess server{dir / "server"};
    ProxiedServer() {
        ChildLimits limits;
        limits.serve_args = {"--proxy-from", "127.0.0.1"};
        limits.log_file = dir / "server.log";
        server.set_limits(limits);
        server.start();
    }
    std::string log() const { return slurp_log(dir / "server.log"); }
};

} // namespace

TEST_CASE("server: the PROXY header is read byte-exact in v2 and v1, and anything else is "
          "refused") {
    size_t read = 0;
    const unsigned char phone[4] = {203, 0, 113, 7};
    std::string tls = "\x16\x03\x01\x02\x00"; // a ClientHello's first bytes, after the header
    std::string v2 = v2_ipv4(phone);
    ProxyHeader h = read_as_asked(v2 + tls, &read);
    CHECK(h.status == ProxyHeader::Done);
    CHECK(h.address == "203.0.113.7");
    CHECK(h.length == v2.size());
    CHECK(read == v2.size()); // not one byte of the TLS after it

    // LOCAL (the balancer's own health check): no client, but a good header.
    h = read_as_asked(v2_ipv4(phone, 0x20) + tls, &read);
    CHECK(h.status == ProxyHeader::Done);
    CHECK(h.address.empty());

    std::string v1 = "PROXY TCP4 198.51.100.22 10.0.0.1 51234 8443\r\n";
    h = read_as_asked(v1 + tls, &read);
    CHECK(h.status == ProxyHeader::Done);
    CHECK(h.address == "198.51.100.22");
    CHECK(read == v1.size());
    h = read_as_asked("PROXY TCP6 2001:db8:0:0::1 ::1 51234 8443\r\n" + tls, &read);
    CHECK(h.address == "2001:db8::1"); // written as the socket would
    h = read_as_asked("PROXY UNKNOWN\r\n" + tls, &read);
    CHECK(h.status == ProxyHeader::Done);
    CHECK(read == 15);

    for (const std::string& bad :
         {tls + std::string(40, 'x'), std::string("PROXY TCP4 not-an-address 10.0.0.1 1 2\r\n"),
          std::string("PROXY UDP4 1.2.3.4 10.0.0.1 1 2\r\n"), "PROXY " + std::string(200, '1'),
          std::string(kProxyV2Signature) + "\x31\x11\x00\x0c" + std::string(12, '\0')}) {
        CAPTURE(bad);
        CHECK(read_as_asked(bad, &read).status == ProxyHeader::Invalid);
        CHECK(read <= kProxyV1MaxBytes);
    }
}

TEST_CASE("server: behind HAProxy with send-proxy-v2 a phone that floods the public pages is "
          "limited by its own address, not the others', and the log names it") {
    if (!std::filesystem::exists("/usr/sbin/haproxy")) {
        MESSAGE("HAProxy is not installed (scripts/deps installs it): the balancer is left out");
        return;
    }
    ProxiedServer p;
    auto& [dir, server] = p;
    int port = free_port();
    pid_t haproxy = start_haproxy(dir.path, port, {server.port()}, "send-proxy-v2");
    REQUIRE(wait_until([&] { return status_from("127.0.0.3", port, kPage) != 0; },
                       std::chrono::milliseconds(5000)));

    // The flood from one phone meets its limit (120 at once, then 2 a second)...
    int served = 0;
    bool limited = false;
    for (int i = 0; i < 200 && !limited; ++i) {
        long status = status_from("127.0.0.2", port, kPage);
        limited = status == 429;
        served += status != 429 && status != 0;
    }
    CHECK(limited);
    CHECK(served >= 100);
    // ...and another phone behind the same balancer is served at once.
    long other = status_from("127.0.0.3", port, kPage);
    CHECK(other != 0);
    CHECK(other != 429);
    std::string log = p.log();
    CHECK(log.find("refused 429") != std::string::npos);
    CHECK(log.find("GET /p/... terminal - from 127.0.0.2") != std::string::npos);
    CHECK(log.find("from 127.0.0.1") == std::string::npos); // never the balancer's address
    kill(haproxy, SIGTERM);
    waitpid(haproxy, nullptr, 0);
}

TEST_CASE("server: a PROXY header is believed only from a listed balancer, and a listed "
          "balancer must send one") {
    ProxiedServer p;
    auto& [dir, server] = p;
    // Anyone else is served as they come, and a header of theirs is no TLS: refused.
    long plain = status_from("127.0.0.4", server.port(), kPage);
    CHECK(plain != 0);
    CHECK(status_from("127.0.0.4", server.port(), kPage, true) == 0);
    // The balancer's address without a header: refused; with curl's v1 line: served.
    CHECK(status_from("127.0.0.1", server.port(), kPage) == 0);
    CHECK(status_from("127.0.0.1", server.port(), kPage, true) == plain);
    CHECK(p.log().find("PROXY header from 127.0.0.1: no PROXY header") != std::string::npos);
}
