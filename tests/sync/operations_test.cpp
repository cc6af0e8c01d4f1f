// The server as a service manager and an administrator run it: SIGHUP reads a renewed
// certificate, SIGTERM answers what is in flight before stopping, and the log (stderr, read
// by journald with its "<N>" levels) says what was refused and why, never whose data it was.
#include "sync_support.hpp"

#include "cases/applications.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <fstream>
#include <future>
#include <sstream>
#include <sys/wait.h>

using namespace reception;
using namespace reception::test;

namespace {

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The server's certificate and key at paths of the test's own, so they can be renewed.
struct RenewableServer {
    TempDir dir;
    std::filesystem::path cert = dir / "tls/server.pem", key = dir / "tls/server.key";
    std::filesystem::path log = dir / "server.log";
    ServerProcess server{dir / "server"};
    RenewableServer() {
        std::filesystem::create_directories(dir / "tls");
        put(pki().cert, pki().key);
        ChildLimits limits;
        limits.log_file = log;
        server.set_limits(limits);
        server.start(cert, key);
    }
    void put(const std::filesystem::path& c, const std::filesystem::path& k) {
        std::filesystem::copy_file(c, cert, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::copy_file(k, key, std::filesystem::copy_options::overwrite_existing);
    }
    bool alive() { return waitpid(server.pid(), nullptr, WNOHANG) == 0; }
    // SIGHUP, then a moment for the server to read the files.
    void reload() {
        ::kill(server.pid(), SIGHUP);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    std::string logged() { return read_text(log); }
};

// A new connection (a new client) asking who it is: whether TLS and the answer went through.
bool new_connection_works(Store& terminal) {
    HttpClient fresh(config_of(terminal));
    return fresh.get("/v1/whoami", 5000).ok();
}

} // namespace

TEST_CASE("server: SIGHUP reads a renewed certificate for new connections without dropping the "
          "open ones, and a broken one leaves the certificate in force") {
    RenewableServer s;
    auto board = enrolled_store(s.server, s.dir / "b1.db", "B1", "main", "board");
    REQUIRE(new_connection_works(*board));

    // A board waits for news on a long-poll while the certificate is replaced.
    auto waiting = std::async(std::launch::async, [&] {
        HttpClient client(config_of(*board));
        return client.get("/v1/pull?limit=100&wait=3", 10000);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // The renewed file is for another name: a new connection to "localhost" must now fail,
    // which shows that the server reads it.
    s.put(pki().other_name_cert, pki().other_name_key);
    s.reload();
    REQUIRE(s.alive()); // SIGHUP used to end the server
    CHECK_FALSE(new_connection_works(*board));
    HttpResult waited = waiting.get();
    CHECK_MESSAGE(waited.ok(), waited.error); // the connection open across the reload answered
    CHECK(s.logged().find("<5>reloaded the certificate") != std::string::npos);

    // A key that cannot be read: the server says so and keeps what it had.
    { std::ofstream(s.key) << "not a key\n"; }
    s.reload();
    REQUIRE(s.alive());
    CHECK(s.logged().find("<3>reload refused") != std::string::npos);
    CHECK_FALSE(new_connection_works(*board)); // still the other-name certificate

    s.put(pki().cert, pki().key);
    s.reload();
    CHECK(new_connection_works(*board));
}

TEST_CASE("server: SIGTERM answers a waiting long-poll and then stops, exit status 0") {
    RenewableServer s;
    auto board = enrolled_store(s.server, s.dir / "b1.db", "B1", "main", "board");
    auto waiting = std::async(std::launch::async, [&] {
        HttpClient client(config_of(*board));
        return client.get("/v1/pull?limit=100&wait=25", 30000);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto asked = std::chrono::steady_clock::now();
    ::kill(s.server.pid(), SIGTERM);
    HttpResult answer = waiting.get();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count();
    CHECK_MESSAGE(answer.ok(), answer.error); // answered, not cut off
    CHECK(seconds < 5);                       // at once, not after its 25 s
    int status = -1;
    waitpid(s.server.pid(), &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    std::string log = s.logged();
    CHECK(log.find("<5>stopping (SIGTERM)") != std::string::npos);
    CHECK(log.find("<5>stopped") != std::string::npos);
}

TEST_CASE("server: the log has a line with a journald level for each refused request — status, "
          "terminal, reason — and none of the applicant's data") {
    RenewableServer s;
    auto console = enrolled_store(s.server, s.dir / "c1.db", "C1", "main", "console");
    auto board = enrolled_store(s.server, s.dir / "b1.db", "B1", "main", "board");
    Application a =
        register_application(*console, profile(), calendar(), sample_application(Channel::Paper),
                             "operator-1", now_utc());
    // A stolen board replays the console's application: refused, and logged.
    check_refused(push_ops(*board, outbox_ops(*console)), 403, "forbidden");
    // A credential that is not one.
    ClientConfig forged = config_of(*board);
    forged.token = "not-a-token";
    HttpClient stranger(forged);
    CHECK(stranger.get("/v1/whoami", 5000).status == 401);

    REQUIRE(wait_until([&] { return s.logged().find("<4>refused 401") != std::string::npos; },
                       std::chrono::seconds(3)));
    std::string log = s.logged();
    CHECK(log.find("<5>started reception-server") != std::string::npos);
    CHECK(log.find("<4>refused 403 forbidden POST /v1/push terminal B1 from 127.0.0.1") !=
          std::string::npos);
    CHECK(log.find("<4>refused 401") != std::string::npos);
    // Nothing of the person: not the name, not the IIN, not the phone, not the essence.
    for (const std::string& personal :
         {a.applicant.surname, a.applicant.name, a.applicant.iin, a.applicant.phone})
        if (!personal.empty()) CHECK_MESSAGE(log.find(personal) == std::string::npos, personal);
}
