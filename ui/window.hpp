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

// Draws one frame on a white background. With png given, the frame is also written there,
// read from the back buffer before the swap (the front buffer is undefined after it on many
// drivers); *saved tells whether that worked.
void render_frame(GLFWwindow* window, const std::function<void()>& draw,
                  const std::string* png = nullptr, bool* saved = nullptr);
// The back buffer as an RGB PNG; false when it could not be written.
bool save_screenshot(GLFWwindow* window, const std::string& file);

} // namespace reception::ui
