// reception-server: the central HTTPS server, and the administrator's commands on its store.
//   reception-server serve [--data DIR] [--db postgresql://...|SERVICE] [--listen 127.0.0.1]
//   [--port 8443] [--cert F --key F] reception-server enrol --name K1 --room main --kind kiosk
//   (prints a one-time code) reception-server terminals                                 (who is
//   registered) reception-server revoke --name K1                          (a stolen or replaced
//   terminal) reception-server new-epoch                                 (after restoring a backup)
//   reception-server backup --to DIR [--keep 14]               (a consistent copy, online)
//   reception-server --db PG import-sqlite                     (DATA/server.db into PostgreSQL)
//   reception-server notify-test --email A | --sms +77...     (one test notice: notices.conf)
//   reception-server prune [--keep-days 45]                    (old idempotency records)
//   reception-server region --region R --rooms a,b          (what region R's readers read)
#include "base/log.hpp"
#include "base/version.hpp"
#include "queue/turn_text.hpp"
#include "server/auth.hpp"
#include "server/delivery_config.hpp"
#include "server/http_server.hpp"
#include "server/import_sqlite.hpp"
#include "server/retention.hpp"
#include "server/server_store.hpp"
#include "server/terminal_status.hpp"
#include "server/turn_texts.hpp"
#include "store/store_backup.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cstdio>
#include <iostream>
#include <thread>

using namespace reception;

// as_of: the time to count back from (tests); empty: now.
// feed_days 0: the feed is kept whole.
static int prune_command(const StoreLocation& data, int keep_days, int feed_days,
                         const std::string& as_of) {
    if (keep_days < kMinKeepDays) {
        std::cerr << "reception-server: --keep-days is at least " << kMinKeepDays
                  << ": an op is taken up to " << kMaxOpAge.count() / 86400
                  << " days after it was made, and its id must still be known then "
                     "(docs/scale.md)\n";
        return 2;
    }
    auto now = as_of.empty() ? std::optional<Instant>(now_utc()) : parse_instant(as_of);
    if (!now) {
        std::cerr << "reception-server: --as-of is a time, e.g. 2026-12-02T10:00:00Z\n";
        return 2;
    }
    auto db = open_server_store(data);
    Forgotten f = forget_idempotency(*db, keep_days, *now);
    std::printf("forgot %lld op ids and %lld batch ids older than %d days\n", f.ops, f.batches,
                keep_days);
    if (feed_days > 0)
        std::printf("removed %lld changes older than %d days from the feed\n",
                    prune_feed(*db, feed_days, *now), feed_days);
    std::printf("forgot %lld phone numbers left for turn texts before %s\n",
                forget_turn_texts(*db, *now), format_instant(turn_texts_kept_from(*now)).c_str());
    return 0;
}

static int enrol_command(const StoreLocation& data, const std::string& name,
                         const std::string& room, const std::string& kind) {
    Terminal t;
    t.name = name;
    t.room = room;
    if (!from_code(kind, &t.role)) {
        std::cerr << "reception-server: --kind is kiosk, console, board or reader\n";
        return 2;
    }
    auto db = open_server_store(data);
    std::string code = register_terminal(*db, t, now_utc());
    // The code on a line of its own, last: scripts take it with tail -n1.
    std::printf("terminal %s (%s, room %s) registered; enrolment code, valid 24 hours, once:\n%s\n",
                name.c_str(), kind.c_str(), room.c_str(), code.c_str());
    return 0;
}

// "3 d", "5 h", "12 min", "40 s": how long ago, for the administrator's eye.
static std::string age(Instant then, Instant now) {
    long long s = std::chrono::duration_cast<std::chrono::seconds>(now - then).count();
    if (s >= 86400) return std::to_string(s / 86400) + " d";
    if (s >= 3600) return std::to_string(s / 3600) + " h";
    if (s >= 60) return std::to_string(s / 60) + " min";
    return std::to_string(std::max(0LL, s)) + " s";
}

