// The agent trusts only the CA it was enrolled with. libcurl's CA path
// (/etc/ssl/certs on Debian) used to stay on beside CURLOPT_CAINFO_BLOB, so any CA in the
// system store could impersonate the server and collect enrolment codes and tokens. And the
// server offers no TLS 1.2 CBC suites.
#include "sync_support.hpp"

#include "store/sync_state.hpp"

#include <curl/curl.h>
#include <doctest/doctest.h>
#include <fstream>

using namespace reception;
using namespace reception::test;

namespace {

// libcurl's built-in CA directory, as every program linked to it searches it by default.
std::string curl_default_ca_path() {
    CURL* h = curl_easy_init();
    char* path = nullptr;
    curl_easy_getinfo(h, CURLINFO_CAPATH, &path);
    std::string out = path ? path : "";
    curl_easy_cleanup(h);
    return out;
}

// The command run in a mount namespace of its own where libcurl's CA directory is the
// machine's with the rogue CA added (hashed, as update-ca-certificates leaves it). The
// machine's own store is not touched.
std::string with_rogue_ca_in_system_store(const TempDir& dir, const std::string& command) {
    std::string store = (dir / "system-certs").string();
    std::filesystem::create_directories(store);
    run_command("cp -a " + curl_default_ca_path() + "/. " + store + "/ 2>/dev/null");
    std::filesystem::copy_file(pki().other_ca_file, store + "/rogue-ca.pem",
                               std::filesystem::copy_options::overwrite_existing);
    REQUIRE(run_command("openssl rehash " + store + " 2>/dev/null") == 0);
    return "unshare --mount --propagation private sh -c 'mount --bind " + store + " " +
           curl_default_ca_path() + " && " + command + "'";
}

int s_client(int port, const std::string& args) {
    return run_command("openssl s_client -connect 127.0.0.1:" + std::to_string(port) +
                       " -servername localhost " + args + " </dev/null >/dev/null 2>&1");
}

} // namespace

TEST_CASE("sync: a server certified by a CA in the system store but not the enrolled one is "
          "refused") {
    REQUIRE_MESSAGE(!curl_default_ca_path().empty(), "libcurl has no built-in CA path");
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start(pki().rogue_cert, pki().rogue_key); // an impostor with a "trusted" certificate
    std::string code = server.register_terminal("K1", "main", "kiosk");
    std::ofstream(dir / "ca.pem") << pki().ca_pem;
    std::string enrol = std::string(RECEPTION_SYNCD_BIN) + " --store " + (dir / "k1.db").string() +
                        " enrol --server " + server.url() + " --ca " + (dir / "ca.pem").string() +
                        " --code " + code + " 2>&1";
    std::string out;
    int rc = run_command(with_rogue_ca_in_system_store(dir, enrol), &out);
    CHECK_MESSAGE(rc != 0, out);
    CHECK(server.count("SELECT count(*) FROM srv_terminals WHERE enrolled_at <> ''") == 0);

    // The namespace is honest: there, a client that does use the CA path trusts the impostor.
    std::string curl = "curl -sS -o /dev/null " + server.url() + "/healthz";
    CHECK(run_command(with_rogue_ca_in_system_store(dir, curl) + " 2>&1", &out) == 0);
    // And against the real server the same command enrols the terminal.
    server.stop();
    server.start();
    CHECK(run_command(with_rogue_ca_in_system_store(dir, enrol), &out) == 0);
}

TEST_CASE("sync: the server offers TLS 1.3 and TLS 1.2 with AEAD suites only, no CBC") {
    TempDir dir;
    ServerProcess server(dir / "server");
    server.start();
    CHECK(s_client(server.port(), "-tls1_3") == 0);
    CHECK(s_client(server.port(), "-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256") == 0);
    CHECK(s_client(server.port(), "-tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305") == 0);
    for (const char* cbc : {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA",
                            "ECDHE-ECDSA-AES128-SHA256", "ECDHE-ECDSA-AES256-SHA384"})
        CHECK_MESSAGE(s_client(server.port(), std::string("-tls1_2 -cipher ") + cbc) != 0, cbc);
    CHECK(s_client(server.port(), "-tls1_1") != 0);
}

TEST_CASE("sync: reception-syncd repoint moves a terminal to a new server address keeping its "
          "credential and outbox, and changes nothing when the new way does not work") {
    SyncedTerminals t;
    auto kiosk = t.enrol("K1", "main", "kiosk");
    std::string file = (t.dir / "k1.db").string();
    take_ticket(*kiosk); // waiting in the outbox while the server "moves"
    std::string before = kiosk->meta(sync_key::url).value_or("");
    std::string out;

    // A CA that did not sign the server's certificate: refused, nothing written.
    CHECK(syncd("--store " + file + " repoint --ca " + pki().other_ca_file.string(), &out) == 1);
    CHECK(out.find("repoint refused") != std::string::npos);
    CHECK(kiosk->meta(sync_key::url).value_or("") == before);
    // No server at that port: refused.
    CHECK(syncd("--store " + file + " repoint --server https://127.0.0.1:1", &out) == 1);
    CHECK(kiosk->meta(sync_key::url).value_or("") == before);

    // The server by its IP address (the certificate names both): taken, the ticket goes through.
    std::string moved = "https://127.0.0.1:" + std::to_string(t.server.port());
    REQUIRE_MESSAGE(syncd("--store " + file + " repoint --server " + moved, &out) == 0, out);
    CHECK(kiosk->meta(sync_key::url).value_or("") == moved);
    run_agent_once(t.dir / "k1.db");
    CHECK(count(*kiosk, "SELECT count(*) FROM outbox") == 0);
    CHECK(t.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 1);
}
