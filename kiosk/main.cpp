// reception-kiosk: the touchscreen kiosk of the reception room, or with --board the
// waiting-room board. Dear ImGui over GLFW and OpenGL 3.
#include "announce.hpp"
#include "assets.hpp"
#include "board.hpp"
#include "kiosk_model.hpp"
#include "schedule.hpp"
#include "screens/screens.hpp"
#include "service_exit.hpp"
#include "terminal_data.hpp"
#include "ticket_queue.hpp"
#include "ui/fonts.hpp"
#include "ui/window.hpp"

#include <CLI/CLI.hpp>
#include <GLFW/glfw3.h>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <tuple>

using namespace reception;
using namespace reception::kiosk;

namespace {

struct Args {
    std::string config_file, screenshot_dir;
    int width = 1920, height = 1080;
    bool report_startup = false; // bench/kiosk_idle reads the time to the first frame
};

// Start-up: data, store, demo content
void load_demo_if_empty(Store& store, const RegulationProfile& profile, const WorkCalendar& cal) {
    if (!list_officials(store).empty()) return;
    std::ifstream in(assets_dir() / "demo/schedule.json");
    store.transaction([&] {
        load_schedule(store, profile, cal, nlohmann::json::parse(in), now_utc());
        // A readable terminal id for the demo room's registration numbers (K1-2026-00001);
        // a real terminal gets its id from the administrator at enrolment.
        store.set_meta("terminal_id", "K1");
    });
}

// The service PIN pad over everything, when the staff gesture opened it.
void draw_pin_pad(ui::Ui& ui, ServiceExit& exit_, ui::Keyboard& kb) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), 0,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(ui.px(700), 0));
    ImGui::Begin("pin", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
    ui.centered_text("PIN: " + std::string(exit_.typed.size(), '*'), ui.fonts.large);
    kb.layout = ui::Layout::Digits;
    kb.draw(ui, exit_.typed, 12);
    if (ui.button("OK##pin", ImVec2(-1, ui.px(100))) && !exit_.check()) exit_.close_pad();
    ImGui::End();
}

// Screenshots: every screen in kk and ru, on a store of its own.
void screenshots(GLFWwindow* window, ui::Ui& ui, KioskModel& m, BoardState& board,
                 const Catalog& texts, Store& store, const std::string& dir) {
    ScreenState st;
    auto shot = [&](const std::string& name, const std::function<void()>& draw) {
        std::string file = dir + "/" + name + ".png";
        bool saved = false;
        // Three frames: ImGui lays out windows and tables on the first ones.
        for (int i = 0; i < 3; ++i)
            ui::render_frame(
                window,
                [&] {
                    ui.begin_frame();
                    draw();
                },
                i == 2 ? &file : nullptr, &saved);
        std::printf("%s %s\n", saved ? "wrote" : "FAILED", file.c_str());
    };
    Instant now = local_instant(local_date(now_utc()), 10 * 60 + 30);
    std::string official = list_officials(store).front().uuid;
    for (Lang lang : {Lang::kk, Lang::ru}) {
        std::string l = lang_code(lang);
        auto kiosk = [&] { draw_kiosk(m, ui, st, now); };
        auto at_screen = [&](const char* name, const std::function<void()>& setup) {
            m.reset();
            m.set_lang(lang);
            m.touched(now);
            st = ScreenState{};
            setup();
            shot(std::string(name) + "-" + l, kiosk);
        };
        at_screen("01-start", [] {});
        at_screen("02-service", [&] { m.start_ticket(); });
        at_screen("03-category", [&] {
            m.start_ticket();
            m.choose_service("same_day");
        });
        at_screen("04-ticket", [&] {
            m.start_ticket();
            m.choose_service("same_day");
            m.choose_category("wwii_veteran", now);
        });
        auto fill = [&] {
            m.start_signup();
            m.choose_official(official);
            m.form().essence = lang == Lang::kk ? "Ауылдағы жолды жөндеу туралы өтініш"
                                                : "Просьба отремонтировать дорогу в посёлке";
        };
        at_screen("05-signup-official", [&] { m.start_signup(); });
        at_screen("06-signup-essence", [&] { fill(); });
        at_screen("07-signup-applicant", [&] {
            fill();
            m.next_step();
            m.form().representative = true;
            m.form().bin = "940140000385";
            m.form().entity_name = "«Хромтау Құрылыс» ЖШС";
        });
        auto person = [&] {
            fill();
            m.next_step();
            m.next_step();
            m.form().surname = "Сәрсенбаева";
            m.form().name = "Әйгерім";
            m.form().patronymic = "Қайратқызы";
            m.form().phone = "+7 701 123 45 67";
        };
        at_screen("08-signup-person-error", [&] {
            person();
            m.form().iin = "871008401428";
            m.next_step(); // shows the checksum error next to the field
        });
        at_screen("09-signup-options", [&] {
            person();
            m.form().iin = "871008401427";
            m.next_step();
        });
        at_screen("10-signup-review", [&] {
            person();
            m.form().iin = "871008401427";
            m.next_step();
            m.next_step();
        });
        at_screen("11-signup-done", [&] {
            person();
            m.form().iin = "871008401427";
            m.next_step();
            m.next_step();
            m.submit(now);
        });
        at_screen("12-schedule", [&] { m.go(Screen::Schedule); });
        at_screen("13-countdown", [&] {
            m.start_ticket();
            m.touched(now - std::chrono::seconds(m.config().inactivity_seconds + 3));
        });
        at_screen("14-keyboard-kk-layout", [&] {
            person();
            st.focused_field = "surname";
            st.keyboard.layout = lang == Lang::kk ? ui::Layout::Kazakh : ui::Layout::Russian;
        });
    }
    // The board after a few calls.
    Date today = local_date(now);
    for (int i = 0; i < 4; ++i)
        issue_ticket(store, m.profile(),
                     {m.config().room, i % 2 ? "consultation" : "same_day", "", "kk", "demo"}, now);
    for (const char* desk : {"1", "2", "3"})
        call_next(store, m.config().room, today, {}, desk, "demo", now);
    board.refresh(store, m.config().room, now);
    call_next(store, m.config().room, today, {}, "2", "demo", now);
    board.refresh(store, m.config().room, now);
    shot("15-board", [&] { draw_board(texts, ui, board, now); });
}

} // namespace