// When the terminal was last heard from and what it still holds (a running server writes
// this every 10 s): a kiosk that has not synced for days stands out.
static std::string seen_text(const TerminalReport* r, Instant now) {
    if (!r) return "never seen";
    auto count = [](long long n) { return n < 0 ? std::string("?") : std::to_string(n); };
    return "last seen " + format_instant(r->last_seen) + " (" + age(r->last_seen, now) +
           " ago), pending " + count(r->counts.pending) + ", dead letters " +
           count(r->counts.dead_letters);
}

static int terminals_command(const StoreLocation& data) {
    auto db = open_server_store(data);
    auto seen = read_terminal_status(*db);
    for (const TerminalRow& r : list_terminals(*db)) {
        const Terminal& t = r.terminal;
        std::string state = r.state == "enrolled"  ? "enrolled " + r.enrolled_at
                            : r.state == "revoked" ? "REVOKED"
                                                   : "waiting for its code";
        auto it = seen.find(t.name);
        std::string last = seen_text(it == seen.end() ? nullptr : &it->second, now_utc());
        std::printf("%-12s %-8s room %-12s series %-3s %s; %s\n", t.name.c_str(), to_code(t.role),
                    t.room.c_str(), t.series.empty() ? "-" : t.series.c_str(), state.c_str(),
                    last.c_str());
    }
    return 0;
}

static int backup_command(const StoreLocation& data, const std::filesystem::path& to, int keep) {
    auto db = open_server_store(data);
    if (!db->sqlite()) {
        std::cerr << "reception-server: backup copies the SQLite store; back up PostgreSQL with "
                     "its own tools (pg_basebackup, pg_dump: docs/scale.md)\n";
        return 2;
    }
    std::filesystem::path file = backup_into_folder(*db->sqlite(), to, "server", keep, now_utc());
    log_notice("backup written: " + file.string());
    std::printf("%s\n", file.c_str());
    return 0;
}

static int revoke_command(const StoreLocation& data, const std::string& name) {
    auto db = open_server_store(data);
    revoke_terminal(*db, name);
    std::printf("terminal %s revoked: its requests are refused (401) from now on, also by a "
                "running server. Register a replacement under a new name.\n",
                name.c_str());
    return 0;
}

// The administrator's check of notices.conf: one test message through the relay or the
// gateway, and what came of it (docs/install.md).
static int notify_test_command(const std::filesystem::path& conf, const std::string& email,
                               const std::string& phone, const std::string& lang) {
    DeliveryConfig c = read_delivery_config(conf);
    NoticeFacts facts;
    facts.lang = lang;
    facts.reg_number = "0000";
    NoticeMessage m = NoticeTemplates::load(c.templates).render("test", facts);
    SendOutcome out;
    if (!email.empty()) {
        if (!c.smtp.configured())
            out = {false, false, "not_configured: no smtp_url"};
        else
            out = send_email(c.smtp, email, m, "test-" + random_hex(8), c.retry.send_timeout);
    } else {
        if (!c.sms.configured())
            out = {false, false, "not_configured: no sms_url"};
        else
            out = send_sms(c.sms, phone, m.text, "notify-test", c.retry.send_timeout);
    }
    if (out.sent) {
        std::printf("sent: the %s took the test message\n", email.empty() ? "gateway" : "relay");
        return 0;
    }
    std::printf("not sent: %s%s\n", out.reason.c_str(), out.retry ? " (worth another try)" : "");
    return 1;
}

