// The console's screens: each draws its model and sends intents to it; nothing here decides a
// rule. Keyboard first: Tab walks the fields, Enter saves, function keys do the rest, and every
// shortcut is written on its button.
#pragma once

#include "console_model.hpp"
#include "ui/touch.hpp"

#include <imgui.h>
#include <string>

namespace reception::console {

// Key codes as the GLFW backend of Dear ImGui 1.86 puts them in io.KeysDown (GLFW's own
// numbers; main.cpp checks they match). Tests press them the same way.
namespace keys {
constexpr int kEscape = 256, kEnter = 257, kTab = 258, kKeypadEnter = 335;
constexpr int kF1 = 290; // F1..F12 follow
constexpr int k1 = 49;   // the digit keys 1..9 follow
} // namespace keys

// What the screens keep between frames that is not the model's data.
struct ScreenState {
    Screen shown = Screen::SignIn;
    bool focus_first_field = true; // a new screen puts the cursor in its first field
    bool focus_after_save = false; // after Enter, the cursor goes back to the first field
    bool focus_released = false;   // the field being edited was let go for the request above
};

// The kiosk's theme with framed fields: a console is used with a mouse and a keyboard, and an
// empty field must be seen as one.
void console_theme(float scale);
void draw_console(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_sign_in(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_intake(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_lookup(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_desk(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_record(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_worklist(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_case(ConsoleModel& m, ui::Ui& ui, Instant now); // the work list's chosen one
void draw_month_schedule(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_surveys(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_reports(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now);

// Shared pieces (widgets.cpp)
bool key_pressed(int key);  // pressed this frame, no modifier
bool ctrl_pressed(int key); // with Ctrl
// A labelled one-line field; returns true when Enter was pressed in it. The label turns red
// and the message shows under the field when errors has one for this field.
bool text_field(ConsoleModel& m, ui::Ui& ui, const char* field, const std::string& label,
                std::string* value, const FieldErrors& errors, float width, int flags = 0);
// A labelled multi-line field (Enter saves, Ctrl+Enter starts a new line).
bool text_area(ConsoleModel& m, ui::Ui& ui, const char* field, const std::string& label,
               std::string* value, const FieldErrors& errors, ImVec2 size);
// A checkbox with its shortcut in the label; Ctrl+digit toggles it.
void check_box(ui::Ui& ui, const std::string& label, int digit, bool* value);
// A button that shows its key ("Call next  F5") and reacts to the key too.
bool key_button(ui::Ui& ui, const std::string& label, int key, ImVec2 size, bool enabled = true,
                bool primary = true);
// The name of a function key: "F5".
std::string key_name(int key);
// The label above a field, red when the field is wrong.
void field_label(const std::string& label, bool wrong);
void error_line(ConsoleModel& m, ui::Ui& ui, const FieldErrors& errors, const char* field);
void heading(ui::Ui& ui, const std::string& text);
// kk / ru buttons; the interface language is the operator's, not the caller's.
void language_switch(ConsoleModel& m, ui::Ui& ui, float height);
// The language of the reception (reg-21), kk or ru; Ctrl+1 and Ctrl+2 choose.
// reg-4: the channel an application came by, a list of the codes offered (empty: the first).
void channel_choice(ConsoleModel& m, ui::Ui& ui, std::string* channel,
                    const std::vector<std::string>& offered, float width);
void language_choice(ConsoleModel& m, ui::Ui& ui, std::string* language);
// The text of a service of the profile in the interface language.
std::string service_name(ConsoleModel& m, const std::string& code);

} // namespace reception::console
