#include "console_fixture.hpp"

#include "schedule/schedule.hpp"
#include "ui/fonts.hpp"

#include <fstream>
#include <imgui.h>
#include <nlohmann/json.hpp>
#include <utility>

namespace reception::console::test {

const Catalog& texts() {
    static Catalog c = Catalog::load_dir(assets() / "i18n");
    return c;
}

Console::Console(ConsoleConfig cfg) {
    std::ifstream in(assets() / "demo/schedule.json");
    load_schedule(*s, profile(), calendar(), nlohmann::json::parse(in), now);
    m = std::make_unique<ConsoleModel>(*s, profile(), calendar(), texts(), std::move(cfg));
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // As the GLFW backend maps them: the screens and ImGui read the same (GLFW) key numbers.
    const std::pair<ImGuiKey, int> map[] = {
        {ImGuiKey_Tab, keys::kTab},
        {ImGuiKey_LeftArrow, 263},
        {ImGuiKey_RightArrow, 262},
        {ImGuiKey_UpArrow, 265},
        {ImGuiKey_DownArrow, 264},
        {ImGuiKey_PageUp, 266},
        {ImGuiKey_PageDown, 267},
        {ImGuiKey_Home, 268},
        {ImGuiKey_End, 269},
        {ImGuiKey_Insert, 260},
        {ImGuiKey_Delete, 261},
        {ImGuiKey_Backspace, 259},
        {ImGuiKey_Space, 32},
        {ImGuiKey_Enter, keys::kEnter},
        {ImGuiKey_Escape, keys::kEscape},
        {ImGuiKey_KeyPadEnter, keys::kKeypadEnter},
        {ImGuiKey_A, 65},
        {ImGuiKey_C, 67},
        {ImGuiKey_V, 86},
        {ImGuiKey_X, 88},
        {ImGuiKey_Y, 89},
        {ImGuiKey_Z, 90},
    };
    for (auto [k, v] : map) io.KeyMap[k] = v;
    console_theme(ui.scale);
    frame();
}

Console::~Console() = default;

void Console::add_staff(const std::string& login, StaffRole role) {
    create_staff(*s, {login, "Тестова Сәуле", "", "password-" + login, role}, "test", now);
}

bool Console::sign_in_as(const std::string& login, StaffRole role) {
    add_staff(login, role);
    frame(); // the cursor is in the login field
    type(login);
    press(keys::kTab);
    type("password-" + login);
    press(keys::kEnter);
    frame();
    return m->user().has_value();
}

void Console::frame() {
    draw_headless_frame(ui, [this] { draw_console(*m, ui, st, now); });
}

bool Console::tap(const std::string& label) {
    return tap_label(ui, label, [this] { frame(); });
}

bool Console::shown(const std::string& label) const {
    return ui.find(label) != nullptr;
}

void Console::press(int key, bool ctrl) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    frame();
}

void Console::type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame();
}

long long Console::count(const std::string& sql) {
    Stmt st = s->prepare(sql.c_str());
    st.step();
    return st.integer(0);
}

} // namespace reception::console::test
