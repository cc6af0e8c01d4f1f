#include "server/http_server.hpp"

#include <utility> // before Asio: Boost 1.74's awaitable.hpp uses std::exchange

#include "base/assets.hpp"
#include "base/log.hpp"
#include "base/version.hpp"
#include "common/protocol.hpp"
#include "server/api.hpp"
#include "server/connection_limits.hpp"
#include "server/delivery.hpp"
#include "server/delivery_worker.hpp"
#include "server/pg_feed_listener.hpp"
#include "server/proxy_protocol.hpp"
#include "server/server_store.hpp"
#include "server/writer.hpp"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <unistd.h>

namespace reception {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;
using Stream = beast::ssl_stream<beast::tcp_stream>;

// Timeouts: a kept-alive terminal asks at least every long-poll (30 s); a silent connection is
// closed after twice that. The handshake and each write get less.
static constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
static constexpr auto kIdleTimeout = std::chrono::seconds(75);
static constexpr auto kWriteTimeout = std::chrono::seconds(30);
static constexpr auto kBodyTimeout = std::chrono::seconds(30); // 1 MiB at 35 KB/s

// Long-poll waiters
// A waiter is a timer on its connection's strand; news for its room cancels the timer.
struct Waiter {
    asio::steady_timer timer;
    explicit Waiter(asio::any_io_executor ex) : timer(ex) {}
};

struct Waiters {
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<std::shared_ptr<Waiter>>> by_room;
    std::unordered_map<std::string, long long> room_head; // newest seq per room

