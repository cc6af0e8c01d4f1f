// The kiosk's screens: each draws the model and sends intents to it. Nothing here decides a
// rule; that is kiosk_model.cpp and the core library.
#pragma once

#include "keyboard.hpp"
#include "kiosk_model.hpp"
#include "ui/touch.hpp"

#include <functional>

namespace reception::kiosk {

// What the screens keep between frames that is not the visitor's data.
struct ScreenState {
    ui::Keyboard keyboard;
    std::string focused_field;                      // which field the keyboard types into
    std::map<std::string, std::string> errors_seen; // new errors move the focus to the first
};

void draw_kiosk(KioskModel& m, ui::Ui& ui, ScreenState& st, Instant now);
// A strip along the top edge, in both languages: demo mode (KioskConfig). The screens start
// below it, so it covers nothing.
void demo_banner(const Catalog& texts, ui::Ui& ui);
float demo_banner_height(const Catalog& texts, ui::Ui& ui);

void draw_start(KioskModel& m, ui::Ui& ui, Instant now);
void draw_service(KioskModel& m, ui::Ui& ui, Instant now);
void draw_category(KioskModel& m, ui::Ui& ui, Instant now);
void draw_ticket(KioskModel& m, ui::Ui& ui);
void draw_ticket_text(KioskModel& m, ui::Ui& ui, ScreenState& st, Instant now);
void draw_signup_official(KioskModel& m, ui::Ui& ui, Instant now);
void draw_signup_essence(KioskModel& m, ui::Ui& ui, ScreenState& st);
void draw_signup_applicant(KioskModel& m, ui::Ui& ui, ScreenState& st);
void draw_signup_person(KioskModel& m, ui::Ui& ui, ScreenState& st);
void draw_signup_options(KioskModel& m, ui::Ui& ui, Instant now);
void draw_signup_review(KioskModel& m, ui::Ui& ui, Instant now);
void draw_signup_done(KioskModel& m, ui::Ui& ui);
void draw_schedule(KioskModel& m, ui::Ui& ui, Instant now);

// Shared pieces
// The header of a screen: Back on the left, the title, and Next (when next_label is not
// empty) on the right, where a finger finds them on every screen; the keyboard takes the
// bottom. Returns 1 for next, -1 for back, 0 for neither.
int header(KioskModel& m, ui::Ui& ui, const std::string& title, const std::string& next_label);
// Text fields edited with the on-screen keyboard: draws the fields given, then the keyboard
// for the focused one.
struct TextField {
    std::string key;   // field code: "surname", matches the model's error keys
    std::string label; // translated
    std::string* value;
    size_t max_chars;
    ui::Layout layout;
    int lines = 1; // more: a box where the text wraps (the essence)
};
// extra, when given, draws one more cell of the grid after the fields (a toggle).
void edit_fields(KioskModel& m, ui::Ui& ui, ScreenState& st, const std::vector<TextField>& fields,
                 int columns, const std::function<void(float width)>& extra = {});
// How many columns of fields fit: `wide` on a landscape screen, at most 2 on a narrow one.
int field_columns(ui::Ui& ui, int wide);
// The language switch, on every screen (with speech on: Repeat and the other language).
void language_buttons(KioskModel& m, ui::Ui& ui, float height);
float language_buttons_width(KioskModel& m, ui::Ui& ui);
// Done at the bottom centre of the ticket and the receipt; lower and less tall when what they
// show runs long (large text), so it covers none of it.
bool done_button(KioskModel& m, ui::Ui& ui);
// A button whose text wraps inside it rather than being cut (the long reg-12 category names);
// `id` keeps it apart from another with the same text.
bool wrapped_button(ui::Ui& ui, const std::string& text, const std::string& id, ImVec2 size,
                    bool selected);
// The height wrapped_button gives text in a button of this width, at least min_height.
float wrapped_height(ui::Ui& ui, const std::string& text, float width, float min_height);
// A row of two wrapped buttons (second "" when the row has one): the taller one's height, so
// the pair lines up.
float wrapped_row_height(ui::Ui& ui, const std::string& first, const std::string& second,
                         float width, float min_height);
// Whether a screen has a header of its own (with the language switch in it).
bool has_header(Screen s);

} // namespace reception::kiosk
