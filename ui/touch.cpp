#include "touch.hpp"

#include <algorithm>

#include <imgui_internal.h>

namespace reception::ui {

std::string visible_label(const std::string& label) {
    size_t hash = label.find("##");
    return hash == std::string::npos ? label : label.substr(0, hash);
}

void apply_theme(float scale) {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    ImGui::StyleColorsLight(&s);
    s.WindowPadding = ImVec2(32 * scale, 24 * scale);
    s.FramePadding = ImVec2(20 * scale, 16 * scale);
    s.ItemSpacing = ImVec2(20 * scale, 18 * scale);
    s.FrameRounding = 12 * scale;
    s.ScrollbarSize = 28 * scale;
    s.WindowBorderSize = 0;
    s.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colors::kBackground);
    // Child windows are see-through: their parent is white already, and under a software
    // renderer every full-screen rectangle drawn again costs milliseconds a frame.
    s.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    s.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colors::kText);
    // Touch: a finger has no hover, so nothing may depend on it.
    s.TouchExtraPadding = ImVec2(4 * scale, 4 * scale);
}

// The console's fonts: 34 px body text times its scale, one set, labels as they are.
bool load_console_fonts(Ui& ui, float scale) {
    ui.normal_scale = ui.scale = scale;
    ui.wrap_field_labels = false;
    ui.normal_fonts = ui.fonts = load_fonts(scale, false, true, kConsoleBodyPx);
    return ui.fonts.body != nullptr;
}

// Large text
bool load_ui_fonts(Ui& ui, float scale, bool board, bool large_text) {
    ui.normal_scale = ui.scale = scale;
    ui.wrap_field_labels = true;
    ui.normal_fonts = ui.fonts = load_fonts(scale, board, true, kTouchBodyPx);
    // The ticket's number is 180 px already: larger, it would push the rest off the screen.
    ui.large_fonts =
        large_text ? load_fonts(scale * kLargeText, false, false, kTouchBodyPx) : Fonts{};
    ui.large_fonts.huge = ui.normal_fonts.huge;
    ImGui::GetIO().FontDefault = ui.fonts.body; // each load_fonts made its own body the default
    return ui.fonts.body != nullptr;
}

bool Ui::use_large_text(bool on) {
    const Fonts& want = on && large_fonts.body ? large_fonts : normal_fonts;
    if (!want.body || fonts.body == want.body) return false;
    fonts = want;
    scale = normal_scale * (want.body == large_fonts.body ? kLargeText : 1.0f);
    apply_theme(scale);
    ImGui::GetIO().FontDefault = fonts.body; // from the next frame; this one pushes it
    return true;
}

// A tap is a press and a release on the same button, as long as the finger did not drag
// (a drag scrolls the list it is in instead).
static bool dragged_too_far() {
    return ImGui::GetIO().MouseDragMaxDistanceSqr[0] > 30.0f * 30.0f;
}

static bool pressed_too_soon(double last_press, double armed_at) {
    return last_press < armed_at;
}

