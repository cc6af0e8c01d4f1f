// reception-kiosk: the touchscreen kiosk of the reception room, or with --board the
// waiting-room board. Dear ImGui over GLFW and OpenGL 3.
#include "announce.hpp"
#include "base/assets.hpp"
#include "base/log.hpp"
#include "base/version.hpp"
#include "board.hpp"
#include "kiosk_loop.hpp"
#include "kiosk_model.hpp"
#include "regulation/terminal_data.hpp"
#include "schedule/schedule.hpp"
#include "screenshot_tour.hpp"
#include "store/sync_state.hpp"
#include "ui/window.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

using namespace reception;
using namespace reception::kiosk;

namespace {

struct Args {
    std::string config_file, screenshot_dir;
    ScreenSetup screen;
};

// Start-up: data, store, demo content
void load_demo_if_empty(Store& store, const RegulationProfile& profile, const WorkCalendar& cal) {
    // An enrolled kiosk gets the room's schedule from the server (docs/sync.md); demo officials
    // pushed from it would only be refused into its dead letters.
    if (!list_officials(store).empty() || store.meta(sync_key::token)) return;
    std::ifstream in(assets_dir() / "demo/schedule.json");
    store.transaction([&] {
        load_schedule(store, profile, cal, nlohmann::json::parse(in), now_utc());
        // A readable terminal id for the demo room's registration numbers (K1-2026-00001);
        // a real terminal gets its id from the administrator at enrolment.
        store.set_meta("terminal_id", "K1");
    });
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"reception-kiosk: the reception room's touchscreen kiosk and waiting-room board"};
    app.set_version_flag("--version", version_line("reception-kiosk"));
    std::string level = "info";
    app.add_option("--log-level", level, kLogLevelHelp);
    KioskConfig cfg;
    Args args;
    std::string store_path;
    app.add_option("--config", args.config_file, "configuration file (key = value lines)");
    app.add_flag("--report-startup", args.screen.report_startup,
                 "print the time from start to the first frame on the screen (for bench/)");
    app.add_option("--store", store_path, "store file (default: the XDG data folder)");
    app.add_option("--room", cfg.room, "room code");
    app.add_option("--kiosk-id", cfg.kiosk_id, "this kiosk's id");
    app.add_option("--printer", cfg.printer, "/dev/usb/lp0, host:9100 or file:PATH");
    app.add_option("--preview-dir", cfg.preview_dir, "write a PNG of every printout here");
    app.add_option("--public-url", cfg.public_url,
                   "the server's public pages (https://host:8443/p): a QR code on each ticket");
    app.add_option("--lang", cfg.language, "start language: kk or ru")
        ->check(CLI::IsMember({"kk", "ru"}));
    app.add_option("--inactivity", cfg.inactivity_seconds, "seconds before the countdown")
        ->check(CLI::Range(10, 3600));
    app.add_flag("--windowed", cfg.windowed, "a window instead of full screen");
    app.add_option("--monitor", cfg.monitor, "monitor number for full screen");
    app.add_flag("--board", cfg.board, "the waiting-room board");
    app.add_flag("--restriction-mode", cfg.restriction_mode, "reg-14: receptions by video only");
    app.add_option("--speech-key", cfg.speech_key,
                   "the key that turns speech mode on: F1-F12, KP_ENTER, ENTER, SPACE, KP_0-KP_9 "
                   "or none")
        ->check([](const std::string& v) {
            return speech_key_code(v) >= 0 ? std::string() : "unknown key: " + v;
        });
    app.add_option("--size", args.screen.width, "window width in --windowed mode");
    app.add_option("--height", args.screen.height,
                   "window height in --windowed mode (default: 9/16 of the width)");
    app.add_option("--trace-ui", args.screen.trace_file,
                   "write what each drawn frame shows (screen, buttons) to this JSON file (tests)");
    app.add_option("--screenshot", args.screenshot_dir,
                   "write every screen in kk and ru here, then exit");
    // The file first, then the flags over it: a flag given on the command line wins.
    {
        CLI::App pre;
        pre.allow_extras();
        pre.set_help_flag();
        pre.add_option("--config", args.config_file);
        try {
            pre.parse(argc, argv);
        } catch (const CLI::ParseError&) {
        }
        if (!args.config_file.empty()) {
            auto errors = read_config_file(args.config_file, cfg);
            for (const auto& e : errors) log_error(args.config_file + ": " + e);
            if (!errors.empty()) return 2;
        }
    }
    CLI11_PARSE(app, argc, argv);
    if (!apply_log_level(level)) return 2;
    if (!store_path.empty()) cfg.store = store_path;
    bool default_store = cfg.store.empty();
    if (default_store) cfg.store = default_store_path();
    // Configured (a file or a store named): never the demo officials, whatever the store holds.
    cfg.demo = (default_store && args.config_file.empty()) || !args.screenshot_dir.empty();

