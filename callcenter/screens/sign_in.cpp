// Sign-in: a personal login and password; the screens one sees follow from the role.
#include "screens.hpp"

namespace reception::console {

void draw_sign_in(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    float w = ui.px(900);
    float h = ImGui::GetFrameHeight() + ui.px(10);
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - w) / 2);
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.18f);
    ImGui::BeginGroup();
    heading(ui, m.t("console.title"));
    ImGui::Spacing();
    ui.text(m.t("console.sign_in.hint"));
    ImGui::Spacing();
    FieldErrors none;
    SignInForm& f = m.sign_in_form();
    if (st.focus_first_field) {
        ImGui::SetKeyboardFocusHere();
        st.focus_first_field = false;
    }
    bool enter = text_field(m, ui, "login", m.t("console.sign_in.login"), &f.login, none, w);
    enter |= text_field(m, ui, "password", m.t("console.sign_in.password"), &f.password, none, w,
                        ImGuiInputTextFlags_Password);
    if (!m.sign_in_error().empty()) ui.text(m.sign_in_error(), nullptr, ui::colors::kError);
    ImGui::Spacing();
    if (ui.button(m.t("console.sign_in.button") + "  Enter##sign_in", ImVec2(ui.px(440), h)) ||
        enter) {
        if (!m.sign_in(now)) st.focus_first_field = true;
    }
    ImGui::SameLine();
    language_switch(m, ui, h);
    ImGui::Spacing();
    ui.text(m.t("console.sign_in.keys"), nullptr, ui::colors::kMuted);
    ImGui::EndGroup();
}

} // namespace reception::console