int main(int argc, char** argv) {
    CLI::App app{"reception-server: the central server of the reception room (HTTPS)"};
    app.set_version_flag("--version", version_line("reception-server"));
    app.require_subcommand(1);
    app.fallthrough(); // --data and --log-level also after the subcommand, as in the unit files
    StoreLocation data{default_server_data_dir(), ""};
    app.add_option("--data", data.data_dir, "data directory (created when missing)");
    app.add_option("--db", data.db,
                   "the store on PostgreSQL: postgresql://... or a libpq service name "
                   "(default: SQLite, DATA/server.db)");
    std::string level = "info";
    app.add_option("--log-level", level, kLogLevelHelp);

    ServerOptions opt;
    auto* serve = app.add_subcommand("serve", "serve HTTPS until SIGTERM");
    serve->add_option("--listen", opt.address, "address to listen on (loopback by default)");
    serve->add_option("--port", opt.port, "TCP port (0: any free one, printed)");
    serve->add_option("--cert", opt.cert, "certificate chain, PEM (default DATA/server.pem)");
    serve->add_option("--key", opt.key, "private key, PEM (default DATA/server.key)");
    auto* threads = serve->add_option(
        "--threads", opt.threads,
        "I/O threads (default 2; with --db PostgreSQL one per CPU core, at least 2)");
    threads->check(CLI::Range(1, 64));
    serve->add_option("--pid-file", opt.pid_file, "write the process id here");
    serve
        ->add_option("--max-connections-per-address", opt.caps.per_address,
                     "connections one source address may hold (default 64)")
        ->check(CLI::Range(1, 1 << 20));
    serve
        ->add_option("--max-connections", opt.caps.total,
                     "connections in all (default: the open-files limit less 64)")
        ->check(CLI::Range(1, 1 << 24));
    serve
        ->add_option("--proxy-from", opt.proxy_from,
                     "a load balancer (HAProxy send-proxy-v2) whose connections open with a PROXY "
                     "header naming the client: its address, once per balancer; anyone else's "
                     "header is refused")
        ->check([](const std::string& v) {
            boost::system::error_code ec;
            boost::asio::ip::make_address(v, ec);
            return ec ? std::string("an IP address") : std::string();
        });
    serve->add_option("--notices", opt.notices,
                      "the SMTP relay and SMS gateway of notices, key = value "
                      "(/etc/reception/notices.conf; without it SMS and e-mail notices fail as "
                      "not configured, and staff phone or write)");
    unsigned long long body_mib = opt.caps.buffered_bytes >> 20;
    serve
        ->add_option("--max-buffered-mib", body_mib,
                     "MiB of request bodies being read at once, all connections (default 64)")
        ->check(CLI::Range(1, 1 << 16));

    std::string name, room, kind;
    auto* enrol = app.add_subcommand("enrol", "register a terminal and print its one-time code");
    enrol->add_option("--name", name, "terminal name, e.g. K1")->required();
    enrol->add_option("--room", room, "room code, e.g. main")->required();
    enrol
        ->add_option("--kind", kind,
                     "kiosk, console, board, or reader (a region's, reg-34: --room is the "
                     "region)")
        ->required();
    std::string region, rooms;
    auto* region_cmd = app.add_subcommand("region", "set the rooms a region's readers read");
    region_cmd->add_option("--region", region, "region name, e.g. aktobe")->required();
    region_cmd->add_option("--rooms", rooms, "its rooms, comma-separated")->required();

    auto* terminals = app.add_subcommand("terminals", "list registered terminals");
    auto* revoke = app.add_subcommand("revoke", "shut a terminal out (stolen or replaced)");
    revoke->add_option("--name", name, "terminal name, e.g. K1")->required();
    auto* epoch = app.add_subcommand("new-epoch", "after restoring a backup: terminals resync");
    std::filesystem::path backup_to;
    int keep = 0;
    auto* backup = app.add_subcommand("backup", "write a consistent copy of the store, online");
    backup->add_option("--to", backup_to, "folder for server-YYYYMMDDTHHMMSSZ.db")->required();
    backup->add_option("--keep", keep, "keep only the newest N copies (0: all)")
        ->check(CLI::Range(0, 10000));
    auto* import = app.add_subcommand(
        "import-sqlite",
        "copy DATA/server.db into the empty PostgreSQL store of --db (docs/scale.md)");
    std::filesystem::path notices_conf = "/etc/reception/notices.conf";
    std::string test_email, test_phone, test_lang = "kk";
    auto* notify_test = app.add_subcommand(
        "notify-test", "send one test e-mail or SMS as the notices' configuration says");
    notify_test->add_option("--notices", notices_conf, "the notices' settings file");
    auto* by_mail = notify_test->add_option("--email", test_email, "send a test e-mail here");
    auto* by_sms = notify_test->add_option("--sms", test_phone, "send a test SMS here (+77...)");
    by_mail->excludes(by_sms);
    notify_test->add_option("--lang", test_lang, "kk or ru")->check(CLI::IsMember({"kk", "ru"}));
    int keep_days = kDefaultKeepDays;
    std::string as_of;
    auto* prune = app.add_subcommand(
        "prune", "forget op and batch ids older than the window (retention.hpp, docs/scale.md)");
    prune->add_option("--keep-days", keep_days, "the window, in days (at least 31)");
    int feed_days = 0;
    prune
        ->add_option("--feed-days", feed_days,
                     "also remove the feed's changes older than this (0: keep the feed); a "
                     "terminal behind them starts from a snapshot")
        ->check(CLI::Range(0, 100000));
    prune->add_option("--as-of", as_of, "count back from this time, not now (tests)")
        ->group(""); // hidden
    CLI11_PARSE(app, argc, argv);
    if (!apply_log_level(level)) return 2;

    try {
        if (*enrol) return enrol_command(data, name, room, kind);
        if (*terminals) return terminals_command(data);
        if (*revoke) return revoke_command(data, name);
        if (*backup) return backup_command(data, backup_to, keep);
        if (*notify_test) {
            if (test_email.empty() == test_phone.empty()) {
                std::cerr << "reception-server: notify-test needs --email or --sms\n";
                return 2;
            }
            return notify_test_command(notices_conf, test_email, test_phone, test_lang);
        }
        if (*region_cmd) {
            std::vector<std::string> list;
            for (size_t at = 0; at <= rooms.size();) {
                size_t comma = std::min(rooms.find(',', at), rooms.size());
                if (comma > at) list.push_back(rooms.substr(at, comma - at));
                at = comma + 1;
            }
            open_server_store(data)->set_region_rooms(region, list);
            std::printf("region %s: %zu rooms\n", region.c_str(), list.size());
            return 0;
        }
        if (*prune) return prune_command(data, keep_days, feed_days, as_of);
        if (*import) {
            if (!data.postgres()) {
                std::cerr << "reception-server: import-sqlite needs --db, the PostgreSQL store\n";
                return 2;
            }
            long long rows = import_sqlite_store(data.data_dir, data.db);
            std::printf("copied %lld rows of %s into PostgreSQL, the epoch with them: terminals "
                        "go on without resyncing\n",
                        rows, (data.data_dir / "server.db").c_str());
            return 0;
        }
        if (*epoch) {
            auto db = open_server_store(data);
            std::printf("new epoch %s\n", db->new_epoch().c_str());
            return 0;
        }
        opt.where = data;
        // Each reader's round trip to PostgreSQL holds its I/O thread, so a thread per core keeps
        // the cores busy while some wait. More than that was worse once a pull became one
        // prepared statement: on 2 cores with 2,000 terminals, 8 threads used 0.35 ms of CPU per
        // request against 0.22 with 2, push p99 113 against 82 ms (docs/performance.md): the
        // threads and their PostgreSQL backends queued for the same cores. A database on
        // another host, with longer round trips, may want more (--threads).
        if (data.postgres() && threads->count() == 0)
            opt.threads = std::max(2, int(std::thread::hardware_concurrency()));
        opt.caps.buffered_bytes = body_mib << 20;
        if (opt.cert.empty()) opt.cert = data.data_dir / "server.pem";
        if (opt.key.empty()) opt.key = data.data_dir / "server.key";
        return run_server(opt);
    } catch (const std::exception& e) {
        log_error(e.what());
        return 1;
    }
}
