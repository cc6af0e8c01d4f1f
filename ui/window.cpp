#include "window.hpp"

#include <GLFW/glfw3.h>
#include <X11/Xlib.h>
#include <atomic>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <cstdio>
#include <deque>
#include <imgui.h>
#include <imgui_internal.h>
#include <vector>

// The kiosk's print previews define stb's writer in their own file; this copy stays private to
// this one, so both can be linked into one program.
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

// From GLFW's native access (glfw3native.h, which would pull in Xrandr's headers for these two).
extern "C" Display* glfwGetX11Display(void);
extern "C" ::Window glfwGetX11Window(GLFWwindow* window);

namespace reception::ui {

// Events: a counter every GLFW callback bumps. They are installed before Dear ImGui's, which
// chains to them, so ImGui still sees every event.
static std::atomic<unsigned long> g_events{0};
static void bump() {
    g_events.fetch_add(1, std::memory_order_relaxed);
}

// Presses and releases in the order they came, each with where the pointer was. Dear ImGui 1.86
// has no input queue: it reads the button's state once a frame, so a press and a release (a
// tap) that came in one wake-up were one frame apart at best, and a tap followed quickly by a
// tap elsewhere was lost. Each frame takes one of these instead.
struct PointerEvent {
    bool down;
    ImVec2 pos;
};
static std::deque<PointerEvent> g_pointer;
// Where the pointer was as of the last motion event handled: glfwGetCursorPos asks the X server
// where it is now, which may already be the next tap's place.
static ImVec2 g_cursor;

static void on_mouse_button(GLFWwindow*, int button, int action, int) {
    bump();
    if (button != GLFW_MOUSE_BUTTON_LEFT || action == GLFW_REPEAT) return;
    g_pointer.push_back({action == GLFW_PRESS, g_cursor});
}

bool pointer_events_pending() {
    return !g_pointer.empty();
}

// After the backend's new frame, which read the button's state now: the oldest event instead.
static void take_pointer_event() {
    if (g_pointer.empty()) return;
    ImGuiIO& io = ImGui::GetIO();
    io.MouseDown[0] = g_pointer.front().down;
    io.MousePos = g_pointer.front().pos;
    g_pointer.pop_front();
}

// Keys pressed, oldest first; the few a loop asks for (take_key_press), the others dropped.
static std::deque<int> g_keys;

bool take_key_press(int key) {
    for (auto it = g_keys.begin(); it != g_keys.end(); ++it)
        if (*it == key) {
            g_keys.erase(it);
            return true;
        }
    return false;
}

static void count_events(GLFWwindow* w) {
    glfwSetMouseButtonCallback(w, on_mouse_button);
    glfwSetCursorPosCallback(w, [](GLFWwindow*, double x, double y) {
        g_cursor = ImVec2(float(x), float(y));
        bump();
    });
    glfwSetKeyCallback(w, [](GLFWwindow*, int key, int, int action, int) {
        if (action == GLFW_PRESS) g_keys.push_back(key);
        if (g_keys.size() > 16) g_keys.pop_front();
        bump();
    });
    glfwSetCharCallback(w, [](GLFWwindow*, unsigned) { bump(); });
    glfwSetScrollCallback(w, [](GLFWwindow*, double, double) { bump(); });
    glfwSetWindowFocusCallback(w, [](GLFWwindow*, int) { bump(); });
    glfwSetCursorEnterCallback(w, [](GLFWwindow*, int) { bump(); });
    glfwSetWindowRefreshCallback(w, [](GLFWwindow*) { bump(); });
    glfwSetFramebufferSizeCallback(w, [](GLFWwindow*, int, int) { bump(); });
}

bool wait_events(double timeout_seconds) {
    unsigned long before = g_events.load(std::memory_order_relaxed);
    glfwWaitEventsTimeout(timeout_seconds);
    return g_events.load(std::memory_order_relaxed) != before;
}

// X errors: Xlib's default handler ends the program on the first error, and a window destroyed
// by another client makes every later draw an error. Log them and go on; an error about our
// own window means it is gone.
static ::Window g_xwindow = 0;
static std::atomic<bool> g_lost{false};

static int on_x_error(Display* d, XErrorEvent* e) {
    char what[160] = "";
    XGetErrorText(d, e->error_code, what, sizeof what);
    std::fprintf(stderr, "<4>X error ignored: %s (request %d, resource 0x%lx)\n", what,
                 int(e->request_code), (unsigned long)e->resourceid);
    if (e->resourceid == g_xwindow) g_lost = true;
    return 0;
}

bool window_lost() {
    if (g_lost) return true;
    // A destroyed window makes no error until it is drawn into; ask the server directly.
    Display* d = glfwGetX11Display();
    if (!d || !g_xwindow) return false;
    ::Window root = 0, parent = 0, *children = nullptr;
    unsigned n = 0;
    if (!XQueryTree(d, g_xwindow, &root, &parent, &children, &n)) g_lost = true;
    if (children) XFree(children);
    return g_lost;
}

GLFWwindow* open_window(WindowSpec& spec, std::string* error) {
    if (!glfwInit()) {
        *error = "no display (GLFW could not start)";
        return nullptr;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWmonitor* monitor = nullptr;
    if (spec.monitor >= 0) {
        int count = 0;
        GLFWmonitor** monitors = glfwGetMonitors(&count);
        monitor = count > spec.monitor ? monitors[spec.monitor] : glfwGetPrimaryMonitor();
        if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
            spec.width = mode->width;
            spec.height = mode->height;
        }
    }
    GLFWwindow* window = glfwCreateWindow(spec.width, spec.height, spec.title, monitor, nullptr);
    if (!window) {
        *error = "cannot open a window with OpenGL 3";
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    g_xwindow = glfwGetX11Window(window);
    g_lost = false;
    g_pointer.clear();
    g_keys.clear();
    double x = 0, y = 0;
    glfwGetCursorPos(window, &x, &y);
    g_cursor = ImVec2(float(x), float(y));
    XSetErrorHandler(on_x_error);
    count_events(window);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    if (monitor) {
        // Full screen is a kiosk or a board: a touchscreen shows no arrow where the last finger
        // was. The backend would show it again each frame unless told not to change it.
        glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
        ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    }
    return window;
}

void close_window(GLFWwindow* window) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
}

static void new_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // A window destroyed under us has no size (GLFW reads garbage): draw nothing this frame,
    // the caller sees window_lost() and opens a new one.
    ImGuiIO& io = ImGui::GetIO();
    if (!(io.DisplaySize.x >= 0 && io.DisplaySize.y >= 0 && io.DisplaySize.x < 100000 &&
          io.DisplaySize.y < 100000)) {
        io.DisplaySize = ImVec2(0, 0);
        g_lost = true;
    }
    take_pointer_event();
    ImGui::NewFrame();
}

