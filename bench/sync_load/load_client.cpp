#include "load_client.hpp"

#include <utility> // before Asio: Boost 1.74's awaitable.hpp uses std::exchange

#include "base/date.hpp"
#include "base/uuid.hpp"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <fstream>
#include <functional>
#include <mutex>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

namespace reception::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

static constexpr auto kRamp = std::chrono::seconds(10); // handshakes spread over this

struct Run {
    ssl::context ctx{ssl::context::tls_client};
    tcp::endpoint server;
    Clock::time_point origin, measure_from, end;
    std::mutex mutex;
    LoadReport report;
};

// What one terminal sends each second: a new ticket of its room, as the agent would push it.
// Written with snprintf, not built as a JSON document: every value is plain ASCII, and the
// client shares the server's two cores, so its CPU per request is kept small.
static std::string push_body(const BenchTerminal& t, int k) {
    Instant at = now_utc();
    std::string now = format_instant(at), day = format_date(local_date(at)); // as a kiosk does
    std::string ticket = new_uuid();
    char body[1024];
    int n = std::snprintf(
        body, sizeof body,
        R"({"batch_id":"%s","sent_at":"%s","ops":[{"op_id":"%s","entity":"ticket",)"
        R"("entity_uuid":"%s","kind":"ticket.issued","created_at":"%s","payload":{"uuid":"%s",)"
        R"("room":"%s","day":"%s","service":"same_day","number":"A%s-%d","category":"",)"
        R"("language":"kk","state":"waiting","desk":"","kiosk":"%s","transferred_from":"",)"
        R"("issued_at":"%s","called_at":"","updated_at":"%s"}}]})",
        new_uuid().c_str(), now.c_str(), new_uuid().c_str(), ticket.c_str(), now.c_str(),
        ticket.c_str(), t.room.c_str(), day.c_str(), t.series.c_str(), k, t.name.c_str(),
        now.c_str(), now.c_str());
    return std::string(body, size_t(std::max(0, std::min(n, int(sizeof body) - 1))));
}

// What the bench needs of a pull answer: the new cursor and how many changes came. Found by
// scanning instead of parsing the whole page (about 4 KB, ten changes) into a document.
static bool read_pull_answer(const std::string& answer, std::string& cursor, long long& n) {
    const std::string key = "\"cursor\":\"";
    size_t at = answer.rfind(key);
    if (answer.empty() || answer.front() != '{' || at == std::string::npos) return false;
    size_t end = answer.find('"', at + key.size());
    if (end == std::string::npos) return false;
    cursor = answer.substr(at + key.size(), end - at - key.size());
    n = 0;
    for (size_t p = answer.find("{\"seq\":"); p != std::string::npos;
         p = answer.find("{\"seq\":", p + 1))
        ++n;
    return true;
}

using Stream = beast::ssl_stream<beast::tcp_stream>;

// One request on the kept-alive stream; returns the status (0 on a transport error).
static awaitable<int> exchange(Stream& s, beast::flat_buffer& buf, http::verb verb,
                               const std::string& target, const std::string& token,
                               std::string body, std::string* answer) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "localhost");
    req.set(http::field::authorization, "Bearer " + token);
    if (verb == http::verb::post) req.set(http::field::content_type, "application/json");
    req.body() = std::move(body);
    req.keep_alive(true);
    req.prepare_payload();
    beast::get_lowest_layer(s).expires_after(std::chrono::seconds(30));
    co_await http::async_write(s, req, use_awaitable);
    http::response<http::string_body> res;
    co_await http::async_read(s, buf, res, use_awaitable);
    *answer = std::move(res.body());
    co_return int(res.result_int());
}

// The TLS connection a terminal keeps, its server's name checked as the agent does.
static awaitable<void> open_stream(Run& run, Stream& s) {
    SSL_set_tlsext_host_name(s.native_handle(), "localhost");
    s.set_verify_callback(ssl::host_name_verification("localhost"));
    beast::get_lowest_layer(s).expires_after(std::chrono::seconds(30));
    co_await beast::get_lowest_layer(s).async_connect(run.server, use_awaitable);
    co_await s.async_handshake(ssl::stream_base::client, use_awaitable);
    std::lock_guard lock(run.mutex);
    run.report.connected++;
}

static void record(Run& run, bool push, double ms, bool ok, long long pulled) {
    std::lock_guard lock(run.mutex);
    run.report.requests++;
    if (!ok) run.report.errors++;
    run.report.pulled += pulled;
    (push ? run.report.push_ms : run.report.pull_ms).push_back(ms);
}

