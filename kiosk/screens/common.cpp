#include "screens.hpp"

#include "base/validation.hpp"

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

// A name of two or three lines makes its button taller: no line is cut off.
float wrapped_height(ui::Ui& ui, const std::string& text, float width, float min_height) {
    float text_h = ImGui::CalcTextSize(text.c_str(), nullptr, false, width - ui.px(40)).y;
    return std::max(min_height, text_h + ui.px(28));
}

float wrapped_row_height(ui::Ui& ui, const std::string& first, const std::string& second,
                         float width, float min_height) {
    float h = wrapped_height(ui, first, width, min_height);
    return second.empty() ? h : wrapped_height(ui, second, width, h);
}

bool wrapped_button(ui::Ui& ui, const std::string& text, const std::string& id, ImVec2 size,
                    bool selected) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    size.y = wrapped_height(ui, text, size.x, size.y);
    bool tapped = ui.button("##" + id, size, selected, false);
    ui.tappables.back().label = text;
    ImU32 color = selected ? IM_COL32(255, 255, 255, 255) : ui::colors::kText;
    ImGui::GetWindowDrawList()->AddText(nullptr, 0.0f, ImVec2(pos.x + ui.px(20), pos.y + ui.px(14)),
                                        color, text.c_str(), nullptr, size.x - ui.px(40));
    return tapped;
}

bool has_header(Screen s) {
    return s != Screen::Start && s != Screen::TicketDone && s != Screen::SignupDone;
}

int header(KioskModel& m, ui::Ui& ui, const std::string& title, const std::string& next_label) {
    std::string back = "← " + m.t("ui.back") + "##nav", next = next_label + " →##nav";
    float h = ui.px(100), back_w = fitted(ui, back, 280), next_w = fitted(ui, next, 380);
    float lang_w = language_buttons_width(m, ui);
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float right = ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x;
    ImGui::PushFont(ui.fonts.large);
    float title_w = ImGui::CalcTextSize(title.c_str()).x;
    ImGui::PopFont();
    float buttons_w = lang_w + (next_label.empty() ? 0 : next_w + 2 * gap);
    // A portrait or narrow screen, or large text: Back and the languages on the first line, the
    // title (wrapped) and Next on the second, so nothing is covered.
    bool two_lines = back_w + title_w + buttons_w + 4 * gap > right;
    int r = 0;
    float top = ImGui::GetCursorPosY();
    if (ui.button(back, ImVec2(back_w, h), false, false)) r = -1;
    if (!two_lines) {
        ImGui::SameLine();
        ImGui::PushFont(ui.fonts.large);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (h - ImGui::GetFontSize()) / 2);
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopFont();
    }
    ImGui::SameLine(right - (two_lines ? lang_w : buttons_w) - gap);
    ImGui::SetCursorPosY(top);
    language_buttons(m, ui, h);
    if (two_lines) {
        float line = ImGui::GetCursorPosY();
        ImGui::PushFont(ui.fonts.large);
        ImGui::PushTextWrapPos(right - (next_label.empty() ? 0 : next_w + gap));
        ImGui::SetCursorPosY(line + ui.px(10));
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        if (!next_label.empty()) {
            ImGui::SameLine(right - next_w);
            ImGui::SetCursorPosY(line);
        }
    } else if (!next_label.empty()) {
        ImGui::SameLine(0, 2 * gap);
    }
    if (!next_label.empty() && ui.button(next, ImVec2(next_w, h))) r = 1;
    ImGui::Separator();
    return r;
}

int field_columns(ui::Ui& ui, int wide) {
    return ImGui::GetContentRegionAvail().x < ui.px(1500) ? std::min(wide, 2) : wide;
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
    std::string focus_before = st.focused_field;
    choose_focus(m, st, fields);
    // The keyboard keeps its place at the bottom, whole; the fields take what is left above it
    // and scroll under a finger when a small or portrait screen cannot show them all.
    // The keys are 84 px (20 mm) high, less when that would leave the fields under 45% of the
    // room (large text, a 1280x1024 screen).
    float avail = ImGui::GetContentRegionAvail().y;
    float per_row = avail * 0.55f / float(keyboard_rows(st.keyboard.layout));
    st.keyboard.key_height = std::min(ui.px(84), per_row - ImGui::GetStyle().ItemSpacing.y);
    float kb_h = keyboard_height(ui, st.keyboard);
    float fields_h = avail - kb_h - ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("fields", ImVec2(0, std::max(fields_h, ui.px(120))), false,
                      ImGuiWindowFlags_NoScrollbar);
    ui.drag_scroll();
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float w = (ImGui::GetContentRegionAvail().x - gap * float(columns - 1)) / float(columns);
    const TextField* focused = nullptr;
    for (size_t i = 0; i < fields.size(); ++i) {
        const TextField& f = fields[i];
        if (i % size_t(columns) != 0) ImGui::SameLine();
        ImGui::BeginGroup();
        bool has_error = m.errors().count(f.key) != 0;
        bool focus = f.key == st.focused_field;
        bool tapped = f.lines > 1 ? ui.text_box(f.label, *f.value, focus, has_error, w, f.lines)
                                  : ui.field(f.label, *f.value, focus, has_error, w);
        // A field given the focus (by an error, or the first) is scrolled into view.
        if (focus && focus_before != st.focused_field) ImGui::SetScrollHereY(0.5f);
        if (tapped) {
            m.speak_field(f.label, *f.value);
            st.focused_field = f.key;
            st.keyboard.layout = f.layout;
            st.keyboard.shift = f.value->empty() && f.layout != ui::Layout::Digits;
        }
        // Each wrong field says what is wrong right under it, within its column.
        if (has_error) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
            ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kError);
            ImGui::TextUnformatted(m.error_text(f.key).c_str());
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
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
    ImGui::EndChild();
    float kb_top = ImGui::GetWindowHeight() - kb_h;
    if (ImGui::GetCursorPosY() < kb_top) ImGui::SetCursorPosY(kb_top);
    if (!focused) return;
    st.keyboard.confirm_taps = m.speech().on;
    if (st.keyboard.draw(ui, *focused->value, focused->max_chars)) m.recheck(focused->key);
    if (st.keyboard.tapped) {
        m.speak_key(st.keyboard.tapped->key, st.keyboard.tapped->typed, *focused->value);
        st.keyboard.tapped.reset();
    }
}

} // namespace reception::kiosk