bool Ui::button(const std::string& label, ImVec2 size, bool selected, bool primary) {
    ImU32 bg = selected ? colors::kChosen : primary ? colors::kButton : colors::kSecondary;
    ImU32 fg = (selected || primary) ? IM_COL32(255, 255, 255, 255) : colors::kText;
    ImGui::PushStyleColor(ImGuiCol_Button, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, bg); // no hover look on a touchscreen
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, colors::kButtonPressed);
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    bool tapped = ImGui::Button(label.c_str(), size) && !dragged_too_far() &&
                  !pressed_too_soon(last_press, armed_at);
    ImGui::PopStyleColor(4);
    record({visible_label(label), ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    return tapped;
}

bool Ui::field(const std::string& label, const std::string& value, bool focused, bool wrong,
               float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, wrong ? colors::kError : colors::kText);
    // A label longer than its field wraps under itself rather than running into the next one.
    ImGui::PushTextWrapPos(wrap_field_labels ? ImGui::GetCursorPosX() + width : -1.0f);
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = ImGui::GetFontSize() + px(36);
    bool tapped = ImGui::InvisibleButton(("##field" + label).c_str(), ImVec2(width, h)) &&
                  !dragged_too_far() && !pressed_too_soon(last_press, armed_at);
    record({visible_label(label), p, ImVec2(p.x + width, p.y + h), true, !value.empty()});
    ImU32 border = wrong ? colors::kError : focused ? colors::kButton : colors::kMuted;
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h),
                      wrong ? colors::kErrorBg : IM_COL32(255, 255, 255, 255), px(8));
    dl->AddRect(p, ImVec2(p.x + width, p.y + h), border, px(8), 0, focused ? px(5) : px(2));
    // The end of a long text stays in view: that is where the visitor is typing.
    std::string shown = value + (focused ? "|" : "");
    float text_w = ImGui::CalcTextSize(shown.c_str()).x;
    float room = width - px(36);
    float x = text_w > room ? p.x + px(18) - (text_w - room) : p.x + px(18);
    dl->PushClipRect(ImVec2(p.x + px(4), p.y), ImVec2(p.x + width - px(4), p.y + h), true);
    dl->AddText(ImVec2(x, p.y + px(18)), colors::kText, shown.c_str());
    dl->PopClipRect();
    return tapped;
}

bool Ui::text_box(const std::string& label, const std::string& value, bool focused, bool wrong,
                  float width, int lines) {
    ImGui::PushStyleColor(ImGuiCol_Text, wrong ? colors::kError : colors::kText);
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopStyleColor();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = float(lines) * ImGui::GetTextLineHeight() + px(36); // wrapped lines sit tight
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h),
                      wrong ? colors::kErrorBg : colors::kBackground, px(8));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(18), px(18)));
    ImGui::BeginChild(("##box" + label).c_str(), ImVec2(width, h), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    drag_scroll();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted((value + (focused ? "|" : "")).c_str());
    ImGui::PopTextWrapPos();
    // Typing at the end: keep the end in view, unless the finger is scrolling back to reread.
    ImGuiStorage* seen = ImGui::GetStateStorage();
    ImGuiID key = ImGui::GetID("length");
    if (seen->GetInt(key, -1) != int(value.size())) {
        seen->SetInt(key, int(value.size()));
        ImGui::SetScrollHereY(1.0f);
    }
    bool tapped = ImGui::IsWindowHovered() && ImGui::IsMouseReleased(0) && !dragged_too_far() &&
                  !pressed_too_soon(last_press, armed_at);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImU32 border = wrong ? colors::kError : focused ? colors::kButton : colors::kMuted;
    dl->AddRect(p, ImVec2(p.x + width, p.y + h), border, px(8), 0, focused ? px(5) : px(2));
    record({visible_label(label), p, ImVec2(p.x + width, p.y + h), true, !value.empty()});
    return tapped;
}

void Ui::drag_scroll() {
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 10.0f))
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

void Ui::text(const std::string& s, ImFont* font, ImU32 color) {
    if (font) ImGui::PushFont(font);
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopTextWrapPos();
    if (color) ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
}

void Ui::centered_text(const std::string& s, ImFont* font, ImU32 color) {
    if (font) ImGui::PushFont(font);
    float w = ImGui::CalcTextSize(s.c_str()).x;
    float avail = ImGui::GetContentRegionAvail().x;
    if (w < avail) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) / 2);
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopTextWrapPos();
    if (color) ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
}

void Ui::record(Tappable t) {
    ImVec2 lo = ImGui::GetWindowDrawList()->GetClipRectMin();
    ImVec2 hi = ImGui::GetWindowDrawList()->GetClipRectMax();
    t.min = ImVec2(std::max(t.min.x, lo.x), std::max(t.min.y, lo.y));
    t.max = ImVec2(std::min(t.max.x, hi.x), std::min(t.max.y, hi.y));
    t.hidden = t.min.x >= t.max.x || t.min.y >= t.max.y;
    tappables.push_back(std::move(t));
}

const Tappable* Ui::find(const std::string& label) const {
    for (const auto& t : tappables)
        if (t.label == label && !t.hidden) return &t;
    return nullptr;
}

} // namespace reception::ui
