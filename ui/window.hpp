// One frame of a GLFW + OpenGL 3 window drawn by Dear ImGui, and the frame read back as a PNG
// (the --screenshot mode of the apps).
#pragma once

#include <functional>
#include <string>

struct GLFWwindow;

namespace reception::ui {

// Draws one frame on a white background. With png given, the frame is also written there,
// read from the back buffer before the swap (the front buffer is undefined after it on many
// drivers); *saved tells whether that worked.
void render_frame(GLFWwindow* window, const std::function<void()>& draw,
                  const std::string* png = nullptr, bool* saved = nullptr);
// The back buffer as an RGB PNG; false when it could not be written.
bool save_screenshot(GLFWwindow* window, const std::string& file);

} // namespace reception::ui
