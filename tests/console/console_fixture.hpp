// One console on a fresh store with the demo officials, and its screens drawn headless (an
// ImGui context with no window): a test signs in, taps buttons by label, types and presses
// keys as staff would, and checks what the store and the screen say.
#pragma once

#include "headless_ui.hpp"
#include "test_support.hpp"

#include "console_model.hpp"
#include "screens/screens.hpp"

#include <memory>
#include <string>

namespace reception::console::test {

using namespace reception::test;

const Catalog& texts();

struct Console {
    TestStore s;
    std::unique_ptr<ConsoleModel> m;
    ui::Ui ui;
    HeadlessScreen screen{ui, 1600, 900, 0.6f, false, false, true};
    ScreenState st;
    Instant now = at(2026, 4, 14, 10, 0); // a Tuesday, in working hours

    explicit Console(ConsoleConfig cfg = {});
    ~Console();
    ConsoleModel& operator*() { return *m; }
    ConsoleModel* operator->() { return m.get(); }

    // A staff account with the password "password-<login>".
    void add_staff(const std::string& login, StaffRole role);
    // Types login and password on the sign-in screen and presses Enter.
    bool sign_in_as(const std::string& login, StaffRole role);

    void frame();
    // Press and release on the button or field with this label; false when none is shown.
    bool tap(const std::string& label);
    bool shown(const std::string& label) const;
    // A key down for one frame and up again (GLFW numbers, screens.hpp keys::).
    void press(int key, bool ctrl = false);
    // Text typed into the field that has the keyboard.
    void type(const std::string& text);
    // The number of rows a query counts.
    long long count(const std::string& sql);
};

} // namespace reception::console::test
