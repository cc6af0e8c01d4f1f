// The kiosk's screens: each draws the model and sends intents to it. Nothing here decides a
// rule; that is kiosk_model.cpp and the core library.
#pragma once

#include "kiosk_model.hpp"
#include "ui/keyboard.hpp"
#include "ui/touch.hpp"

namespace reception::kiosk {

// What the screens keep between frames that is not the visitor's data.
struct ScreenState {
    ui::Keyboard keyboard;
    std::string focused_field; // which field the keyboard types into
};

void draw_kiosk(KioskModel& m, ui::Ui& ui, ScreenState& st, Instant now);

void draw_start(KioskModel& m, ui::Ui& ui);
void draw_service(KioskModel& m, ui::Ui& ui);
void draw_category(KioskModel& m, ui::Ui& ui, Instant now);
void draw_ticket(KioskModel& m, ui::Ui& ui);
void draw_signup_official(KioskModel& m, ui::Ui& ui, Instant now);
void draw_signup_essence(KioskModel& m, ui::Ui& ui, ScreenState& st);
void draw_signup_applicant(KioskModel& m, ui::Ui& ui, ScreenState& st);
void draw_signup_person(KioskModel& m, ui::Ui& ui, ScreenState& st);
void draw_signup_options(KioskModel& m, ui::Ui& ui);
void draw_signup_review(KioskModel& m, ui::Ui& ui, Instant now);
void draw_signup_done(KioskModel& m, ui::Ui& ui);
void draw_schedule(KioskModel& m, ui::Ui& ui, Instant now);

// Shared pieces
// Back and Next along the bottom; returns 1 for next, -1 for back, 0 for none.
int nav_buttons(KioskModel& m, ui::Ui& ui, const std::string& next_label);
// The header line of a step: a large title.
void title(ui::Ui& ui, const std::string& text);
// Text fields edited with the on-screen keyboard: draws the fields given, then the keyboard
// for the focused one.
struct TextField {
    std::string key;   // field code: "surname", matches the model's error keys
    std::string label; // translated
    std::string* value;
    size_t max_chars;
    ui::Layout layout;
};
void edit_fields(KioskModel& m, ui::Ui& ui, ScreenState& st, const std::vector<TextField>& fields,
                 int columns);

} // namespace reception::kiosk
