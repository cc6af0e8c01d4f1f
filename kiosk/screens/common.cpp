#include "screens.hpp"

namespace reception::kiosk {

void language_buttons(KioskModel& m, ui::Ui& ui, float h) {
    float w = ui.px(220);
    if (ui.button(m.t("lang.kk") + "##lang", ImVec2(w, h), m.lang() == Lang::kk, false))
        m.set_lang(Lang::kk);
    ImGui::SameLine();
    if (ui.button(m.t("lang.ru") + "##lang", ImVec2(w, h), m.lang() == Lang::ru, false))
        m.set_lang(Lang::ru);
}

bool has_header(Screen s) {
    return s != Screen::Start && s != Screen::TicketDone && s != Screen::SignupDone;
}

int header(KioskModel& m, ui::Ui& ui, const std::string& title, const std::string& next_label) {
    float h = ui.px(100), back_w = ui.px(280), next_w = ui.px(380), lang_w = ui.px(460);
    int r = 0;
    float top = ImGui::GetCursorPosY();
    if (ui.button("← " + m.t("ui.back") + "##nav", ImVec2(back_w, h), false, false)) r = -1;
    ImGui::SameLine();
    ImGui::PushFont(ui.fonts.large);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (h - ImGui::GetFontSize()) / 2);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopFont();
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float right = ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x;
    ImGui::SameLine(right - lang_w - gap - (next_label.empty() ? 0 : next_w + 2 * gap));
    ImGui::SetCursorPosY(top);
    language_buttons(m, ui, h);
    if (!next_label.empty()) {
        ImGui::SameLine(0, 2 * gap);
        if (ui.button(next_label + " →##nav", ImVec2(next_w, h))) r = 1;
    }
    ImGui::Separator();
    return r;
}

// The field to type into: the first one with a new error, else the one tapped, else the first.
static void choose_focus(KioskModel& m, ScreenState& st, const std::vector<TextField>& fields) {
    bool known = false;
    for (const auto& f : fields) known = known || f.key == st.focused_field;
    const TextField* pick = known ? nullptr : &fields[0];
    if (m.errors() != st.errors_seen) {
        st.errors_seen = m.errors();
        for (const auto& f : fields)
            if (m.errors().count(f.key)) {
                pick = &f;
                break;
            }
    }
    if (!pick) return;
    st.focused_field = pick->key;
    st.keyboard.layout = pick->layout;
    st.keyboard.shift = pick->value->empty() && pick->layout != ui::Layout::Digits;
}

// Five rows of keys and their spacing.
static float keyboard_height(ui::Ui& ui, ui::Layout l) {
    int rows = l == ui::Layout::Digits ? 4 : 5;
    return float(rows) * (ui.px(84) + ImGui::GetStyle().ItemSpacing.y) + ui.px(8);
}

void edit_fields(KioskModel& m, ui::Ui& ui, ScreenState& st, const std::vector<TextField>& fields,
                 int columns, const std::function<void(float width)>& extra) {
    if (fields.empty()) return;
    choose_focus(m, st, fields);
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float w = (ImGui::GetContentRegionAvail().x - gap * float(columns - 1)) / float(columns);
    const TextField* focused = nullptr;
    for (size_t i = 0; i < fields.size(); ++i) {
        const TextField& f = fields[i];
        if (i % size_t(columns) != 0) ImGui::SameLine();
        ImGui::BeginGroup();
        bool has_error = m.errors().count(f.key) != 0;
        if (ui.field(f.label, *f.value, f.key == st.focused_field, has_error, w)) {
            st.focused_field = f.key;
            st.keyboard.layout = f.layout;
            st.keyboard.shift = f.value->empty() && f.layout != ui::Layout::Digits;
        }
        ImGui::EndGroup();
        if (f.key == st.focused_field) focused = &f;
    }
    if (extra) {
        if (fields.size() % size_t(columns) != 0) ImGui::SameLine();
        ImGui::BeginGroup();
        extra(w);
        ImGui::EndGroup();
    }
    // One message, full width, for the field being typed into (or the first wrong one): a
    // long sentence in a narrow column would be cut or push the keyboard off the screen.
    std::string message = focused ? m.error_text(focused->key) : "";
    for (const auto& f : fields)
        if (message.empty() && m.errors().count(f.key))
            message = f.label + ": " + m.error_text(f.key);
    if (!message.empty()) ui.text(message, nullptr, ui::colors::kError);
    float kb_top = ImGui::GetWindowHeight() - keyboard_height(ui, st.keyboard.layout);
    if (ImGui::GetCursorPosY() < kb_top) ImGui::SetCursorPosY(kb_top);
    if (focused) st.keyboard.draw(ui, *focused->value, focused->max_chars);
}

} // namespace reception::kiosk
