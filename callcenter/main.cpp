// reception-console: the console of the reception room's staff and call-centre operators:
// phone intake, status lookup, the desk that calls the queue, the reception record.
// Dear ImGui over GLFW and OpenGL 3, windowed, keyboard and mouse (console_window.cpp); this
// file is the start-up: options, the store, the demo data, staff accounts from the command line.
#include "base/log.hpp"
#include "base/version.hpp"
#include "console_window.hpp"
#include "demo.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/terminal_data.hpp"
#include "schedule/schedule.hpp"
#include "staff_cli.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

using namespace reception;
using namespace reception::console;

namespace {

struct Args {
    std::string store, screenshot_dir, lang = "kk";
    ConsoleConfig cfg;
    int width = 1600, height = 900;
    bool demo = false;
};

void print_demo_accounts(const std::vector<DemoAccount>& made) {
    if (made.empty()) return;
    std::printf("reception-console: demo accounts created (login, password, role):\n");
    for (const auto& a : made)
        std::printf("  %-12s %-12s %s\n", a.login.c_str(), a.password.c_str(), to_code(a.role));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"reception-console: phone intake, status lookup and the desk of the reception"};
    app.set_version_flag("--version", version_line("reception-console"));
    std::string level = "info";
    app.add_option("--log-level", level, kLogLevelHelp);
    Args args;
    app.add_option("--store", args.store, "store file (default: the kiosk's, in the XDG folder)");
    app.add_option("--room", args.cfg.room, "room code whose queue the desks call");
    app.add_option("--public-url", args.cfg.public_url,
                   "the server's public pages (https://host:8443/p): read to a phone applicant "
                   "with the check code")
        ->check([](const std::string& v) {
            return v.rfind("https://", 0) == 0 ? "" : "an https:// address";
        });
    app.add_option("--lang", args.lang, "interface language: kk or ru")
        ->check(CLI::IsMember({"kk", "ru", "en"}));
    app.add_option("--width", args.width, "window width")->check(CLI::Range(800, 3840));
    app.add_option("--height", args.height, "window height")->check(CLI::Range(600, 2160));
    app.add_flag(
        "--demo", args.demo,
        "demo accounts (password demo-<login>) and the demo schedule on a store without them; "
        "implied for a store named demo.db");
    app.add_option("--screenshot", args.screenshot_dir,
                   "write every screen in kk and ru here as PNG, then exit");
    StaffCli add;
    app.add_option("--add-staff", add.login,
                   "create this staff account (password read from standard input), then exit");
    app.add_option("--full-name", add.full_name, "with --add-staff: the person's full name");
    app.add_option("--position", add.position, "with --add-staff: the position");
    app.add_option("--role", add.role,
                   "with --add-staff: operator, desk_clerk, responsible or admin");
    CLI11_PARSE(app, argc, argv);
    if (!apply_log_level(level)) return 2;
    bool default_store = args.store.empty();
    std::filesystem::path store_path =
        default_store ? default_store_path() : std::filesystem::path(args.store);
    bool demo = args.demo || is_demo_store(store_path) || !args.screenshot_dir.empty();

    std::unique_ptr<Store> store;
    TerminalData data;
    try {
        data = load_terminal_data(now_utc());
        store = open_terminal_store(store_path);
        if (!add.login.empty()) {
            const char* user = std::getenv("USER");
            return add_staff_from_cli(*store, add, std::cin, std::cout,
                                      std::string("cli-") + (user && *user ? user : "root"),
                                      now_utc());
        }
        if (demo) {
            load_demo_schedule_if_empty(*store, data.profile, data.cal, now_utc());
            if (args.screenshot_dir.empty())
                print_demo_accounts(create_demo_accounts(*store, now_utc()));
        }
        if (args.screenshot_dir.empty() && !has_staff(*store))
            std::cerr << "reception-console: the store has no staff accounts yet; make the first "
                         "with\n  reception-console --store "
                      << store_path.string()
                      << " --add-staff LOGIN --full-name \"FULL NAME\" --role admin\n"
                         "(the password is read from standard input), or on a test store start "
                         "with --demo\n";
    } catch (const std::exception& e) {
        log_error(e.what());
        return 2;
    }
    if (!args.screenshot_dir.empty()) std::filesystem::create_directories(args.screenshot_dir);
    ConsoleWindowSpec spec{args.width, args.height, Lang::kk, args.screenshot_dir};
    parse_lang(args.lang, &spec.lang);
    return run_console_window(spec, *store, data.profile, data.cal, data.texts, args.cfg);
}
