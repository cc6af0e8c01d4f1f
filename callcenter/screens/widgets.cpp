#include "screens.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

namespace reception::console {

void console_theme(float scale) {
    ui::apply_theme(scale);
    ImGuiStyle& s = ImGui::GetStyle();
    s.FrameBorderSize = 1.0f;
    s.FrameRounding = 4 * scale;
    s.Colors[ImGuiCol_FrameBg] = ImVec4(0.97f, 0.98f, 0.99f, 1.0f);
    s.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.92f, 0.95f, 0.99f, 1.0f);
    s.Colors[ImGuiCol_FrameBgActive] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    s.Colors[ImGuiCol_Border] = ImVec4(0.45f, 0.50f, 0.56f, 1.0f);
    s.Colors[ImGuiCol_CheckMark] = ImGui::ColorConvertU32ToFloat4(ui::colors::kButton);
    s.Colors[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    s.Colors[ImGuiCol_Header] = ImVec4(0.80f, 0.88f, 0.97f, 1.0f);
    s.Colors[ImGuiCol_HeaderHovered] = ImVec4(0.86f, 0.92f, 0.99f, 1.0f);
    s.Colors[ImGuiCol_NavHighlight] = ImGui::ColorConvertU32ToFloat4(ui::colors::kButton);
}

bool key_pressed(int key) {
    ImGuiIO& io = ImGui::GetIO();
    return !io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed(key, false);
}

bool ctrl_pressed(int key) {
    return ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(key, false);
}

std::string key_name(int key) {
    if (key >= keys::kF1 && key < keys::kF1 + 12) return "F" + std::to_string(key - keys::kF1 + 1);
    if (key == keys::kEnter) return "Enter";
    if (key == keys::kEscape) return "Esc";
    return "";
}

void heading(ui::Ui& ui, const std::string& text) {
    ImGui::PushFont(ui.fonts.large);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

void error_line(ConsoleModel& m, ui::Ui&, const FieldErrors& errors, const char* field) {
    auto it = errors.find(field);
    if (it == errors.end()) return;
    // TextWrapped keeps a wrap position the field set, so the message stays under its field.
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kError);
    ImGui::TextWrapped("%s", m.error_text(field, it->second).c_str());
    ImGui::PopStyleColor();
}

void field_label(const std::string& label, bool wrong) {
    // A label starting a group beside another group would sit lower, on the text line of the
    // field before it; every label of a row starts at the same height.
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
    ImGui::PushStyleColor(ImGuiCol_Text, wrong ? ui::colors::kError : ui::colors::kText);
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopStyleColor();
}

bool text_field(ConsoleModel& m, ui::Ui& ui, const char* field, const std::string& label,
                std::string* value, const FieldErrors& errors, float width, int flags) {
    bool wrong = errors.count(field) != 0;
    ImGui::BeginGroup();
    field_label(label, wrong);
    ImGui::SetNextItemWidth(width);
    if (wrong) ImGui::PushStyleColor(ImGuiCol_FrameBg, ui::colors::kErrorBg);
    bool enter = ImGui::InputText((std::string("##") + field).c_str(), value,
                                  flags | ImGuiInputTextFlags_EnterReturnsTrue);
    if (wrong) ImGui::PopStyleColor();
    // Recorded as a tappable too, so tests can click into the field by its label.
    ui.tappables.push_back({label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    error_line(m, ui, errors, field);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    return enter;
}

bool text_area(ConsoleModel& m, ui::Ui& ui, const char* field, const std::string& label,
               std::string* value, const FieldErrors& errors, ImVec2 size) {
    bool wrong = errors.count(field) != 0;
    ImGui::BeginGroup();
    field_label(label, wrong);
    if (wrong) ImGui::PushStyleColor(ImGuiCol_FrameBg, ui::colors::kErrorBg);
    bool enter = ImGui::InputTextMultiline((std::string("##") + field).c_str(), value, size,
                                           ImGuiInputTextFlags_EnterReturnsTrue |
                                               ImGuiInputTextFlags_CtrlEnterForNewLine);
    if (wrong) ImGui::PopStyleColor();
    // Recorded as a tappable too, so tests can click into the field by its label.
    ui.tappables.push_back({label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x);
    error_line(m, ui, errors, field);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    return enter;
}

void check_box(ui::Ui& ui, const std::string& label, int digit, bool* value) {
    std::string shown = label + "  (Ctrl+" + std::to_string(digit) + ")";
    ImGui::Checkbox(shown.c_str(), value);
    ui.tappables.push_back({shown, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    if (ctrl_pressed(keys::k1 + digit - 1)) *value = !*value;
}

bool key_button(ui::Ui& ui, const std::string& label, int key, ImVec2 size, bool enabled,
                bool primary) {
    std::string shown = label + "  " + key_name(key) + "##" + label;
    if (!enabled) ImGui::BeginDisabled();
    bool pressed = ui.button(shown, size, false, primary);
    if (!enabled) ImGui::EndDisabled();
    return enabled && (pressed || key_pressed(key));
}

void language_switch(ConsoleModel& m, ui::Ui& ui, float h) {
    float w = ui.px(190);
    if (ui.button(m.t("lang.kk") + "##lang", ImVec2(w, h), m.lang() == Lang::kk, false))
        m.set_lang(Lang::kk);
    ImGui::SameLine();
    if (ui.button(m.t("lang.ru") + "##lang", ImVec2(w, h), m.lang() == Lang::ru, false))
        m.set_lang(Lang::ru);
}

void language_choice(ConsoleModel& m, ui::Ui& ui, std::string* language) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(m.t("ui.language_of_reception").c_str());
    ImGui::SameLine();
    std::string kk = m.t("lang.kk") + "  (Ctrl+1)";
    std::string ru = m.t("lang.ru") + "  (Ctrl+2)";
    if (ImGui::RadioButton(kk.c_str(), *language == "kk")) *language = "kk";
    ui.tappables.push_back({kk, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    ImGui::SameLine();
    if (ImGui::RadioButton(ru.c_str(), *language == "ru")) *language = "ru";
    ui.tappables.push_back({ru, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    if (ctrl_pressed(keys::k1)) *language = "kk";
    if (ctrl_pressed(keys::k1 + 1)) *language = "ru";
}

void channel_choice(ConsoleModel& m, ui::Ui& ui, std::string* channel,
                    const std::vector<std::string>& offered, float width) {
    if (channel->empty()) *channel = offered.front();
    ImGui::BeginGroup();
    std::string label = m.t("console.intake.channel");
    field_label(label, false);
    ImGui::SetNextItemWidth(width);
    bool open = ImGui::BeginCombo("##channel", m.t("channel." + *channel).c_str());
    ui.tappables.push_back({label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    ImGui::EndGroup();
    if (!open) return;
    for (const auto& code : offered)
        if (ImGui::Selectable(m.t("channel." + code).c_str(), *channel == code)) *channel = code;
    ImGui::EndCombo();
}

std::string service_name(ConsoleModel& m, const std::string& code) {
    if (m.context().texts.has(Lang::en, "service." + code)) return m.t("service." + code);
    return code;
}

} // namespace reception::console
