// Notices through the real reception-server to local peers: how many notices a second the
// server sends through an SMTP relay (python3-aiosmtpd, STARTTLS and a login) and an HTTPS SMS
// gateway (python3 http.server with ssl), and how long a notice takes from being planned on a
// console to the console showing it sent. docs/performance.md records the figures.
//   notice_delivery [--notices N] [--samples M]
#include "cases/notice_delivery.hpp"
#include "agent/enrol.hpp"
#include "agent/steps.hpp"
#include "base/assets.hpp"
#include "cases/applications.hpp"
#include "cases/notices.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "server/auth.hpp"
#include "server/server_store.hpp"
#include "sync_load/setup.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace reception;
using Clock = std::chrono::steady_clock;

namespace {

// A peer script of the notice tests, until SIGTERM.
struct PeerChild {
    std::filesystem::path dir;
    pid_t pid = -1;
    int port = 0;
    PeerChild(const std::string& script, const std::filesystem::path& tls,
              const std::filesystem::path& where)
        : dir(where) {
        std::filesystem::create_directories(dir);
        pid = fork();
        if (pid == 0) {
            std::string s = std::string(NOTICE_PEERS) + "/" + script, d = dir.string(),
                        c = (tls / "server.pem").string(), k = (tls / "server.key").string();
            execl("/usr/bin/python3", "python3", s.c_str(), "--dir", d.c_str(), "--cert", c.c_str(),
                  "--key", k.c_str(), nullptr);
            _exit(127);
        }
        for (int i = 0; i < 1000 && !std::filesystem::exists(dir / "port"); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        std::ifstream in(dir / "port");
        if (!(in >> port)) throw std::runtime_error(script + " did not start");
    }
    ~PeerChild() {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
    size_t received(const char* prefix, const char* ext) const {
        size_t n = 0;
        while (std::filesystem::exists(
            dir / (std::string(prefix) + "-" + std::to_string(n + 1) + "." + ext)))
            ++n;
        return n;
    }
};

long long count(Store& db, const char* sql) {
    Stmt st = db.prepare(sql);
    st.step();
    return st.integer(0);
}

Application applicant(int i, bool by_email) {
    Application a;
    a.channel = Channel::Phone;
    a.applicant.surname = "Сәрсенбаева";
    a.applicant.name = "Әйгерім";
    a.applicant.phone = by_email ? "" : "+7701" + std::to_string(1000000 + i);
    a.applicant.email = by_email ? "a" + std::to_string(i) + "@example.kz" : "";
    a.applicant.address = "Хромтау, Әйтеке би к-сі, 12";
    a.essence = "Ауладағы жолды жөндеу туралы мәселе";
    a.notice_consent = true;
    return a;
}

// One application and its extension notice (reg-30), by SMS or e-mail.
Notice plan_one(Store& s, const RegulationProfile& p, const WorkCalendar& cal, int i,
                bool by_email) {
    Instant now = now_utc();
    Application a = register_application(s, p, cal, applicant(i, by_email), "operator-1", now);
    Notice n;
    n.application_uuid = a.uuid;
    n.about = "extension";
    n.item = "reg-30";
    n.channel = by_email ? "email" : "sms";
    n.due_on = local_date(now);
    return plan_notice(s, n, now);
}

double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, size_t(q * double(v.size())))];
}

} // namespace

int main(int argc, char** argv) {
    int notices = 200, samples = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--notices") notices = std::atoi(argv[i + 1]);
        if (a == "--samples") samples = std::atoi(argv[i + 1]);
    }
    std::unique_ptr<PeerChild> relay, gateway;
    bench::BenchServer server(RECEPTION_SERVER_BIN, [&](const std::filesystem::path& dir) {
        relay = std::make_unique<PeerChild>("smtp_peer.py", dir, dir / "relay");
        gateway = std::make_unique<PeerChild>("sms_peer.py", dir, dir / "gateway");
        std::ofstream(dir / "notices.conf")
            << "smtp_url = smtp://localhost:" << relay->port
            << "\nsmtp_user = reception\nsmtp_password = relay-secret\n"
            << "smtp_from = qabyldau@khromtau.example.kz\nsmtp_ca = " << (dir / "ca.pem").string()
            << "\nsms_url = https://localhost:" << gateway->port << "/send\n"
            << R"(sms_body = {"to": "{phone}", "text": "{text}"})"
            << "\nsms_ca = " << (dir / "ca.pem").string() << "\n";
        return std::vector<std::string>{"--notices", (dir / "notices.conf").string()};
    });
    std::string code;
    {
        auto db = open_server_store(StoreLocation{server.dir / "data", ""});
        code = register_terminal(*db, Terminal{"C1", "main", TerminalRole::Console, ""}, now_utc());
    }
    auto store = Store::open(server.dir / "console.db", OpenMode::CreateIfMissing);
    std::string url = "https://localhost:" + std::to_string(server.port);
    if (std::string err = enrol_store(*store, url, server.ca_pem, "", code); !err.empty())
        throw std::runtime_error("enrol: " + err);
    RegulationProfile profile = load_profile(assets_dir() / "regulations/khromtau-2023-133.json");
    WorkCalendar cal = WorkCalendar::load_dir(assets_dir() / "calendar");
    HttpClient client(client_config(*store));
    auto srv = open_server_store(StoreLocation{server.dir / "data", ""});

    // Throughput: N notices (half SMS, half e-mail) pushed at once, then sent.
    for (int i = 0; i < notices; ++i) plan_one(*store, profile, cal, i, i % 2 == 1);
    auto t0 = Clock::now();
    if (!sync_until_idle(*store, client).ok) throw std::runtime_error("push failed");
    auto pushed = Clock::now();
    Store& sdb = *srv->sqlite();
    for (;;) {
        long long open = count(sdb, "SELECT count(*) FROM srv_notice_deliveries WHERE state NOT "
                                    "IN ('sent', 'failed', 'cancelled')");
        if (open == 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto all_sent = Clock::now();
    long long sent = count(sdb, "SELECT count(*) FROM srv_notice_deliveries WHERE state = 'sent'");
    double secs = std::chrono::duration<double>(all_sent - pushed).count();
    std::printf("throughput: %d notices (%d SMS, %d e-mail) pushed in %.0f ms, all sent %.2f s "
                "later: %.1f notices/s; sent %lld, mails at the relay %zu, requests at the "
                "gateway %zu\n",
                notices, notices - notices / 2, notices / 2,
                std::chrono::duration<double, std::milli>(pushed - t0).count(), secs,
                double(notices) / secs, sent, relay->received("mail", "eml"),
                gateway->received("request", "json"));

    // Latency: one notice at a time, planned on the console until the console shows it sent
    // (push, the sender's next look, the send, the pull back).
    for (const char* channel : {"sms", "email"}) {
        std::vector<double> ms;
        for (int i = 0; i < samples; ++i) {
            auto start = Clock::now();
            Notice n = plan_one(*store, profile, cal, notices + i, channel[0] == 'e');
            for (;;) {
                sync_until_idle(*store, client);
                auto d = find_notice_delivery(*store, n.uuid);
                if (d && d->state == "sent") break;
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
        std::printf("planning to sent on the console, %s: median %.0f ms, p90 %.0f ms, max %.0f "
                    "ms (%d notices)\n",
                    channel, percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 1.0),
                    samples);
    }
    return 0;
}