    std::unique_ptr<Store> store;
    TerminalData data;
    try {
        data = load_terminal_data(now_utc());
    } catch (const std::exception& e) {
        log_error(e.what());
        return 2;
    }
    auto open_store = [&] {
        auto s = open_terminal_store(cfg.store);
        // A tap waits at most 3 s for a lock another process holds (an agent's long pull, a
        // console's export); then the visitor sees "out of order", not a frozen screen, and
        // the kiosk comes back when the lock is gone (kiosk/out_of_order.hpp).
        s->set_busy_timeout(3000);
        if (cfg.demo) load_demo_if_empty(*s, data.profile, data.cal);
        return s;
    };
    try {
        store = open_store();
    } catch (const StoreError& e) {
        log_error("the store " + cfg.store.string() + " cannot be opened: " + e.what());
        // A store that cannot be opened (damaged, a full disk, a missing mount) is no reason
        // to leave a black screen in the hall: out of order until it opens.
        if (!args.screenshot_dir.empty()) {
            log_error(e.what());
            return 2;
        }
        store = wait_for_store(cfg, args.screen, data.texts, open_store, e);
        if (!store) return 0; // staff left
    }
    if (!args.screenshot_dir.empty()) {
        cfg.windowed = true;
        // What the printer would print goes beside the screens, in prints/.
        cfg.preview_dir = args.screenshot_dir + "/prints";
        std::filesystem::create_directories(cfg.preview_dir);
        cfg.printer = "file:" + cfg.preview_dir + "/printer.escpos";
        cfg.turn_texts = true; // the tour shows the turn text's screens too
        // and the QR codes of the phone pages on the tickets and receipts, unless configured
        if (cfg.public_url.empty()) cfg.public_url = "https://priem.example.kz/p";
    }

    KioskModel model(*store, data.profile, data.cal, data.texts, cfg);
    BoardState board;
    if (!args.screenshot_dir.empty()) {
        ui::Ui ui;
        std::string error;
        GLFWwindow* window = open_kiosk_window(cfg, args.screen, ui, true, &error);
        if (!window) {
            log_error(error);
            return 2;
        }
        screenshot_tour(window, ui, model, board, data.texts, *store, args.screenshot_dir);
        ui::close_window(window);
        return 0;
    }
    // One voice for the process (espeak-ng has one synthesiser): the board calls each new
    // ticket aloud in the visitor's language, the kiosk's speech mode says its screens. Made at
    // start, not when speech is first turned on: until then it is one thread asleep, and
    // espeak-ng itself starts with the first text, on that thread, never the screen's.
    Announcer announcer;
    board.on_new_call = [&](const Ticket& t) { announcer.say(announcement(data.texts, t)); };
    model.say = [&](const Announcement& a) { announcer.say(a); };
    model.hush = [&] { announcer.cancel(); };
    return run_on_screen(model, board, data.texts, *store, args.screen);
}