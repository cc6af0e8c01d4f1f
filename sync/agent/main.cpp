// reception-syncd: the sync agent as a program of its own, beside apps that do not run it.
//   reception-syncd enrol --store F --server https://127.0.0.1:8443 --ca ca.pem --code CODE
//   reception-syncd run --store F [--once] [--wait 20]
//   reception-syncd status --store F
//   reception-syncd repoint --store F [--server URL] [--ca ca.pem] [--pin P|none]
//   reception-syncd rotate --store F
#include "agent/agent.hpp"
#include "base/log.hpp"
#include "base/version.hpp"
#include "store/sync_state.hpp"

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

using namespace reception;

static volatile std::sig_atomic_t g_stop = 0;
static void on_signal(int) {
    g_stop = 1;
}

static int run_command(const std::filesystem::path& store_path, bool once, int wait) {
    if (once) {
        auto store = Store::open(store_path, OpenMode::Existing);
        ClientConfig cfg = client_config(*store);
        if (cfg.token.empty()) {
            log_error("the store " + store_path.string() + " is not enrolled");
            return 2;
        }
        HttpClient client(cfg);
        StepResult r = sync_until_idle(*store, client);
        if (!r.ok) {
            log_error(r.error);
            return 1;
        }
        std::printf("synced: %d ops and changes\n", r.count);
        return 0;
    }
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    AgentOptions opt;
    opt.store = store_path;
    opt.pull_wait_s = wait;
    SyncAgent agent(opt);
    log_notice("started " + version_line("reception-syncd") + " for " + store_path.string());
    agent.start();
    while (!g_stop) usleep(100 * 1000);
    agent.stop();
    log_notice("stopped");
    return 0;
}

static int status_command(const std::filesystem::path& store_path) {
    auto store = Store::open(store_path, OpenMode::Existing);
    SyncState s = read_sync_state(*store);
    std::printf("enrolled:     %s\n", s.enrolled ? "yes" : "no");
    std::printf("server:       %s\n", s.server.c_str());
    std::printf("terminal:     %s (%s, room %s)\n", s.terminal.c_str(), s.kind.c_str(),
                s.room.c_str());
    std::printf("last sync:    %s\n", s.last_sync ? format_instant(*s.last_sync).c_str() : "never");
    std::printf("pending:      %lld\n", s.pending);
    std::printf("dead letters: %lld\n", s.dead_letters);
    std::printf("superseded:   %lld%s\n", s.superseded,
                s.last_superseded.empty() ? "" : (" (last: " + s.last_superseded + ")").c_str());
    std::printf("token:        %s%s\n",
                s.token_rotated_at ? ("rotated " + format_instant(*s.token_rotated_at)).c_str()
                                   : "as enrolled",
                s.token_unconfirmed ? " (not yet confirmed by the server)" : "");
    std::printf("last error:   %s%s\n", s.last_error.empty() ? "-" : s.last_error.c_str(),
                s.last_error_kind.empty() ? "" : (" (" + s.last_error_kind + ")").c_str());
    return 0;
}

int main(int argc, char** argv) {
    CLI::App app{"reception-syncd: the sync agent of a terminal store"};
    app.set_version_flag("--version", version_line("reception-syncd"));
    app.require_subcommand(1);
    app.fallthrough(); // --data and --log-level also after the subcommand, as in the unit files
    std::filesystem::path store;
    app.add_option("--store", store, "the terminal's store file")->required();
    std::string level = "info";
    app.add_option("--log-level", level, kLogLevelHelp);

    std::string url, ca_file, pin, code;
    auto* enrol = app.add_subcommand("enrol", "exchange an enrolment code for a credential");
    enrol->add_option("--server", url, "https://host:port")->required();
    enrol->add_option("--ca", ca_file, "the CA certificate, PEM")
        ->required()
        ->check(CLI::ExistingFile);
    enrol->add_option("--pin", pin, "optional public-key pin: sha256//BASE64[;sha256//NEXT]");
    enrol->add_option("--code", code, "the one-time code from reception-server enrol")->required();

    std::string new_url, new_ca_file, new_pin;
    auto* repoint = app.add_subcommand(
        "repoint", "reach the server at a new address, CA or pin, keeping the credential");
    repoint->add_option("--server", new_url, "https://host:port (default: as stored)");
    repoint->add_option("--ca", new_ca_file, "the new CA certificate, PEM")
        ->check(CLI::ExistingFile);
    repoint->add_option("--pin", new_pin, "sha256//BASE64[;sha256//NEXT], or none");

    auto* rotate = app.add_subcommand(
        "rotate", "replace the terminal's token with a new one; the old one stops working");

    bool once = false;
    int wait = 20;
    auto* run = app.add_subcommand("run", "sync until SIGTERM (or once)");
    run->add_flag("--once", once, "push and pull everything once, then exit");
    run->add_option("--wait", wait, "long-poll seconds")->check(CLI::Range(0, 30));
    auto* status = app.add_subcommand("status", "print the sync state");
    CLI11_PARSE(app, argc, argv);
    if (!apply_log_level(level)) return 2;

    try {
        if (*enrol) {
            std::ifstream in(ca_file);
            std::stringstream ca;
            ca << in.rdbuf();
            auto s = Store::open(store, OpenMode::CreateIfMissing);
            std::string err = enrol_store(*s, url, ca.str(), pin, code);
            if (!err.empty()) {
                log_error("enrolment failed: " + err);
                return 1;
            }
            std::printf("enrolled as %s (%s, room %s)\n", s->terminal_id().c_str(),
                        s->meta(sync_key::kind).value_or("").c_str(),
                        s->meta(sync_key::room).value_or("").c_str());
            return 0;
        }
        if (*repoint) {
            std::string ca_pem;
            if (!new_ca_file.empty()) {
                std::ifstream in(new_ca_file);
                std::stringstream text;
                text << in.rdbuf();
                ca_pem = text.str();
            }
            auto s = Store::open(store, OpenMode::Existing);
            std::string err = repoint_store(*s, new_url, ca_pem, new_pin);
            if (!err.empty()) {
                log_error("repoint refused, nothing changed: " + err);
                return 1;
            }
            log_notice("repointed to " + client_config(*s).base_url);
            std::printf("now syncing with %s\n", client_config(*s).base_url.c_str());
            return 0;
        }
        if (*rotate) {
            auto s = Store::open(store, OpenMode::Existing);
            std::string err = rotate_store_token(*s);
            if (!err.empty()) {
                log_error("token rotation: " + err);
                return 1;
            }
            log_notice("token rotated: the old one is void");
            std::printf("token rotated for %s\n", s->terminal_id().c_str());
            return 0;
        }
        if (*run) return run_command(store, once, wait);
        if (*status) return status_command(store);
    } catch (const std::exception& e) {
        log_error(e.what());
        return 1;
    }
    return 0;
}