    // Registers w unless the room already has news past head; returns whether to wait.
    bool add(const std::string& room, long long head, const std::shared_ptr<Waiter>& w) {
        std::lock_guard lock(mutex);
        auto it = room_head.find(room);
        if (it != room_head.end() && it->second > head) return false;
        by_room[room].push_back(w);
        return true;
    }
    void remove(const std::string& room, const std::shared_ptr<Waiter>& w) {
        std::lock_guard lock(mutex);
        auto& v = by_room[room];
        v.erase(std::remove(v.begin(), v.end(), w), v.end());
    }
    // Every long-poll answers now (the server is stopping).
    void wake_all() {
        std::map<std::string, long long> heads;
        {
            std::lock_guard lock(mutex);
            for (const auto& [room, list] : by_room) heads[room] = 0;
        }
        wake(heads);
    }
    // News of these rooms, each up to its head (a room's head never goes back).
    void wake(const std::map<std::string, long long>& heads) {
        std::vector<std::shared_ptr<Waiter>> woken;
        {
            std::lock_guard lock(mutex);
            for (const auto& [room, head] : heads) {
                long long& known = room_head[room];
                known = std::max(known, head);
                auto it = by_room.find(room);
                if (it == by_room.end()) continue;
                woken.insert(woken.end(), it->second.begin(), it->second.end());
                it->second.clear();
            }
        }
        // The timer belongs to its strand: cancel it there.
        for (auto& w : woken) asio::post(w->timer.get_executor(), [w] { w->timer.cancel(); });
    }
};

// The certificate and key in force. SIGHUP makes a new context for the connections that come
// after; each connection keeps the context it began with, so none is dropped by a reload.
struct TlsContexts {
    std::mutex mutex;
    std::shared_ptr<ssl::context> current;
    std::shared_ptr<ssl::context> get() {
        std::lock_guard lock(mutex);
        return current;
    }
    void set(std::shared_ptr<ssl::context> ctx) {
        std::lock_guard lock(mutex);
        current = std::move(ctx);
    }
};

// What every connection shares.
struct Shared {
    ServerCore core;
    Waiters waiters;
    StoreLocation where;
    std::unique_ptr<Writer> writer;
    std::unique_ptr<ConnectionLimits> limits;
    TlsContexts tls;
    std::atomic<int> in_flight{0};       // requests between their header and their answer sent
    std::atomic<bool> stopping{false};   // SIGTERM: answer what is in flight, take nothing new
    std::vector<std::string> proxy_from; // the balancers whose PROXY header is believed
};

// Each I/O thread reads through its own connection (WAL: readers never wait for the writer).
static ServerStore& reader(const StoreLocation& where) {
    thread_local std::unique_ptr<ServerStore> db;
    if (!db) db = open_server_store(where);
    return *db;
}

// Hands a write to the writer and resumes the coroutine with the reply on its own strand: one
// post from the thread that committed. (A timer cancelled from the writer, as first built, took
// three passes through the I/O threads' queue.)
template <class Token>
static auto async_write_job(Writer& writer, std::function<Reply(ServerStore&)> write,
                            ReadAhead ahead, Token&& token) {
    return asio::async_initiate<Token, void(Reply)>(
        [&writer](auto handler, std::function<Reply(ServerStore&)> job, ReadAhead keys) {
            auto ex = asio::get_associated_executor(handler);
            // Done must be copyable (std::function); the coroutine's handler is move-only.
            auto h = std::make_shared<decltype(handler)>(std::move(handler));
            writer.submit(
                std::move(job),
                [ex, h](Reply r) {
                    asio::post(ex, [h, r = std::move(r)]() mutable { (*h)(std::move(r)); });
                },
                std::move(keys));
        },
        token, std::move(write), std::move(ahead));
}

static awaitable<Reply> run_write(Shared& sh, Reply first) {
    Endpoint endpoint = first.endpoint;
    Reply r = co_await async_write_job(*sh.writer, std::move(first.write), std::move(first.ahead),
                                       use_awaitable);
    r.endpoint = endpoint;
    co_return r;
}

// *waited: how long a long-poll waited for news, which is not the server's latency.
static awaitable<Reply> answer(Shared& sh, Request req, double* waited) {
    Reply r = handle_request(sh.core, reader(sh.where), req, now_utc());
    if (r.write) co_return co_await run_write(sh, std::move(r));
    if (r.wait_ms > 0) {
        auto w = std::make_shared<Waiter>(co_await asio::this_coro::executor);
        if (sh.waiters.add(r.wait_room, r.wait_head, w)) {
            auto from = std::chrono::steady_clock::now();
            w->timer.expires_after(std::chrono::milliseconds(r.wait_ms));
            boost::system::error_code ec;
            co_await w->timer.async_wait(asio::redirect_error(use_awaitable, ec));
            sh.waiters.remove(r.wait_room, w);
            *waited =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
        }
        req.may_wait = false;
        req.terminal.reset(); // revoked while it waited: refused now
        r = handle_request(sh.core, reader(sh.where), req, now_utc());
    }
    co_return r;
}

static http::response<http::string_body> to_http(const Reply& r, unsigned version,
                                                 bool keep_alive) {
    http::response<http::string_body> res{http::status(r.status), version};
    res.set(http::field::server, "reception-server");
    res.set(http::field::content_type, r.content_type);
    res.set(http::field::cache_control, "no-store");
    if (r.status == 401) res.set(http::field::www_authenticate, "Bearer");
    if (r.status == 503) res.set(http::field::retry_after, "1");
    if (r.status == 429) res.set(http::field::retry_after, std::to_string(r.retry_after_s));
    if (r.endpoint == Endpoint::Public) {
        // A visitor's page: its own scripts and styles only, never framed, and its link (the
        // code is the page's only key) never sent on to another site.
        res.set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        res.set("Referrer-Policy", "no-referrer");
        res.set("X-Content-Type-Options", "nosniff");
    }
    res.keep_alive(keep_alive);
    res.body() = r.body;
    res.prepare_payload();
    return res;
}

// A request the parser refused: answered, then the connection is closed.
static int status_for_parse_error(const boost::system::error_code& ec) {
    if (ec == http::error::body_limit) return 413;
    if (ec == http::error::header_limit) return 431;
    return 400;
}

// After refusing a request whose body is still arriving (too large), read and drop the rest
// for a moment before closing: closing with unread data resets the connection, and the client
// would lose the 413 it was about to read.
static awaitable<void> drain(Stream& stream) {
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
    std::vector<char> sink(16384);
    boost::system::error_code ec;
    for (size_t total = 0; !ec && total < 4 * kMaxBodyBytes;)
        total += co_await stream.async_read_some(asio::buffer(sink),
                                                 asio::redirect_error(use_awaitable, ec));
}

static bool closed_by_peer(const boost::system::error_code& ec) {
    return ec == http::error::end_of_stream || ec == beast::error::timeout ||
           ec == asio::error::eof || ec == asio::error::connection_reset ||
           ec == ssl::error::stream_truncated;
}

// One request after its header: refused from the header alone, or its body read (within the
// server's budget for bodies being read) and answered. *refused: close after answering.
static awaitable<Reply> read_and_answer(Stream& stream, beast::flat_buffer& buffer, Shared& sh,
                                        http::request_parser<http::empty_body>& head, Request in,
                                        bool* refused, double* waited, std::string* who) {
    unsigned long long length = head.content_length().value_or(0);
    *refused = true;
    if (head.chunked()) // a body of unknown size cannot be budgeted; terminals send a length
        co_return error_reply(411, "length_required", "send Content-Length");
    auto before = refuse_before_body(sh.core, reader(sh.where), in, length, now_utc());
    if (in.terminal) *who = in.terminal->name;
    if (before) co_return *before;
    if (!sh.limits->reserve_body(length))
        co_return error_reply(503, "server_busy", "too many requests being read; try again");
    struct Reserved { // the body's bytes count until its answer is made
        ConnectionLimits& l;
        unsigned long long n;
        ~Reserved() { l.release_body(n); }
    } reserved{*sh.limits, length};
    http::request_parser<http::string_body> parser(std::move(head));
    parser.body_limit(body_limit_of(in.target));
    boost::system::error_code ec;
    if (!parser.is_done()) {
        beast::get_lowest_layer(stream).expires_after(kBodyTimeout);
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    }
    if (ec) {
        int status = status_for_parse_error(ec);
        co_return error_reply(status, status == 413 ? "body_too_large" : "bad_request",
                              ec.message());
    }
    *refused = false;
    in.body = std::move(parser.get().body());
    beast::get_lowest_layer(stream).expires_never(); // a long-poll may take its time
    co_return co_await answer(sh, std::move(in), waited);
}

// A refused or failed request, for the administrator: status, error code, endpoint, terminal,
// address and the server's reason. The reason names ids and rules, never a person's data.
static void log_refusal(const Reply& reply, const std::string& method, const std::string& target,
                        const std::string& who, const std::string& peer) {
    if (reply.status < 400) return;
    nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, false);
    std::string code = body.is_object() ? body.value("error", "") : "";
    std::string why = body.is_object() ? body.value("message", "") : "";
    if (why.size() > 300) why = why.substr(0, 300) + "...";
    std::string path = target.substr(0, target.find('?'));   // a cursor is no one's business
    if (reply.endpoint == Endpoint::Public) path = "/p/..."; // a page's code is its only key
    if (reply.endpoint == Endpoint::Report) path = "/notices/report/..."; // nor its token
    if (path.size() > 100) path = path.substr(0, 100) + "...";
    std::string line = (reply.status >= 500 ? "failed " : "refused ") +
                       std::to_string(reply.status) + " " + code + " " + method + " " + path +
                       " terminal " + (who.empty() ? "-" : who) + " from " + peer + ": " + why;
    if (reply.status >= 500)
        log_error(line);
    else
        log_warning(line);
}

