// What the sync tests share: a certificate authority made once per run with the openssl CLI,
// a reception-server child process on a loopback port, and enrolled terminal stores.
#pragma once

#include "agent/agent.hpp"
#include "base/domain.hpp"
#include "base/uuid.hpp"
#include "cases/application_state.hpp"
#include "server/server_child.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <sys/types.h>

namespace reception::test {

// Made once per test run: a CA, a server certificate for localhost and 127.0.0.1 (ECDSA P-256),
// another CA that signed nothing of ours, and a certificate of the right CA for another name.
// The other CA also signed a rogue certificate for localhost: an impostor's server.
struct Pki {
    TempDir dir;
    std::string ca_pem;
    std::filesystem::path cert, key;
    std::string other_ca_pem;
    std::filesystem::path other_ca_file;
    std::filesystem::path other_name_cert, other_name_key;
    std::filesystem::path rogue_cert, rogue_key;
    std::string pin; // "sha256//..." of the server key
};
const Pki& pki();

// The sync suite runs twice: on SQLite, and on PostgreSQL when RECEPTION_TEST_PG holds the
// connection string of a throw-away cluster (CTest's fixture starts one: scripts/pg-test-cluster).
// "" on SQLite.
std::string test_postgres();
// A new empty database on that cluster: its connection string.
std::string new_test_database();

// reception-server serve in a child process. start() picks a free port the first time and
// keeps it across restarts, so an agent's stored URL stays right.
class ServerProcess {
  public:
    explicit ServerProcess(std::filesystem::path data_dir);
    // Another instance on the same PostgreSQL database (db: another ServerProcess's db()).
    ServerProcess(std::filesystem::path data_dir, std::string db);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    void start(const std::filesystem::path& cert = pki().cert,
               const std::filesystem::path& key = pki().key);
    // Limits and options for the next start().
    void set_limits(ChildLimits limits) { limits_ = std::move(limits); }
    pid_t pid() const { return pid_; }
    void kill_hard(); // SIGKILL, as a power cut would
    void stop();      // SIGTERM, and wait
    bool running() const { return pid_ > 0; }
    std::string url() const; // https://localhost:PORT
    int port() const { return port_; }
    void use_port(int port) { port_ = port; } // before the first start: another's address
    const std::filesystem::path& data_dir() const { return data_; }
    // The PostgreSQL database it runs on (its own, made for it), or "" on SQLite.
    const std::string& db() const { return db_; }

    // An enrolment code from the administrator's command.
    std::string register_terminal(const std::string& name, const std::string& room,
                                  const std::string& kind);
    // Another administrator's command on the server's store ("revoke --name K1"): its exit
    // status, and what it printed (stdout and stderr) in *out.
    int admin(const std::string& args, std::string* out = nullptr);
    // A row count (or any one number) read from the server's store.
    long long count(const char* sql);

  private:
    std::filesystem::path data_;
    std::string db_;
    ChildLimits limits_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// A new terminal store at file, registered on the server and enrolled (meta holds the
// credential, the CA, the room and the ticket series).
std::unique_ptr<Store> enrolled_store(ServerProcess& server, const std::filesystem::path& file,
                                      const std::string& name, const std::string& room,
                                      const std::string& kind);
// A running server in a temporary folder and the terminals a test enrols on it, each with its
// own store file named for the terminal:  SyncedTerminals t; auto k1 = t.enrol("K1", "main",
// "kiosk");
struct SyncedTerminals {
    TempDir dir;
    ServerProcess server{dir / "server"};
    SyncedTerminals() { server.start(); }
    std::unique_ptr<Store> enrol(const std::string& name, const std::string& room,
                                 const std::string& kind);
};

// A client with this store's credential.
ClientConfig config_of(Store& store);

long long count(Store& store, const char* sql);
// Issues a ticket of the store's room at this terminal now.
Ticket take_ticket(Store& store, const std::string& service = "same_day",
                   const std::string& category = "");
// Pushes and pulls once through the client library; the test fails when it does not succeed.
void sync(Store& store);
// reception-syncd ARGS, the real program: its exit status, and what it printed in *out.
int syncd(const std::string& args, std::string* out = nullptr);
// A SyncAgent for tests: looks at its outbox every 50 ms and retries after 50 ms to 0.5 s, so a
// test sees a change go through within a second; its long-poll waits pull_wait_s.
AgentOptions quick_agent(const std::filesystem::path& store, int pull_wait_s = 20);
// `reception-syncd --store STORE run --once`: the real agent, started again, pushes and pulls.
void run_agent_once(const std::filesystem::path& store);
// An application with a full applicant (or without a name: reg-6 sends it for correction).
Application sample_application(Channel channel, bool complete = true);
// A move of the case work by "responsible-1", with a reason.
MoveInput move_to(AppState to);

// GET path from the server with no credential, as a visitor's phone asks for a public page.
HttpResult public_get(ServerProcess& server, const std::string& path);
// Its body, the test failing (with the body shown) unless it was answered 200.
std::string public_page_body(ServerProcess& server, const std::string& path);
bool contains(const std::string& text, const std::string& part);

// Pushing by hand, as a tampered terminal would.
// The store's outbox as push ops, oldest first.
nlohmann::json outbox_ops(Store& store);
// The newest outbox op of this entity.
nlohmann::json last_op(Store& store, const std::string& entity);
// A copy of op under a new op id (and, with new_entity, a new record uuid).
nlohmann::json copy_op(nlohmann::json op, bool new_entity = false);
nlohmann::json batch(const nlohmann::json& ops, const std::string& id = new_uuid());
// ops pushed in one batch with this store's credential.
HttpResult push_ops(Store& as, const nlohmann::json& ops);
nlohmann::json body_of(const HttpResult& r);
// An error answer: the status, and a JSON body naming the error with words.
void check_refused(const HttpResult& r, long status, const std::string& code);

// HAProxy
// A free TCP port on loopback, for HAProxy's front.
int free_port();
// HAProxy as docs/scale.md sets it up, in the foreground: TCP (TLS ends at the instances),
// least connections, timeouts longer than a long-poll, a dead instance's connections sent to
// another; each backend on loopback with `server_options` ("send-proxy-v2" for the PROXY
// header). Its pid; SIGTERM and wait to stop it.
pid_t start_haproxy(const std::filesystem::path& dir, int port, const std::vector<int>& backends,
                    const std::string& server_options = "check inter 500ms fall 2");

// Polls cond every 10 ms until it holds or the time is up; returns whether it held.
bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds limit);

} // namespace reception::test