// A screen that throws (the store failed under it) leaves windows open on ImGui's stacks: close
// them and end the frame, so the next frame starts clean, then let the caller handle it.
static void draw_or_recover(const std::function<void()>& draw) {
    try {
        draw();
    } catch (...) {
        // Fonts first: ImGui 1.86's recovery closes windows but not the font stack, and closing
        // a window with a font still pushed inside it asserts.
        while (GImGui->FontStack.Size > 0) ImGui::PopFont();
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        ImGui::EndFrame();
        throw;
    }
}

void render_frame(GLFWwindow* window, const std::function<void()>& draw, const std::string* png,
                  bool* saved) {
    new_frame();
    draw_or_recover(draw);
    ImGui::Render();
    int w, h;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (png) {
        bool ok = save_screenshot(window, *png);
        if (saved) *saved = ok;
    }
    glfwSwapBuffers(window);
}

void logic_frame(const std::function<void()>& draw) {
    new_frame();
    draw_or_recover(draw);
    ImGui::EndFrame();
}

bool save_screenshot(GLFWwindow* window, const std::string& file) {
    int w, h;
    glfwGetFramebufferSize(window, &w, &h);
    std::vector<unsigned char> px(size_t(w) * size_t(h) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, px.data());
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(file.c_str(), w, h, 3, px.data(), w * 3) != 0;
}

} // namespace reception::ui