// The client's address from a trusted balancer's PROXY header, read byte-exact so the TLS that
// follows is untouched; "" when there is none (LOCAL: its health check). Throws on a bad or
// missing header, a timeout or a close.
static awaitable<std::string> proxied_address(Stream& stream, const std::string& balancer) {
    std::string head;
    ProxyHeader h = parse_proxy_header(head);
    while (h.status == ProxyHeader::NeedMore) {
        size_t have = head.size();
        head.resize(h.wanted);
        co_await asio::async_read(beast::get_lowest_layer(stream),
                                  asio::buffer(head.data() + have, h.wanted - have), use_awaitable);
        h = parse_proxy_header(head);
    }
    if (h.status == ProxyHeader::Invalid)
        throw std::runtime_error("PROXY header from " + balancer + ": " + h.error);
    co_return h.address;
}

static awaitable<void> session(Stream stream, Shared& sh, std::string peer,
                               std::shared_ptr<ssl::context> tls, bool via_proxy) {
    (void)tls;    // held so a reload does not free the context this connection began with
    struct Open { // the gauge and the address's count follow the connection however it ends
        Shared& sh;
        const std::string address; // as admitted: the balancer's, for a proxied connection
        std::string client;        // behind a balancer, once admitted
        Open(Shared& s, const std::string& p) : sh(s), address(p) {
            ++sh.core.metrics.open_connections;
        }
        ~Open() {
            --sh.core.metrics.open_connections;
            sh.limits->release(address);
            if (!client.empty()) sh.limits->release_behind_proxy(client);
        }
    } open(sh, peer);
    boost::system::error_code ec;
    beast::get_lowest_layer(stream).expires_after(kHandshakeTimeout);
    if (via_proxy) {
        std::string client;
        try {
            client = co_await proxied_address(stream, peer);
        } catch (const std::exception& e) {
            log_notice(e.what());
            co_return;
        }
        // The client's own share, as if it had come straight here.
        if (!client.empty()) {
            if (!sh.limits->admit_behind_proxy(client)) co_return;
            open.client = peer = client;
        }
    }
    co_await stream.async_handshake(ssl::stream_base::server,
                                    asio::redirect_error(use_awaitable, ec));
    if (ec) {
        ++sh.core.metrics.tls_failures;
        if (ec != beast::error::timeout && ec != asio::error::eof)
            log_notice("TLS handshake from " + peer + " failed: " + ec.message());
        co_return;
    }
    // Big enough for a whole header; more would only hold bytes an idle connection sent ahead.
    beast::flat_buffer buffer(2 * kMaxHeaderBytes);
    for (;;) {
        // The header first: the credential and the length decide whether a body is read.
        http::request_parser<http::empty_body> head;
        head.header_limit(std::uint32_t(kMaxHeaderBytes));
        head.body_limit(kMaxBodyBytes);
        beast::get_lowest_layer(stream).expires_after(kIdleTimeout);
        co_await http::async_read_header(stream, buffer, head,
                                         asio::redirect_error(use_awaitable, ec));
        if (closed_by_peer(ec)) break;
        auto started = std::chrono::steady_clock::now();
        struct InFlight {
            std::atomic<int>& n;
            explicit InFlight(std::atomic<int>& c) : n(c) { ++n; }
            ~InFlight() { --n; }
        } in_flight(sh.in_flight);
        Reply reply;
        bool keep_alive = false, refused = true;
        unsigned version = 11;
        double waited = 0;
        std::string method, target, who;
        if (ec) {
            int status = status_for_parse_error(ec);
            reply =
                error_reply(status, status == 413 ? "body_too_large" : "bad_request", ec.message());
        } else {
            auto& req = head.get();
            keep_alive = req.keep_alive();
            version = req.version();
            Request in;
            in.method = std::string(req.method_string());
            in.target = std::string(req.target());
            in.authorization = std::string(req[http::field::authorization]);
            in.content_type = std::string(req[http::field::content_type]);
            in.terminal_status = std::string(req[kTerminalStatusHeader]);
            in.peer = peer;
            method = in.method;
            target = in.target;
            reply = co_await read_and_answer(stream, buffer, sh, head, std::move(in), &refused,
                                             &waited, &who);
        }
        log_refusal(reply, method, target, who, peer);
        if (refused || sh.stopping) keep_alive = false;
        auto res = to_http(reply, version, keep_alive);
        beast::get_lowest_layer(stream).expires_after(kWriteTimeout);
        co_await http::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        record_request(sh.core.metrics, reply.endpoint, reply.status, seconds - waited);
        if (!ec && refused) co_await drain(stream);
        if (ec || !keep_alive) break;
    }
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
    co_await stream.async_shutdown(asio::redirect_error(use_awaitable, ec));
}