// The terminal's own second: its requests go out at origin + phase + k seconds. Phases are
// spread evenly over the second, as independent terminals' clocks are (or over a part of it, to
// measure bunched terminals). Ticking from when the
// handshake finished (as first built) made them bunch: a handshake queued behind a burst ends
// with it, so every new terminal joined the burst, and after the ramp 2,000 terminals sent
// within about 400 ms of each second and nothing for the rest (seen in the server's commits).
static Clock::time_point first_tick(Clock::time_point origin, Clock::duration phase) {
    auto since = Clock::now() - origin - phase;
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since).count() + 1;
    return origin + phase + std::chrono::seconds(std::max<long long>(0, seconds));
}

// back_to_back (the ceiling): the terminal pushes again as soon as its answer came (no pull,
// no timer), so the pushes per second are what the server can commit, to set beside pgbench's
// one-row insert at the same number of clients. Each push is a new ticket with its own number.
static awaitable<void> terminal(Run& run, BenchTerminal t, Clock::duration start_after,
                                Clock::duration phase, bool back_to_back = false) {
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer timer(ex);
    timer.expires_after(start_after);
    co_await timer.async_wait(use_awaitable);
    std::string cursor;
    int k = 0;
    while (Clock::now() < run.end) {
        try {
            Stream s(ex, run.ctx);
            co_await open_stream(run, s);
            beast::flat_buffer buf;
            auto next = first_tick(run.origin, phase);
            timer.expires_at(back_to_back ? Clock::now() : next);
            co_await timer.async_wait(use_awaitable);
            while (Clock::now() < run.end) {
                bool measured = Clock::now() >= run.measure_from;
                std::string answer;
                auto t0 = Clock::now();
                int st = co_await exchange(s, buf, http::verb::post, "/v1/push", t.token,
                                           push_body(t, k++), &answer);
                auto t1 = Clock::now();
                if (back_to_back) {
                    if (measured)
                        record(run, true,
                               std::chrono::duration<double, std::milli>(t1 - t0).count(),
                               st == 200, 0);
                    continue;
                }
                std::string target =
                    "/v1/pull?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor);
                int sp = co_await exchange(s, buf, http::verb::get, target, t.token, "", &answer);
                auto t2 = Clock::now();
                long long n = 0;
                if (sp == 200 && !read_pull_answer(answer, cursor, n)) sp = 0;
                if (measured) {
                    record(run, true, std::chrono::duration<double, std::milli>(t1 - t0).count(),
                           st == 200, 0);
                    record(run, false, std::chrono::duration<double, std::milli>(t2 - t1).count(),
                           sp == 200, n);
                }
                next += std::chrono::seconds(1);
                timer.expires_at(next);
                co_await timer.async_wait(use_awaitable);
                if (measured) {
                    std::lock_guard lock(run.mutex);
                    run.report.lag_ms.push_back(
                        std::chrono::duration<double, std::milli>(Clock::now() - next).count());
                }
            }
            co_return;
        } catch (const std::exception&) {
            std::lock_guard lock(run.mutex);
            if (Clock::now() >= run.measure_from) run.report.errors++;
        }
        timer.expires_after(std::chrono::milliseconds(500)); // reconnect after a pause
        co_await timer.async_wait(use_awaitable);
    }
}

static double process_cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto s = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

// Busy CPU seconds of the whole machine since boot: user, nice, system, irq, softirq.
static double machine_busy_seconds() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
    in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq;
    return (user + nice + system + irq + softirq) / double(sysconf(_SC_CLK_TCK));
}

// Runs the clients spawned by `spawn` on two threads (like the server) and measures the CPU of
// the server, the client and the machine between run.measure_from and run.end.
static void run_clients(BenchServer& server, Run& run, int threads,
                        const std::function<void(asio::io_context&)>& spawn) {
    run.ctx.set_verify_mode(ssl::verify_peer);
    run.ctx.add_certificate_authority(asio::buffer(server.ca_pem));
    run.server = tcp::endpoint(asio::ip::make_address("127.0.0.1"), (unsigned short)server.port);
    asio::io_context ioc(threads);
    spawn(ioc);
    double cpu0 = 0, cpu1 = 0, client0 = 0, client1 = 0;
    double wait0 = 0, wait1 = 0, busy0 = 0, busy1 = 0;
    asio::steady_timer mark(ioc, run.measure_from);
    mark.async_wait([&](auto) {
        cpu0 = server.cpu_seconds();
        wait0 = server.runqueue_wait_seconds();
        client0 = process_cpu_seconds();
        busy0 = machine_busy_seconds();
    });
    asio::steady_timer last(ioc, run.end);
    last.async_wait([&](auto) {
        cpu1 = server.cpu_seconds();
        wait1 = server.runqueue_wait_seconds();
        client1 = process_cpu_seconds();
        busy1 = machine_busy_seconds();
    });
    std::vector<std::thread> more;
    for (int i = 1; i < threads; ++i) more.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (std::thread& t : more) t.join();
    run.report.client_cpu_s = client1 - client0;
    run.report.server_cpu_s = cpu1 - cpu0;
    run.report.server_wait_s = wait1 - wait0;
    run.report.machine_busy_s = busy1 - busy0;
}

