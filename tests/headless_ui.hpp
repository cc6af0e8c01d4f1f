// Screens drawn with no window, as the kiosk's and the console's tests drive them: a Dear ImGui
// context of a screen's size with the app's fonts (their atlas built, as a renderer would), and
// a tap on whatever the screen drew under a label, as a finger or a mouse would.
#pragma once

#include "ui/fonts.hpp"
#include "ui/touch.hpp"

#include <functional>
#include <string>

namespace reception::test {

// Owns the ImGui context for its lifetime; the app's theme is the caller's to apply. The board
// has a font of its own (board_fonts); with large_text, the kiosk's second set of fonts too;
// console: the console's fonts instead (ui::load_console_fonts).
struct HeadlessScreen {
    HeadlessScreen(ui::Ui& ui, float width, float height, float scale, bool board_fonts = false,
                   bool large_text = false, bool console = false);
    ~HeadlessScreen();
    HeadlessScreen(const HeadlessScreen&) = delete;
    HeadlessScreen& operator=(const HeadlessScreen&) = delete;
};

// One frame at 60 Hz: draw_screen draws the app's screen between ImGui's new frame and render.
void draw_headless_frame(ui::Ui& ui, const std::function<void()>& draw_screen);

// Press and release on the middle of what ui drew under this label; draw_frame draws one frame
// of the screen. False when no such button or field is shown.
bool tap_label(const ui::Ui& ui, const std::string& label, const std::function<void()>& draw_frame);

// A finger put down at (x, y), moved up by dy pixels in steps, and lifted: what scrolls a long
// screen down (ui::Ui::drag_scroll), and taps nothing it started on.
void drag_up(float x, float y, float dy, const std::function<void()>& draw_frame);

} // namespace reception::test