static awaitable<void> listener(tcp::acceptor& acceptor, Shared& sh) {
    for (;;) {
        boost::system::error_code ec;
        auto executor = asio::make_strand(acceptor.get_executor());
        tcp::socket socket(executor);
        co_await acceptor.async_accept(socket, asio::redirect_error(use_awaitable, ec));
        if (ec == asio::error::operation_aborted) co_return;
        if (ec) { // out of descriptors and the like: breathe, then accept again
            asio::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
            continue;
        }
        // Over its address's share or the server's: closed before TLS costs anything. A
        // balancer's connections are many clients': each is counted once its header names it.
        std::string peer = socket.remote_endpoint(ec).address().to_string();
        bool via_proxy =
            std::find(sh.proxy_from.begin(), sh.proxy_from.end(), peer) != sh.proxy_from.end();
        if (ec || !sh.limits->admit(peer, !via_proxy)) {
            socket.close(ec);
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        std::shared_ptr<ssl::context> tls = sh.tls.get();
        asio::co_spawn(
            executor, session(Stream(std::move(socket), *tls), sh, std::move(peer), tls, via_proxy),
            asio::detached);
    }
}

// Setup
// Each connection is a descriptor: the soft limit (often 1,024) goes up to the hard one
// (systemd's LimitNOFILE=, docs/sync.md). Returns the limit now in force.
static long raise_open_files_limit() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;
    if (lim.rlim_cur < lim.rlim_max) {
        rlimit raised = lim;
        raised.rlim_cur = lim.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
    }
    return lim.rlim_cur == RLIM_INFINITY ? 1L << 20 : long(lim.rlim_cur);
}

