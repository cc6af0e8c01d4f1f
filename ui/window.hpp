// The apps' window: GLFW + OpenGL 3 with Dear ImGui over it, one frame drawn, and the frame read
// back as a PNG (the --screenshot mode of the apps).
#pragma once

#include <functional>
#include <string>

struct GLFWwindow;

namespace reception::ui {

// What window to open. monitor < 0: a window of width x height; otherwise full screen on that
// monitor (the primary one when there is no such monitor), at the monitor's own size.
struct WindowSpec {
    const char* title = "";
    int width = 1280, height = 720;
    int monitor = -1;
};

// Opens the window, makes its OpenGL 3 context current and starts Dear ImGui over it (no .ini
// file: nothing of a session is kept on disk). Fonts may be loaded afterwards, before the first
// frame. The size it got is written back into spec. On failure: nullptr, and *error says why
// in words for the administrator's terminal.
GLFWwindow* open_window(WindowSpec& spec, std::string* error);
void close_window(GLFWwindow* window);

// Sleeps until an event or the timeout; true when anything a screen must answer came in the
// meantime: a press, a release, a move, a key, a character, a scroll, focus, the window exposed
// or resized. The apps draw only then (and on their own timers), so an idle kiosk costs nothing,
// and every tap is answered in the same wake-up. Dear ImGui reads the input into its io only in
// its next frame, so io cannot tell the loop whether to draw.
bool wait_events(double timeout_seconds);
// Presses or releases not yet given to a frame: each frame takes one, in order, so the caller
// draws frames until none is left.
bool pointer_events_pending();

// Whether key (a GLFW key code) was pressed since the last call for it. A key pressed and let go
// within one wake-up never shows as down in Dear ImGui 1.86's io (as with taps), and a
// housing's button wired as a key may send both at once.
bool take_key_press(int key);

// True once the X server or another X client destroyed the window (xdotool windowclose, a
// window manager gone wrong): X errors about it are logged and ignored instead of ending the
// program, and the caller opens a new window.
bool window_lost();

// Draws one frame on a white background. With png given, the frame is also written there,
// read from the back buffer before the swap (the front buffer is undefined after it on many
// drivers); *saved tells whether that worked.
void render_frame(GLFWwindow* window, const std::function<void()>& draw,
                  const std::string* png = nullptr, bool* saved = nullptr);
// One frame of Dear ImGui's logic (input, widgets, the intents they send) that is not shown:
// a tap takes ImGui two frames (press, release) before the screen it leads to can be drawn,
// and under a software renderer only the last of them is worth its cost.
void logic_frame(const std::function<void()>& draw);
// The back buffer as an RGB PNG; false when it could not be written.
bool save_screenshot(GLFWwindow* window, const std::string& file);

} // namespace reception::ui
