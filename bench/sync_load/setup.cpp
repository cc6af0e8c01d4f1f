#include "setup.hpp"

#include "agent/agent.hpp"
#include "base/assets.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/profile.hpp"
#include "server/auth.hpp"
#include "server/server_child.hpp"
#include "server/server_store.hpp"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace reception::bench {

static void must(const std::string& cmd) {
    if (std::system((cmd + " >/dev/null 2>&1").c_str()) != 0)
        throw std::runtime_error("failed: " + cmd);
}

// A CA and a server certificate for localhost, ECDSA P-256, as scripts/demo-server makes them.
static void make_pki(const std::filesystem::path& dir) {
    std::string d = dir.string() + "/";
    must("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "
         "/CN=bench-ca -addext basicConstraints=critical,CA:TRUE -keyout " +
         d + "ca.key -out " + d + "ca.pem");
    std::ofstream(d + "ext") << "subjectAltName=DNS:localhost,IP:127.0.0.1\n";
    must("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost "
         "-keyout " +
         d + "server.key -out " + d + "server.csr");
    must("openssl x509 -req -days 2 -in " + d + "server.csr -CA " + d + "ca.pem -CAkey " + d +
         "ca.key -CAcreateserial -extfile " + d + "ext -out " + d + "server.pem");
}

// RECEPTION_BENCH_DB: the server's store on PostgreSQL (an empty database), else SQLite.
static std::string bench_db() {
    const char* db = std::getenv("RECEPTION_BENCH_DB");
    return db ? db : "";
}

BenchServer::BenchServer(
    const std::string& server_bin,
    const std::function<std::vector<std::string>(const std::filesystem::path& dir)>& more_args)
    : bin(server_bin) {
    char tmpl[] = "/tmp/sync-load-XXXXXX";
    dir = mkdtemp(tmpl);
    make_pki(dir);
    std::stringstream ca;
    ca << std::ifstream(dir / "ca.pem").rdbuf();
    ca_pem = ca.str();
    // Every simulated terminal comes from 127.0.0.1: one address holds them all, far past the
    // 64 connections per address a real site's NAT needs.
    ChildLimits limits;
    limits.serve_args = {"--max-connections-per-address", "100000"};
    if (!bench_db().empty())
        limits.serve_args.insert(limits.serve_args.end(), {"--db", bench_db()});
    if (more_args)
        for (std::string& a : more_args(dir)) limits.serve_args.push_back(std::move(a));
    // RECEPTION_BENCH_THREADS: the server's I/O threads (its default otherwise).
    if (const char* threads = std::getenv("RECEPTION_BENCH_THREADS"))
        limits.serve_args.insert(limits.serve_args.end(), {"--threads", threads});
    ServerChild child =
        spawn_server(bin, dir / "data", 0, dir / "server.pem", dir / "server.key", limits);
    pid = child.pid;
    port = child.port;
    if (port == 0) throw std::runtime_error("reception-server did not start");
}

BenchServer::~BenchServer() {
    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

std::vector<BenchTerminal> BenchServer::enrol_kiosks(int n) {
    auto db = open_server_store(StoreLocation{dir / "data", bench_db()});
    std::vector<BenchTerminal> out;
    Instant now = now_utc();
    db->transaction([&] { // one commit for all of them
        for (int i = 0; i < n; ++i) {
            Terminal t{"L" + std::to_string(i), "r" + std::to_string(i / 10), TerminalRole::Kiosk,
                       ""};
            std::string code = register_terminal(*db, t, now);
            auto c = redeem_enrolment_code(*db, code, now);
            out.push_back({t.name, t.room, c->token, c->terminal.series});
        }
    });
    return out;
}

double BenchServer::cpu_seconds() const {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    std::istringstream rest(s.substr(s.rfind(')') + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int i = 1; i <= 13 && rest >> field; ++i) {
        if (i == 12) utime = std::atoll(field.c_str());
        if (i == 13) stime = std::atoll(field.c_str());
    }
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

double BenchServer::runqueue_wait_seconds() const {
    double total = 0;
    std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
    std::error_code ec;
    for (const auto& t : std::filesystem::directory_iterator(tasks, ec)) {
        std::ifstream in(t.path() / "schedstat");
        long long run = 0, wait = 0;
        if (in >> run >> wait) total += double(wait) / 1e9;
    }
    return total;
}

void raise_open_files_limit() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
}

std::unique_ptr<Store> flush_terminal(BenchServer& server, int changes) {
    std::string code;
    {
        auto db = open_server_store(StoreLocation{server.dir / "data", bench_db()});
        code = register_terminal(*db, Terminal{"F1", "flush", TerminalRole::Kiosk, ""}, now_utc());
    }
    auto store = Store::open(server.dir / "flush.db", OpenMode::CreateIfMissing);
    std::string url = "https://localhost:" + std::to_string(server.port);
    std::string err = enrol_store(*store, url, server.ca_pem, "", code);
    if (!err.empty()) throw std::runtime_error("enrol: " + err);
    RegulationProfile profile = load_profile(assets_dir() / "regulations/khromtau-2023-133.json");
    TicketRequest req{"flush", "same_day", "", "kk", "F1"};
    store->transaction([&] { // queued while offline; written in one commit to save setup time
        for (int i = 0; i < changes; ++i) issue_ticket(*store, profile, req, now_utc());
    });
    return store;
}

long long count_outbox(Store& store) {
    Stmt st = store.prepare("SELECT count(*) FROM outbox");
    return st.step() ? st.integer(0) : -1;
}

} // namespace reception::bench
