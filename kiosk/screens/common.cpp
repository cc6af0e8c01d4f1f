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
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float right = ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x;
    ImGui::PushFont(ui.fonts.large);
    float title_w = ImGui::CalcTextSize(title.c_str()).x;
    ImGui::PopFont();
    float buttons_w = lang_w + (next_label.empty() ? 0 : next_w + 2 * gap);
    // A portrait or narrow screen: Back and the languages on the first line, the title and
    // Next on the second, so nothing is covered.
    bool two_lines = back_w + title_w + buttons_w + 4 * gap > right;
    int r = 0;
    float top = ImGui::GetCursorPosY();
    if (ui.button("← " + m.t("ui.back") + "##nav", ImVec2(back_w, h), false, false)) r = -1;
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
    if (!next_label.empty() && ui.button(next_label + " →##nav", ImVec2(next_w, h))) r = 1;
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

// Five rows of keys and their spacing.
static float keyboard_height(ui::Ui& ui, ui::Layout l) {
    int rows = l == ui::Layout::Digits ? 4 : 5;
    return float(rows) * (ui.px(84) + ImGui::GetStyle().ItemSpacing.y) + ui.px(8);
}

void edit_fields(KioskModel& m, ui::Ui& ui, ScreenState& st, const std::vector<TextField>& fields,
                 int columns, const std::function<void(float width)>& extra) {
    if (fields.empty()) return;
    std::string focus_before = st.focused_field;
    choose_focus(m, st, fields);
    // The keyboard keeps its place at the bottom, whole; the fields take what is left above it
    // and scroll under a finger when a small or portrait screen cannot show them all.
    float kb_h = keyboard_height(ui, st.keyboard.layout);
    float fields_h = ImGui::GetContentRegionAvail().y - kb_h - ImGui::GetStyle().ItemSpacing.y;
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
    if (focused && st.keyboard.draw(ui, *focused->value, focused->max_chars))
        m.recheck(focused->key);
}

} // namespace reception::kiosk
