#include "screens.hpp"

#include <algorithm>
#include <cfloat>

namespace reception::kiosk {

// A button's usual width at the screen's scale, or what its words need when large text makes
// them wider: with every width grown too, a header's buttons would leave its title no room.
static float fitted(ui::Ui& ui, const std::string& label, float usual) {
    float words =
        ImGui::CalcTextSize(label.c_str(), nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
    return std::max(usual * ui.normal_scale, words);
}

namespace {
// The two buttons of the language switch, left to right. Speech on: Repeat takes the place of
// the language in use, which the visitor hears and need not choose; the other one stays at
// the right.
struct LanguageSwitch {
    std::string left, right;
    float left_w, right_w;
};
} // namespace

static LanguageSwitch language_switch(KioskModel& m, ui::Ui& ui) {
    LanguageSwitch s;
    Lang other = m.lang() == Lang::kk ? Lang::ru : Lang::kk;
    s.left = m.speech().on ? m.t("ui.repeat") + "##speech" : m.t("lang.kk") + "##lang";
    s.right = m.speech().on ? m.t(std::string("lang.") + lang_code(other)) + "##lang"
                            : m.t("lang.ru") + "##lang";
    s.left_w = fitted(ui, s.left, 220);
    s.right_w = fitted(ui, s.right, 220);
    return s;
}

float language_buttons_width(KioskModel& m, ui::Ui& ui) {
    LanguageSwitch s = language_switch(m, ui);
    return s.left_w + ImGui::GetStyle().ItemSpacing.x + s.right_w;
}

void language_buttons(KioskModel& m, ui::Ui& ui, float h) {
    LanguageSwitch s = language_switch(m, ui);
    if (m.speech().on) {
        if (ui.button(s.left, ImVec2(s.left_w, h))) m.repeat_speech();
        ImGui::SameLine();
        if (ui.button(s.right, ImVec2(s.right_w, h), false, false))
            m.set_lang(m.lang() == Lang::kk ? Lang::ru : Lang::kk);
        return;
    }
    if (ui.button(s.left, ImVec2(s.left_w, h), m.lang() == Lang::kk, false)) m.set_lang(Lang::kk);
    ImGui::SameLine();
    if (ui.button(s.right, ImVec2(s.right_w, h), m.lang() == Lang::ru, false)) m.set_lang(Lang::ru);
}

bool done_button(KioskModel& m, ui::Ui& ui) {
    float w = ui.px(520), bottom = ImGui::GetWindowHeight() - ui.px(8);
    float top = std::max(ImGui::GetCursorPosY(), ImGui::GetWindowHeight() - ui.px(150));
    // Never lower than a finger needs: then it goes back up, over the last line if it must.
    float h = std::max(std::min(ui.px(130), bottom - top), 100 * ui.normal_scale);
    ImGui::SetCursorPos(ImVec2((ImGui::GetWindowWidth() - w) / 2, std::min(top, bottom - h)));
    return ui.button(m.t("ui.done") + "##done", ImVec2(w, h));
}

bool has_header(Screen s) {
    return s != Screen::Start && s != Screen::TicketDone && s != Screen::SignupDone;
}

int header(KioskModel& m, ui::Ui& ui, const std::string& title, const std::string& next_label) {
    std::string back = "← " + m.t("ui.back") + "##nav", next = next_label + " →##nav";
    float h = ui.px(100), back_w = fitted(ui, back, 280), next_w = fitted(ui, next, 380);
    float lang_w = language_buttons_width(m, ui);
    int r = 0;
    float top = ImGui::GetCursorPosY();
    if (ui.button(back, ImVec2(back_w, h), false, false)) r = -1;
    ImGui::SameLine();
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float right = ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x;
    // The title as large as the room between Back and the buttons on the right lets it be:
    // with large text a long one would run under them.
    float room = std::max(0.0f, right - lang_w - gap - (next_label.empty() ? 0 : next_w + 2 * gap) -
                                    gap - ImGui::GetCursorPosX());
    ImFont* font = ui.fonts.large;
    float width = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, title.c_str()).x;
    float size = width > room ? std::max(font->FontSize * room / width, ImGui::GetFontSize())
                              : font->FontSize;
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushClipRect(at, ImVec2(at.x + room, at.y + h), true); // never under a button
    ImGui::GetWindowDrawList()->AddText(font, size, ImVec2(at.x, at.y + (h - size) / 2),
                                        ui::colors::kText, title.c_str());
    ImGui::PopClipRect();
    ImGui::Dummy(ImVec2(std::min(width * size / font->FontSize, room), h));
    ImGui::SameLine(right - lang_w - gap - (next_label.empty() ? 0 : next_w + 2 * gap));
    ImGui::SetCursorPosY(top);
    language_buttons(m, ui, h);
    if (!next_label.empty()) {
        ImGui::SameLine(0, 2 * gap);
        if (ui.button(next, ImVec2(next_w, h))) r = 1;
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

// Five rows of keys (four on the digit pad) and their spacing.
static int keyboard_rows(ui::Layout l) {
    return l == ui::Layout::Digits ? 4 : 5;
}

static float keyboard_height(ui::Ui& ui, const ui::Keyboard& kb) {
    float key_h = kb.key_height > 0 ? kb.key_height : ui.px(84);
    return float(keyboard_rows(kb.layout)) * (key_h + ImGui::GetStyle().ItemSpacing.y) + ui.px(8);
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
    // The keys take the height the fields leave, up to their usual 84 px (large text).
    float left = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - ui.px(8);
    float per_row = left / float(keyboard_rows(st.keyboard.layout));
    st.keyboard.key_height = std::min(ui.px(84), per_row - ImGui::GetStyle().ItemSpacing.y);
    float kb_top = ImGui::GetWindowHeight() - keyboard_height(ui, st.keyboard);
    if (ImGui::GetCursorPosY() < kb_top) ImGui::SetCursorPosY(kb_top);
    if (focused) st.keyboard.draw(ui, *focused->value, focused->max_chars);
}

} // namespace reception::kiosk
