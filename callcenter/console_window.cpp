#include "console_window.hpp"
#include "base/log.hpp"

#include "screens/screens.hpp"
#include "screenshot_tour.hpp"
#include "ui/fonts.hpp"
#include "ui/window.hpp"

#include <GLFW/glfw3.h>
#include <imgui_internal.h>
#include <iostream>

namespace reception::console {

// The screens read keys by GLFW's numbers (screens.hpp).
static_assert(keys::kEnter == GLFW_KEY_ENTER && keys::kTab == GLFW_KEY_TAB);
static_assert(keys::kEscape == GLFW_KEY_ESCAPE && keys::kKeypadEnter == GLFW_KEY_KP_ENTER);
static_assert(keys::kF1 == GLFW_KEY_F1 && keys::kF1 + 11 == GLFW_KEY_F12 && keys::k1 == GLFW_KEY_1);

// Sleep until an event or the next second: the desk's waiting counts and the board's calls
// change in the store without any input here.
static void run_loop(GLFWwindow* window, ui::Ui& ui, ConsoleModel& model, Store& store) {
    ImGuiIO& io = ImGui::GetIO();
    ScreenState st;
    long long data_version = -1;
    while (!glfwWindowShouldClose(window)) {
        glfwWaitEventsTimeout(1.0);
        long long v = store.data_version();
        bool changed = v != data_version;
        data_version = v;
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

int run_console_window(const ConsoleWindowSpec& spec, Store& store,
                       const RegulationProfile& profile, const WorkCalendar& cal,
                       const Catalog& texts, const ConsoleConfig& cfg) {
    std::string error;
    ui::WindowSpec window_spec{"reception-console", spec.width, spec.height};
    GLFWwindow* window = ui::open_window(window_spec, &error);
    if (!window) {
        log_error(error);
        return 2;
    }
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ui::Ui ui;
    // 0.6 of the kiosk's sizes: 20 px body text, 32 px headings, on a 900 px high window.
    if (!ui::load_console_fonts(ui, 0.6f * float(spec.height) / 900.0f)) {
        log_error("font not found: " + ui::text_font_file().string());
        ui::close_window(window);
        return 2;
    }
    console_theme(ui.scale);

    ConsoleModel model(store, profile, cal, texts, cfg);
    model.set_lang(spec.lang);
    if (!spec.screenshot_dir.empty())
        screenshot_tour(window, ui, model, store, profile, spec.screenshot_dir);
    else
        run_loop(window, ui, model, store);
    ui::close_window(window);
    return 0;
}

} // namespace reception::console