static ConnectionCaps caps_for(const ServerOptions& opt, long open_files) {
    ConnectionCaps caps = opt.caps;
    long fit = std::max(16L, open_files - kReservedDescriptors);
    if (caps.total <= 0 || caps.total > fit) caps.total = int(std::min(fit, long(INT32_MAX)));
    return caps;
}

static void setup_tls(ssl::context& ctx, const ServerOptions& opt) {
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                    ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    // TLS 1.2 with forward secrecy and AEAD only: the CBC suites (Lucky 13 and kin) are out.
    // TLS 1.3's suites are all AEAD and stay as OpenSSL has them.
    SSL_CTX_set_cipher_list(ctx.native_handle(), "ECDHE+AESGCM:ECDHE+CHACHA20");
    ctx.use_certificate_chain_file(opt.cert.string());
    ctx.use_private_key_file(opt.key.string(), ssl::context::pem);
}

// A context with the certificate chain and key of opt; throws when either cannot be used.
static std::shared_ptr<ssl::context> load_tls(const ServerOptions& opt) {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    setup_tls(*ctx, opt);
    return ctx;
}

// SIGHUP: the certificate and key read again (a renewed certificate). A file that cannot be
// used leaves the one in force and says so.
static void reload_tls(Shared& sh, const ServerOptions& opt) {
    try {
        sh.tls.set(load_tls(opt));
        log_notice("reloaded the certificate " + opt.cert.string() + " and key " +
                   opt.key.string() + " for new connections");
    } catch (const std::exception& e) {
        log_error("reload refused, the certificate in force stays: " + std::string(e.what()));
    }
}

// SIGTERM or SIGINT: no new connection, every long-poll answered now, the requests in flight
// answered (a push taken is committed and its answer sent), then stop; at most 20 s.
static awaitable<void> drain_and_stop(Shared& sh, tcp::acceptor& acceptor, asio::io_context& ioc) {
    sh.stopping = true;
    boost::system::error_code ec;
    acceptor.close(ec);
    sh.waiters.wake_all();
    asio::steady_timer tick(ioc);
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (sh.in_flight > 0 && std::chrono::steady_clock::now() < until) {
        tick.expires_after(std::chrono::milliseconds(20));
        co_await tick.async_wait(asio::redirect_error(use_awaitable, ec));
    }
    if (sh.in_flight > 0)
        log_warning(std::to_string(sh.in_flight.load()) + " requests still open at stop");
    ioc.stop();
}

// A new epoch (`reception-server new-epoch`) is answered from now on; the long-polls waiting
// under the old one are answered now, with "resync".
static void take_epoch(Shared& sh, const std::string& epoch) {
    if (!sh.core.epoch.set(epoch)) return;
    log_notice("the store's epoch is now " + epoch + ": terminals pull from the start");
    sh.waiters.wake_all();
}

// What terminals said of themselves goes to the store through the writer, for the
// administrator's `reception-server terminals`. The epoch is read again at the same time: on
// SQLite that is how a `new-epoch` run beside a serving server is seen (within the period).
static void flush_status(Shared& sh) {
    sh.writer->submit(
        [&sh](ServerStore& db) {
            sh.core.status.flush(db);
            take_epoch(sh, db.epoch());
            return Reply{};
        },
        [](Reply) {});
}

static awaitable<void> flush_status_every(Shared& sh, std::chrono::seconds period) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (;;) {
        timer.expires_after(period);
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
        if (ec) co_return;
        flush_status(sh);
    }
}

