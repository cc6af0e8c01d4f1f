#include "sync_support.hpp"

#include "cases/applications.hpp"
#include "common/protocol.hpp"
#include "queue/ticket_queue.hpp"
#include "server/server_child.hpp"

#include <arpa/inet.h>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <doctest/doctest.h>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <pqxx/pqxx>
#include <regex>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace reception::test {

// PKI
static std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

static void must(const std::string& cmd) {
    std::string out;
    if (run_command(cmd + " 2>&1", &out) != 0) FAIL("command failed: " << cmd << "\n" << out);
}

// A CA named name in dir: name.pem, name.key.
static void make_ca(const std::filesystem::path& dir, const std::string& name) {
    std::string d = dir.string() + "/";
    must("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "
         "'/CN=" +
         name +
         "' -addext basicConstraints=critical,CA:TRUE -addext "
         "keyUsage=critical,keyCertSign,cRLSign -keyout " +
         d + name + ".key -out " + d + name + ".pem");
}

// A server certificate named name for the subject alternative names san, signed by ca.
static void make_cert(const std::filesystem::path& dir, const std::string& ca,
                      const std::string& name, const std::string& san) {
    std::string d = dir.string() + "/";
    std::ofstream(d + name + ".ext")
        << "subjectAltName=" << san << "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n";
    must("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj '/CN=" + name +
         "' -keyout " + d + name + ".key -out " + d + name + ".csr");
    must("openssl x509 -req -days 30 -in " + d + name + ".csr -CA " + d + ca + ".pem -CAkey " + d +
         ca + ".key -CAcreateserial -extfile " + d + name + ".ext -out " + d + name + ".pem");
}

const Pki& pki() {
    static Pki p = [] {
        Pki k;
        make_ca(k.dir.path, "ca");
        make_ca(k.dir.path, "other-ca");
        make_cert(k.dir.path, "ca", "server", "DNS:localhost,IP:127.0.0.1");
        make_cert(k.dir.path, "ca", "other-name", "DNS:other.example");
        make_cert(k.dir.path, "other-ca", "rogue", "DNS:localhost,IP:127.0.0.1");
        k.ca_pem = read_file(k.dir / "ca.pem");
        k.other_ca_pem = read_file(k.dir / "other-ca.pem");
        k.cert = k.dir / "server.pem";
        k.key = k.dir / "server.key";
        k.other_ca_file = k.dir / "other-ca.pem";
        k.rogue_cert = k.dir / "rogue.pem";
        k.rogue_key = k.dir / "rogue.key";
        k.other_name_cert = k.dir / "other-name.pem";
        k.other_name_key = k.dir / "other-name.key";
        std::string pin;
        run_command("openssl pkey -in " + k.key.string() +
                        " -pubout -outform der | openssl dgst -sha256 -binary | base64",
                    &pin);
        k.pin = "sha256//" + pin.substr(0, pin.find('\n'));
        return k;
    }();
    return p;
}

// Server process
std::string test_postgres() {
    const char* pg = std::getenv("RECEPTION_TEST_PG");
    return pg ? pg : "";
}

std::string new_test_database() {
    static int made = 0;
    std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++made);
    pqxx::connection c(test_postgres());
    pqxx::nontransaction tx(c);
    tx.exec("DROP DATABASE IF EXISTS " + name);
    tx.exec("CREATE DATABASE " + name);
    return test_postgres() + " dbname=" + name;
}

ServerProcess::ServerProcess(std::filesystem::path data_dir) : data_(std::move(data_dir)) {
    if (!test_postgres().empty()) db_ = new_test_database();
}

ServerProcess::ServerProcess(std::filesystem::path data_dir, std::string db)
    : data_(std::move(data_dir)), db_(std::move(db)) {}

// The options that name the store, for a command line.
static std::string store_args(const std::filesystem::path& data, const std::string& db) {
    std::string out = " --data " + data.string();
    if (!db.empty()) out += " --db '" + db + "'";
    return out;
}

ServerProcess::~ServerProcess() {
    stop();
}

std::string ServerProcess::url() const {
    return "https://localhost:" + std::to_string(port_);
}

