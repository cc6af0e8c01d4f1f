#include "window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <vector>

// The kiosk's print previews define stb's writer in their own file; this copy stays private to
// this one, so both can be linked into one program.
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace reception::ui {

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
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    return window;
}

void close_window(GLFWwindow* window) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
}

void render_frame(GLFWwindow* window, const std::function<void()>& draw, const std::string* png,
                  bool* saved) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    draw();
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
