#include "headless_ui.hpp"

#include <imgui.h>

namespace reception::test {

HeadlessScreen::HeadlessScreen(ui::Ui& ui, float width, float height, float scale, bool board_fonts,
                               bool large_text, bool console) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    if (console)
        ui::load_console_fonts(ui, scale);
    else
        ui::load_ui_fonts(ui, scale, board_fonts, large_text);
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
}

HeadlessScreen::~HeadlessScreen() {
    ImGui::DestroyContext();
}

// The time the next frame takes: 1/60 s, or a person's pause before a tap.
static float g_next_delta = 1.0f / 60.0f;

void draw_headless_frame(ui::Ui& ui, const std::function<void()>& draw_screen) {
    ImGui::GetIO().DeltaTime = g_next_delta;
    g_next_delta = 1.0f / 60.0f;
    ImGui::NewFrame();
    ui.begin_frame();
    draw_screen();
    ImGui::Render();
}

bool tap_label(const ui::Ui& ui, const std::string& label,
               const std::function<void()>& draw_frame) {
    draw_frame();
    const ui::Tappable* t = ui.find(label);
    if (!t) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((t->min.x + t->max.x) / 2, (t->min.y + t->max.y) / 2);
    // Hover first: ImGui takes a press only on what the mouse is over. Half a second passes,
    // as it does between a person's taps: a screen ignores taps just after it appeared.
    g_next_delta = 0.5f;
    draw_frame();
    io.MouseDown[0] = true;
    draw_frame();
    io.MouseDown[0] = false;
    draw_frame();
    return true;
}

void drag_up(float x, float y, float dy, const std::function<void()>& draw_frame) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    g_next_delta = 0.5f;
    draw_frame();
    io.MouseDown[0] = true;
    draw_frame();
    const int steps = 10;
    for (int i = 1; i <= steps; ++i) {
        io.MousePos = ImVec2(x, y - dy * float(i) / steps);
        draw_frame();
    }
    io.MouseDown[0] = false;
    draw_frame();
}

} // namespace reception::test