void ServerProcess::start(const std::filesystem::path& cert, const std::filesystem::path& key) {
    REQUIRE(pid_ < 0);
    ChildLimits limits = limits_;
    if (!db_.empty()) limits.serve_args.insert(limits.serve_args.end(), {"--db", db_});
    ServerChild child = spawn_server(RECEPTION_SERVER_BIN, data_, port_, cert, key, limits);
    pid_ = child.pid;
    REQUIRE_MESSAGE(child.port > 0, "reception-server did not start");
    port_ = child.port;
}

void ServerProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

void ServerProcess::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

std::string ServerProcess::register_terminal(const std::string& name, const std::string& room,
                                             const std::string& kind) {
    std::string out;
    std::string cmd = std::string(RECEPTION_SERVER_BIN) + store_args(data_, db_) +
                      " enrol --name " + name + " --room " + room + " --kind " + kind;
    REQUIRE(run_command(cmd, &out) == 0);
    out.erase(out.find_last_not_of('\n') + 1);
    return out.substr(out.rfind('\n') + 1); // the code is the last line
}

int ServerProcess::admin(const std::string& args, std::string* out) {
    std::string ignored;
    return run_command(std::string(RECEPTION_SERVER_BIN) + store_args(data_, db_) + " " + args +
                           " 2>&1",
                       out ? out : &ignored);
}

// SQLite's json_extract(X, '$.key') is (X::json->>'key') on PostgreSQL.
static std::string for_postgres(const std::string& sql) {
    static const std::regex json_extract(R"(json_extract\(([\w.]+), '\$\.(\w+)'\))");
    return std::regex_replace(sql, json_extract, "($1::json->>'$2')");
}

long long ServerProcess::count(const char* sql) {
    if (!db_.empty()) {
        pqxx::connection c(db_);
        pqxx::nontransaction tx(c);
        pqxx::result r = tx.exec(for_postgres(sql));
        return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<long long>();
    }
    auto db = Store::open(data_ / "server.db", OpenMode::Existing);
    return test::count(*db, sql);
}

// Terminals
std::unique_ptr<Store> enrolled_store(ServerProcess& server, const std::filesystem::path& file,
                                      const std::string& name, const std::string& room,
                                      const std::string& kind) {
    auto store = Store::open(file, OpenMode::CreateIfMissing);
    std::string code = server.register_terminal(name, room, kind);
    std::string err = enrol_store(*store, server.url(), pki().ca_pem, "", code);
    REQUIRE_MESSAGE(err.empty(), err);
    return store;
}

std::unique_ptr<Store> SyncedTerminals::enrol(const std::string& name, const std::string& room,
                                              const std::string& kind) {
    std::string file = name;
    for (char& c : file) c = char(std::tolower((unsigned char)c));
    return enrolled_store(server, dir / (file + ".db"), name, room, kind);
}

ClientConfig config_of(Store& store) {
    return client_config(store);
}

long long count(Store& store, const char* sql) {
    Stmt st = store.prepare(sql);
    return st.step() ? st.integer(0) : -1;
}

Ticket take_ticket(Store& store, const std::string& service, const std::string& category) {
    TicketRequest req;
    req.room = store.meta(sync_key::room).value_or("");
    req.service = service;
    req.category = category;
    req.kiosk = store.terminal_id();
    return issue_ticket(store, profile(), req, now_utc());
}

void sync(Store& store) {
    HttpClient client(config_of(store));
    StepResult r = sync_until_idle(store, client);
    REQUIRE_MESSAGE(r.ok, r.error);
}

int syncd(const std::string& args, std::string* out) {
    std::string ignored;
    return run_command(std::string(RECEPTION_SYNCD_BIN) + " " + args + " 2>&1",
                       out ? out : &ignored);
}

AgentOptions quick_agent(const std::filesystem::path& store, int pull_wait_s) {
    AgentOptions o;
    o.store = store;
    o.pull_wait_s = pull_wait_s;
    o.idle_check = std::chrono::milliseconds(50);
    o.backoff_base = std::chrono::milliseconds(50);
    o.backoff_cap = std::chrono::milliseconds(500);
    return o;
}

