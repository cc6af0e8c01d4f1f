// Touch widgets for the kiosk (the console uses them with a mouse): large buttons that react to a
// tap (press and release on the same button, no hover needed), drag-to-scroll lists, and a record
// of every tappable thing drawn this frame, so headless tests can tap a button by its label.
#pragma once

#include "fonts.hpp"

#include <imgui.h>
#include <string>
#include <vector>

namespace reception::ui {

struct Tappable {
    std::string label; // the visible text, without any "##id" suffix
    ImVec2 min, max;
    bool field = false, filled = false; // a text field, and whether anything is typed in it
    bool hidden = false; // scrolled out of its list's view: drawn nowhere, cannot be tapped
};

// Large text, for low-vision visitors: every font and size this many times larger.
constexpr float kLargeText = 1.35f;

struct Ui {
    Fonts fonts;        // the set in use
    float scale = 1.0f; // 1.0 on a 1080p screen; kLargeText times that with large text
    // Large text: a second set of fonts, loaded into the atlas with the first (Dear ImGui 1.86
    // cannot change a font's size once the atlas is built); empty where no screen offers it.
    Fonts normal_fonts, large_fonts;
    float normal_scale = 1.0f;
    // A field's label longer than the field wraps under itself (the kiosk's 38 px text, set by
    // load_ui_fonts); the console's labels (load_console_fonts) run on, as its layouts expect.
    bool wrap_field_labels = false;
    // At a frame's start, before any window: the fonts, sizes (px) and the theme's spacing of
    // the set chosen. Returns true when it changed.
    bool use_large_text(bool on);
    std::vector<Tappable> tappables;
    // Debounce: a press before this time (ImGui::GetTime) taps nothing. Set when the screen
    // changes, so the second tap of a double tap never hits what appeared under the finger.
    double armed_at = 0;
    void disarm_for(double seconds) { armed_at = ImGui::GetTime() + seconds; }

    double last_press = -1; // when the finger last came down (ImGui::GetTime)
    void begin_frame() {
        tappables.clear();
        if (ImGui::IsMouseClicked(0)) last_press = ImGui::GetTime();
    }
    float px(float v) const { return v * scale; }
    // A button at least 20 mm high (~110 px on a 21.5" 1080p screen).
    bool button(const std::string& label, ImVec2 size, bool selected = false, bool primary = true);
    // A framed field showing text (red when wrong); a tap selects it for the keyboard.
    bool field(const std::string& label, const std::string& value, bool focused, bool wrong,
               float width);
    // A framed box of `lines` lines for a long text (the essence of an application): the text
    // wraps and the end being typed stays in view; a finger drags it to reread the start.
    bool text_box(const std::string& label, const std::string& value, bool focused, bool wrong,
                  float width, int lines);
    // Inside a scrolling child window: dragging with a finger scrolls it.
    void drag_scroll();
    // Text wrapped to the window's width.
    void text(const std::string& s, ImFont* font = nullptr, ImU32 color = 0);
    void centered_text(const std::string& s, ImFont* font = nullptr, ImU32 color = 0);
    // Records what was drawn, cut to the part its window shows (a list scrolled under a finger
    // shows part of it); always pushed, so a screen may rename tappables.back().
    void record(Tappable t);
    // The tappable recorded with this label (nullptr when not drawn this frame).
    const Tappable* find(const std::string& label) const;
};

// Colours: black on white, deep blue buttons with white text, green for "chosen", dark red
// errors: readable for weak eyes and on a screen in daylight.
namespace colors {
constexpr ImU32 kText = IM_COL32(0, 0, 0, 255);
constexpr ImU32 kMuted = IM_COL32(60, 60, 60, 255);
constexpr ImU32 kError = IM_COL32(170, 0, 0, 255);
constexpr ImU32 kErrorBg = IM_COL32(255, 228, 228, 255);
constexpr ImU32 kButton = IM_COL32(11, 79, 156, 255);
constexpr ImU32 kButtonPressed = IM_COL32(6, 46, 92, 255);
constexpr ImU32 kSecondary = IM_COL32(225, 232, 240, 255);
constexpr ImU32 kChosen = IM_COL32(0, 120, 60, 255);
constexpr ImU32 kBackground = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kHighlight = IM_COL32(255, 214, 0, 255);
} // namespace colors

void apply_theme(float scale);
// Loads the fonts at scale into ui, with large_text the second, larger set too (the kiosk's
// screens); false when no font file is found.
bool load_ui_fonts(Ui& ui, float scale, bool board = false, bool large_text = false);
// The staff console's fonts (kConsoleBodyPx) at scale; false when no font file is found.
bool load_console_fonts(Ui& ui, float scale);
std::string visible_label(const std::string& label);

} // namespace reception::ui