int main(int argc, char** argv) {
    auto started = std::chrono::steady_clock::now();
    CLI::App app{"reception-kiosk: the reception room's touchscreen kiosk and waiting-room board"};
    KioskConfig cfg;
    Args args;
    std::string store_path;
    app.add_option("--config", args.config_file, "configuration file (key = value lines)");
    app.add_flag("--report-startup", args.report_startup,
                 "print the time from start to the first frame on the screen (for bench/)");
    app.add_option("--store", store_path, "store file (default: the XDG data folder)");
    app.add_option("--room", cfg.room, "room code");
    app.add_option("--kiosk-id", cfg.kiosk_id, "this kiosk's id");
    app.add_option("--printer", cfg.printer, "/dev/usb/lp0, host:9100 or file:PATH");
    app.add_option("--preview-dir", cfg.preview_dir, "write a PNG of every printout here");
    app.add_option("--lang", cfg.language, "start language: kk or ru")
        ->check(CLI::IsMember({"kk", "ru"}));
    app.add_option("--inactivity", cfg.inactivity_seconds, "seconds before the countdown")
        ->check(CLI::Range(10, 3600));
    app.add_flag("--windowed", cfg.windowed, "a window instead of full screen");
    app.add_option("--monitor", cfg.monitor, "monitor number for full screen");
    app.add_flag("--board", cfg.board, "the waiting-room board");
    app.add_flag("--restriction-mode", cfg.restriction_mode, "reg-14: receptions by video only");
    app.add_option("--size", args.width, "window width in --windowed mode");
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
            for (const auto& e : errors) std::cerr << e << "\n";
            if (!errors.empty()) return 2;
        }
    }
    CLI11_PARSE(app, argc, argv);
    if (!store_path.empty()) cfg.store = store_path;
    bool default_store = cfg.store.empty();
    if (default_store) cfg.store = default_store_path();

    std::unique_ptr<Store> store;
    TerminalData data;
    try {
        data = load_terminal_data(now_utc());
        store = open_terminal_store(cfg.store);
        if (default_store || !args.screenshot_dir.empty())
            load_demo_if_empty(*store, data.profile, data.cal);
    } catch (const std::exception& e) {
        std::cerr << "reception-kiosk: " << e.what() << "\n";
        return 2;
    }
    if (!args.screenshot_dir.empty()) {
        cfg.windowed = true;
        // What the printer would print goes beside the screens, in prints/.
        cfg.preview_dir = args.screenshot_dir + "/prints";
        std::filesystem::create_directories(cfg.preview_dir);
        cfg.printer = "file:" + cfg.preview_dir + "/printer.escpos";
    }

    // Window
    ui::WindowSpec spec{"reception-kiosk", args.width, args.width * 9 / 16,
                        cfg.windowed ? -1 : cfg.monitor};
    std::string error;
    GLFWwindow* window = ui::open_window(spec, &error);
    if (!window) {
        std::cerr << "reception-kiosk: " << error << "\n";
        return 2;
    }
    ui::Ui ui;
    ui.scale = float(spec.height) / 1080.0f;
    ui.fonts = ui::load_fonts(ui.scale, cfg.board || !args.screenshot_dir.empty());
    if (!ui.fonts.body) {
        std::cerr << "reception-kiosk: font not found: " << print::default_font() << "\n";
        ui::close_window(window);
        return 2;
    }
    ui::apply_theme(ui.scale);
    ImGuiIO& io = ImGui::GetIO();

    KioskModel model(*store, data.profile, data.cal, data.texts, cfg);
    BoardState board;
    // The board calls each new ticket aloud in the visitor's language; screenshots are silent.
    std::unique_ptr<Announcer> announcer;
    if (cfg.board && args.screenshot_dir.empty()) announcer = std::make_unique<Announcer>();
    board.on_new_call = [&](const Ticket& t) {
        if (announcer) announcer->say(announcement(data.texts, t));
    };
    int code = 0;
    if (!args.screenshot_dir.empty()) {
        screenshots(window, ui, model, board, data.texts, *store, args.screenshot_dir);
    } else {
        // The visitor cannot close the kiosk: only the staff gesture with the PIN can.
        glfwSetWindowCloseCallback(window,
                                   [](GLFWwindow* w) { glfwSetWindowShouldClose(w, GLFW_FALSE); });
        ScreenState st;
        ServiceExit exit_;
        exit_.pin = cfg.service_pin;
        ui::Keyboard pin_keys;
        long long data_version = -1;
        int frames_to_draw = 2;
        // A window uncovered or resized must be drawn again even when nothing else changed.
        static bool exposed = false;
        glfwSetWindowRefreshCallback(window, [](GLFWwindow*) { exposed = true; });
        std::tuple<long long, int, bool, int> last_shown{};
        while (!exit_.check()) {
            // Sleep until an event or the next second (clock, countdown, store changes): no
            // busy loop when nothing happens.
            glfwWaitEventsTimeout(1.0);
            Instant now = now_utc();
            bool input = io.MouseDown[0] || io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
            if (ImGui::IsMouseClicked(0)) {
                model.touched(now);
                exit_.tap(io.MousePos.x, io.MousePos.y, ui.px(120), now);
            }
            Stmt v = store->prepare("PRAGMA data_version");
            v.step();
            bool store_changed = v.integer(0) != data_version;
            data_version = v.integer(0);
            if (cfg.board && store_changed) board.refresh(*store, cfg.room, now);
            if (model.tick(now)) st = ScreenState{}; // wiped, back to the start
            // What changes on screen by itself: the clock's minute, the countdown's seconds,
            // the board's highlight of a new call, a print job's progress. Redraw only when one
            // of them moves, so an idle kiosk costs next to nothing.
            auto shown = std::make_tuple(now.time_since_epoch().count() / 60, model.countdown(now),
                                         now < board.highlight_until, model.refresh_print());
            bool timed_change = shown != last_shown;
            exposed = false;
            last_shown = shown;
            if (input || store_changed || exposed || exit_.pad_open)
                frames_to_draw = std::max(frames_to_draw, 3);
            else if (timed_change)
                frames_to_draw = std::max(frames_to_draw, 1);
            while (frames_to_draw-- > 0)
                ui::render_frame(window, [&] {
                    ui.begin_frame();
                    if (cfg.board)
                        draw_board(data.texts, ui, board, now);
                    else
                        draw_kiosk(model, ui, st, now);
                    if (exit_.pad_open) draw_pin_pad(ui, exit_, pin_keys);
                });
            frames_to_draw = 0;
            if (args.report_startup) {
                auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started);
                std::printf("first frame after %lld ms\n", (long long)ms.count());
                std::fflush(stdout);
                args.report_startup = false;
            }
        }
    }
    ui::close_window(window);
    return code;
}
