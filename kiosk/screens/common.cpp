#include "screens.hpp"

namespace reception::kiosk {

void title(ui::Ui& ui, const std::string& text) {
    ui.text(text, ui.fonts.large);
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, ui.px(8)));
}

int nav_buttons(KioskModel& m, ui::Ui& ui, const std::string& next_label) {
    float h = ui.px(120);
    float w = ui.px(420);
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - h - ImGui::GetStyle().WindowPadding.y);
    int r = 0;
    if (ui.button("← " + m.t("ui.back") + "##nav", ImVec2(w, h), false, false)) r = -1;
    if (!next_label.empty()) {
        ImGui::SameLine(ImGui::GetWindowWidth() - w - ImGui::GetStyle().WindowPadding.x);
        if (ui.button(next_label + " →##nav", ImVec2(w, h))) r = 1;
    }
    return r;
}

void edit_fields(KioskModel& m, ui::Ui& ui, ScreenState& st, const std::vector<TextField>& fields,
                 int columns) {
    if (fields.empty()) return;
    bool known = false;
    for (const auto& f : fields) known = known || f.key == st.focused_field;
    if (!known) {
        st.focused_field = fields[0].key;
        st.keyboard.layout = fields[0].layout;
        st.keyboard.shift = fields[0].value->empty() && fields[0].layout != ui::Layout::Digits;
    }
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float w = (ImGui::GetContentRegionAvail().x - gap * float(columns - 1)) / float(columns);
    const TextField* focused = nullptr;
    for (size_t i = 0; i < fields.size(); ++i) {
        const TextField& f = fields[i];
        if (i % size_t(columns) != 0) ImGui::SameLine();
        ImGui::BeginGroup();
        bool is_focused = f.key == st.focused_field;
        if (ui.field(f.label, *f.value, is_focused, m.error_text(f.key), w)) {
            st.focused_field = f.key;
            st.keyboard.layout = f.layout;
            st.keyboard.shift = f.value->empty() && f.layout != ui::Layout::Digits;
        }
        ImGui::EndGroup();
        if (f.key == st.focused_field) focused = &f;
    }
    ImGui::Dummy(ImVec2(0, ui.px(8)));
    if (focused) st.keyboard.draw(ui, *focused->value, focused->max_chars);
}

} // namespace reception::kiosk
