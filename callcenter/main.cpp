// reception-console: the console of the reception room's staff and call-centre operators:
// phone intake, status lookup, the desk that calls the queue, the reception record.
// Dear ImGui over GLFW and OpenGL 3, windowed, keyboard and mouse.
#include "console_model.hpp"
#include "demo.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/terminal_data.hpp"
#include "schedule/schedule.hpp"
#include "screens/screens.hpp"
#include "screenshot_tour.hpp"
#include "staff_cli.hpp"
#include "ui/fonts.hpp"
#include "ui/window.hpp"

#include <CLI/CLI.hpp>
#include <GLFW/glfw3.h>
#include <cstdio>
#include <imgui_internal.h>
#include <iostream>

using namespace reception;
using namespace reception::console;

// The screens read keys by GLFW's numbers (screens.hpp).
static_assert(keys::kEnter == GLFW_KEY_ENTER && keys::kTab == GLFW_KEY_TAB);
static_assert(keys::kEscape == GLFW_KEY_ESCAPE && keys::kKeypadEnter == GLFW_KEY_KP_ENTER);
static_assert(keys::kF1 == GLFW_KEY_F1 && keys::kF1 + 11 == GLFW_KEY_F12 && keys::k1 == GLFW_KEY_1);

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

int run_window(Args& args, Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
               const Catalog& texts) {
    ui::WindowSpec spec{"reception-console", args.width, args.height};
    std::string error;
    GLFWwindow* window = ui::open_window(spec, &error);
    if (!window) {
        std::cerr << "reception-console: " << error << "\n";
        return 2;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ui::Ui ui;
    // 0.6 of the kiosk's sizes: 20 px body text, 32 px headings, on a 900 px high window.
    ui.scale = 0.6f * float(args.height) / 900.0f;
    ui.fonts = ui::load_fonts(ui.scale);
    if (!ui.fonts.body) {
        std::cerr << "reception-console: font not found: " << ui::text_font_file() << "\n";
        ui::close_window(window);
        return 2;
    }
    console_theme(ui.scale);

    ConsoleModel model(store, profile, cal, texts, args.cfg);
    Lang lang = Lang::kk;
    parse_lang(args.lang, &lang);
    model.set_lang(lang);
    if (!args.screenshot_dir.empty()) {
        screenshot_tour(window, ui, model, store, profile, args.screenshot_dir);
    } else {
        ScreenState st;
        long long data_version = -1;
        while (!glfwWindowShouldClose(window)) {
            // Sleep until an event or the next second: the desk's waiting counts and the
            // board's calls change in the store without any input here.
            glfwWaitEventsTimeout(1.0);
            Stmt v = store.prepare("PRAGMA data_version");
            v.step();
            bool changed = v.integer(0) != data_version;
            data_version = v.integer(0);
            // Two frames after input: ImGui settles focus and layout on the second.
            int frames = changed || io.MouseDown[0] ? 2 : 1;
            Instant now = now_utc();
            for (int i = 0; i < frames + 1; ++i)
                ui::render_frame(window, [&] {
                    ui.begin_frame();
                    draw_console(model, ui, st, now);
                });
        }
        model.sign_out(now_utc());
    }
    ui::close_window(window);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"reception-console: phone intake, status lookup and the desk of the reception"};
    Args args;
    app.add_option("--store", args.store, "store file (default: the kiosk's, in the XDG folder)");
    app.add_option("--room", args.cfg.room, "room code whose queue the desks call");
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
        std::cerr << "reception-console: " << e.what() << "\n";
        return 2;
    }
    if (!args.screenshot_dir.empty()) std::filesystem::create_directories(args.screenshot_dir);
    return run_window(args, *store, data.profile, data.cal, data.texts);
}
