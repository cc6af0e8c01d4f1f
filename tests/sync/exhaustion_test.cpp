// No client exhausts the server. Without a credential a connection once
// made the server hold about 1.1 MiB (800 connections: 13 -> 903 MiB); one client with 497
// idle TLS connections kept every other terminal out for 70 s at a 512-descriptor limit; and
// enrolment codes could be guessed as fast as the writer took them.
#include "sync_support.hpp"
#include "tls_peer.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <thread>

using namespace reception;
using namespace reception::test;

namespace {

long rss_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// From four source addresses, as a small botnet would come: each connection announces a
// 1,000,000-byte push, sends part of it and holds on.
std::vector<std::unique_ptr<TlsConn>> partial_pushes(int port, int n, const std::string& token,
                                                     size_t sent) {
    std::string head = "POST /v1/push HTTP/1.1\r\nHost: localhost\r\n";
    if (!token.empty()) head += "Authorization: Bearer " + token + "\r\n";
    head += "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n";
    std::string part(sent, ' '); // white space: still the start of a valid document
    std::vector<std::unique_ptr<TlsConn>> conns;
    for (int i = 0; i < n; ++i) {
        auto c = std::make_unique<TlsConn>("127.0.0." + std::to_string(1 + i % 4), port);
        if (c->send(head)) c->send(part);
        conns.push_back(std::move(c));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return conns;
}

std::string whoami(const std::string& token) {
    return "GET /v1/whoami HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token +
           "\r\n\r\n";
}

} // namespace

TEST_CASE("sync: partial bodies without a credential, or with a stolen one, do not grow the "
          "server's memory without bound") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    auto kiosk = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    std::string token = kiosk->meta(sync_key::token).value_or("");
    long start = rss_kib(server.pid());

    // 200 connections, no credential, 512 KiB each: 100 MiB held before; refused at the header.
    auto anonymous = partial_pushes(server.port(), 200, "", 512 << 10);
    long without = rss_kib(server.pid()) - start;
    MESSAGE("server RSS " << start / 1024 << " MiB, +" << without / 1024
                          << " MiB with 200 partial pushes without a credential");
    CHECK(without < 48 * 1024);
    anonymous.clear();

    // A stolen kiosk token: 160 connections, 900 KB each (144 MB) pass the credential check;
    // bodies being read are capped at 64 MiB, the rest are told to come back (503).
    auto stolen = partial_pushes(server.port(), 160, token, 900000);
    long with = rss_kib(server.pid()) - start;
    MESSAGE("server RSS +" << with / 1024 << " MiB with 160 partial pushes with a token");
    CHECK(with < 100 * 1024);
    stolen.clear();

    HttpClient client(config_of(*kiosk));
    CHECK(client.get("/v1/whoami", 5000).ok());
}

TEST_CASE("sync: one address holding idle TLS connections does not keep another address out") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.set_limits({256, 0, {}, {}}); // the service's descriptor limit, small enough to reach
    server.start();
    auto kiosk = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    std::string token = kiosk->meta(sync_key::token).value_or("");

    std::vector<std::unique_ptr<TlsConn>> idle;
    for (int i = 0, failures = 0; i < 400 && failures < 3; ++i) {
        auto c = std::make_unique<TlsConn>("127.0.0.1", server.port(), 1000);
        c->ok() ? idle.push_back(std::move(c)) : void(++failures);
    }
    MESSAGE(idle.size() << " idle TLS connections from 127.0.0.1 held");
    CHECK(idle.size() <= 64);

    auto t0 = std::chrono::steady_clock::now();
    TlsConn other("127.0.0.2", server.port(), 3000);
    REQUIRE(other.ok());
    REQUIRE(other.send(whoami(token)));
    CHECK(http_status(other.receive(3000)) == 200);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
}

TEST_CASE("sync: guessing enrolment codes gets 429 per address, and an enrolment body is small") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    std::string code = server.register_terminal("K1", "main", "kiosk");
    HttpClient anon(ClientConfig{server.url(), pki().ca_pem, "", "", 5000});
    std::vector<long> statuses;
    for (int i = 0; i < 12; ++i)
        statuses.push_back(anon.post("/v1/enrol", "{\"code\":\"AAAA-BBBB-CCCC\"}", 5000).status);
    CHECK(statuses[0] == 401);
    CHECK(statuses[9] == 401);
    CHECK(statuses[10] == 429);
    HttpResult limited = anon.post("/v1/enrol", "{\"code\":\"" + code + "\"}", 5000);
    CHECK(limited.status == 429);
    CHECK(limited.retry_after_s > 0);

    // Another address is not held up by this one's guesses, and its right code works.
    TlsConn other("127.0.0.2", server.port());
    REQUIRE(other.send(http_post("/v1/enrol", "{\"code\":\"" + code + "\"}")));
    CHECK(http_status(other.receive(5000)) == 200);

    TlsConn big("127.0.0.3", server.port());
    REQUIRE(big.send(http_post("/v1/enrol", "{\"code\":\"" + std::string(5000, 'A') + "\"}")));
    CHECK(http_status(big.receive(5000)) == 413);
}