void run_agent_once(const std::filesystem::path& store) {
    std::string out;
    CHECK_MESSAGE(syncd("--store " + store.string() + " run --once", &out) == 0, out);
}

Application sample_application(Channel channel, bool complete) {
    Application a;
    a.channel = channel;
    a.applicant.surname = "Сәрсенбаева";
    if (complete) a.applicant.name = "Әйгерім";
    a.applicant.iin = "871008401427";
    a.applicant.phone = "8 (701) 123-45-67";
    a.applicant.address = "Хромтау, Әйтеке би к-сі, 12";
    a.essence = "Ауладағы жолды жөндеу туралы мәселе";
    return a;
}

MoveInput move_to(AppState to) {
    MoveInput in;
    in.to = to;
    in.actor = "responsible-1";
    in.reason = "қаралды";
    return in;
}

HttpResult public_get(ServerProcess& server, const std::string& path) {
    return HttpClient(ClientConfig{server.url(), pki().ca_pem, "", "", 5000}).get(path, 5000);
}

std::string public_page_body(ServerProcess& server, const std::string& path) {
    HttpResult r = public_get(server, path);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.body;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Pushing by hand
nlohmann::json outbox_ops(Store& store) {
    nlohmann::json ops = nlohmann::json::array();
    Stmt st = store.prepare(
        "SELECT op_id, entity, entity_uuid, kind, payload, created_at FROM outbox ORDER BY seq");
    while (st.step())
        ops.push_back(
            op_json(st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)));
    return ops;
}

nlohmann::json last_op(Store& store, const std::string& entity) {
    nlohmann::json found;
    for (const nlohmann::json& op : outbox_ops(store))
        if (op["entity"] == entity) found = op;
    REQUIRE_MESSAGE(found.is_object(), "no " << entity << " in the outbox");
    return found;
}

nlohmann::json copy_op(nlohmann::json op, bool new_entity) {
    op["op_id"] = new_uuid();
    if (new_entity) {
        op["entity_uuid"] = new_uuid();
        op["payload"]["uuid"] = op["entity_uuid"];
    }
    return op;
}

nlohmann::json batch(const nlohmann::json& ops, const std::string& id) {
    return nlohmann::json{{"batch_id", id}, {"sent_at", format_instant(now_utc())}, {"ops", ops}};
}

HttpResult push_ops(Store& as, const nlohmann::json& ops) {
    return HttpClient(config_of(as)).post("/v1/push", batch(ops).dump(), 10000);
}

nlohmann::json body_of(const HttpResult& r) {
    return nlohmann::json::parse(r.body, nullptr, false);
}

void check_refused(const HttpResult& r, long status, const std::string& code) {
    CHECK(r.curl_code == 0);
    CHECK(r.status == status);
    nlohmann::json j = body_of(r);
    REQUIRE(j.is_object());
    CHECK(j.value("error", "") == code);
    CHECK(!j.value("message", "").empty());
}

bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds limit) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (!cond()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

// HAProxy
int free_port() {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t n = sizeof a;
    getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
    close(s);
    return ntohs(a.sin_port);
}

pid_t start_haproxy(const std::filesystem::path& dir, int port, const std::vector<int>& backends,
                    const std::string& server_options) {
    std::ofstream cfg_file(dir / "haproxy.cfg");
    cfg_file << "global\n  maxconn 2000\ndefaults\n  mode tcp\n  timeout connect 2s\n"
                "  timeout client 90s\n  timeout server 90s\n  retries 3\n  option redispatch\n"
                "frontend reception\n  bind 127.0.0.1:"
             << port << "\n  default_backend instances\nbackend instances\n  balance leastconn\n";
    for (size_t i = 0; i < backends.size(); ++i)
        cfg_file << "  server s" << i << " 127.0.0.1:" << backends[i] << " " << server_options
                 << "\n";
    cfg_file.close();
    pid_t pid = fork();
    if (pid == 0) {
        std::string cfg = (dir / "haproxy.cfg").string();
        execl("/usr/sbin/haproxy", "haproxy", "-db", "-q", "-f", cfg.c_str(), (char*)nullptr);
        _exit(127);
    }
    return pid;
}

} // namespace reception::test