int run_server(const ServerOptions& opt) {
    long open_files = raise_open_files_limit();
    Shared sh;
    sh.where = opt.where;
    // Written as the socket reports an address, so the comparison is of like with like.
    for (const std::string& a : opt.proxy_from)
        sh.proxy_from.push_back(asio::ip::make_address(a).to_string());
    sh.limits = std::make_unique<ConnectionLimits>(caps_for(opt, open_files));
    {
        auto db = open_server_store(opt.where);
        sh.core.epoch.set(db->epoch());
        sh.core.status.load(*db);
    }
    try {
        sh.tls.set(load_tls(opt));
    } catch (const std::exception& e) {
        log_error("certificate or key: " + std::string(e.what()));
        return 2;
    }
    // Notices by SMS and e-mail: a thread of their own, so no push waits on a relay.
    std::unique_ptr<DeliveryWorker> notices;
    try {
        DeliveryConfig config;
        config.templates = assets_dir() / "notices";
        if (!opt.notices.empty()) config = read_delivery_config(opt.notices);
        sh.core.reports = config.sms.reports;
        notices = std::make_unique<DeliveryWorker>(
            opt.where, std::move(config),
            [&sh](const std::map<std::string, long long>& heads) { sh.waiters.wake(heads); });
    } catch (const StoreError& e) {
        log_error(std::string("notices: ") + e.what());
        return 2;
    }

    asio::io_context ioc(opt.threads);
    sh.writer = std::make_unique<Writer>(
        opt.where,
        [&ioc](std::chrono::microseconds delay, std::function<void()> task) {
            if (delay.count() <= 0) return asio::post(ioc, std::move(task));
            auto timer = std::make_shared<asio::steady_timer>(ioc, delay);
            timer->async_wait([timer, task = std::move(task)](auto) { task(); });
        },
        [&sh, &notices, seen = 0LL](const std::map<std::string, long long>& heads,
                                    const CommitFacts& facts) mutable {
            record_commit(sh.core.metrics, facts.writes, facts.waited, facts.took);
            for (const auto& [room, head] : heads)
                if (head > sh.core.metrics.feed_head) sh.core.metrics.feed_head = head;
            sh.waiters.wake(heads);
            // Commits run one at a time (the single writer), so `seen` needs no lock.
            if (long long q = deliveries_queued(); q != seen) {
                seen = q;
                notices->poke();
            }
        });

    // Pushes on other instances of the same PostgreSQL database wake long-polls here too.
    std::unique_ptr<FeedListener> feed_listener;
    if (opt.where.postgres())
        feed_listener = std::make_unique<FeedListener>(
            pg_conninfo(opt.where.db),
            [&sh](const std::string& room, long long head) {
                sh.waiters.wake({{room, head}});
            },
            [&sh] { sh.waiters.wake_all(); },
            [&sh](long long version) { sh.core.credentials_heard = version; },
            [&sh](const std::string& epoch) { take_epoch(sh, epoch); });

    tcp::acceptor acceptor(ioc);
    tcp::endpoint ep(asio::ip::make_address(opt.address), opt.port);
    acceptor.open(ep.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen(4096); // thousands of terminals reconnect at once after a network outage
    asio::co_spawn(ioc, listener(acceptor, sh), asio::detached);
    asio::co_spawn(ioc, flush_status_every(sh, std::chrono::seconds(10)), asio::detached);

    asio::signal_set stop(ioc, SIGINT, SIGTERM);
    stop.async_wait([&](auto, int signal) {
        log_notice(std::string("stopping (") + (signal == SIGINT ? "SIGINT" : "SIGTERM") +
                   "): answering the requests in flight");
        asio::co_spawn(ioc, drain_and_stop(sh, acceptor, ioc), asio::detached);
    });
    asio::signal_set hup(ioc, SIGHUP);
    std::function<void(const boost::system::error_code&, int)> on_hup =
        [&](const boost::system::error_code& ec, int) {
            if (ec) return;
            reload_tls(sh, opt);
            hup.async_wait(on_hup);
        };
    hup.async_wait(on_hup);
    if (!opt.pid_file.empty()) std::ofstream(opt.pid_file) << getpid() << "\n";
    const ConnectionCaps& caps = sh.limits->caps();
    std::printf("reception-server: listening on https://%s:%u (data %s; open files %ld, "
                "connections at most %d, %d per address, bodies %llu MiB)\n",
                opt.address.c_str(), unsigned(acceptor.local_endpoint().port()),
                opt.where.postgres() ? "PostgreSQL" : opt.where.data_dir.c_str(), open_files,
                caps.total, caps.per_address, caps.buffered_bytes >> 20);
    std::fflush(stdout);
    log_notice("started " + version_line("reception-server") + " on " + opt.address + ":" +
               std::to_string(acceptor.local_endpoint().port()) + ", data " +
               (opt.where.postgres() ? std::string("on PostgreSQL") : opt.where.data_dir.string()));

    std::vector<std::thread> threads;
    for (int i = 1; i < opt.threads; ++i) threads.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    notices->stop(); // after the attempt in hand, its outcome recorded
    flush_status(sh);
    sh.writer->finish(); // what was taken is committed; its answers go nowhere now
    if (!opt.pid_file.empty()) std::filesystem::remove(opt.pid_file);
    log_notice("stopped");
    return 0;
}

} // namespace reception