LoadReport run_load(BenchServer& server, int terminals, int seconds, int spread_ms) {
    std::vector<BenchTerminal> ts = server.enrol_kiosks(terminals);
    Run run;
    run.origin = Clock::now();
    run.measure_from = run.origin + kRamp + std::chrono::seconds(2);
    run.end = run.measure_from + std::chrono::seconds(seconds);
    run_clients(server, run, 2, [&](asio::io_context& ioc) {
        for (int i = 0; i < terminals; ++i)
            asio::co_spawn(
                ioc,
                terminal(run, ts[size_t(i)], kRamp * i / terminals,
                         Clock::duration(std::chrono::milliseconds(spread_ms)) * i / terminals),
                asio::detached);
    });
    return std::move(run.report);
}

LoadReport run_ceiling(BenchServer& server, int clients, int seconds) {
    std::vector<BenchTerminal> ts = server.enrol_kiosks(clients);
    Run run;
    run.origin = Clock::now();
    run.measure_from = run.origin + std::chrono::seconds(5); // connected, caches warm
    run.end = run.measure_from + std::chrono::seconds(seconds);
    run_clients(server, run, 2, [&](asio::io_context& ioc) {
        for (int i = 0; i < clients; ++i)
            asio::co_spawn(ioc,
                           terminal(run, ts[size_t(i)], std::chrono::seconds(2) * i / clients,
                                    Clock::duration(0), true),
                           asio::detached);
    });
    return std::move(run.report);
}

static double pct(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

void print_report(LoadReport& r, int seconds) {
    std::vector<double> all = r.push_ms;
    all.insert(all.end(), r.pull_ms.begin(), r.pull_ms.end());
    std::printf("load: %d terminals connected; %lld requests in %d s (%.0f/s), %lld errors\n",
                r.connected, r.requests, seconds, double(r.requests) / seconds, r.errors);
    std::printf("load: latency ms  all p50 %.1f p99 %.1f | push p50 %.1f p99 %.1f | pull p50 "
                "%.1f p99 %.1f | max %.1f\n",
                pct(all, 0.5), pct(all, 0.99), pct(r.push_ms, 0.5), pct(r.push_ms, 0.99),
                pct(r.pull_ms, 0.5), pct(r.pull_ms, 0.99), pct(all, 1.0));
    std::printf("load: server CPU %.1f s in %d s = %.0f%% of one core; %lld changes pulled\n",
                r.server_cpu_s, seconds, 100.0 * r.server_cpu_s / seconds, r.pulled);
    std::printf("load: bench client timers late p50 %.1f ms, p99 %.1f ms (its own delay in every "
                "figure above)\n",
                pct(r.lag_ms, 0.5), pct(r.lag_ms, 0.99));
    std::printf("load: bench client CPU %.1f s = %.0f%% of one core (on the same 2 cores)\n",
                r.client_cpu_s, 100.0 * r.client_cpu_s / seconds);
    double others = std::max(0.0, r.machine_busy_s - r.client_cpu_s);
    std::printf("load: machine CPU busy %.1f s of %.0f; server and its database (all but the "
                "bench client) %.1f s = %.3f ms of CPU per request\n",
                r.machine_busy_s, double(seconds) * double(sysconf(_SC_NPROCESSORS_ONLN)), others,
                r.requests > 0 ? 1000.0 * others / double(r.requests) : 0.0);
    std::printf("load: server threads waited %.1f s for a CPU while ready to run (%.1fx their "
                "CPU time): the machine's other load\n",
                r.server_wait_s, r.server_cpu_s > 0 ? r.server_wait_s / r.server_cpu_s : 0.0);
}

} // namespace reception::bench
