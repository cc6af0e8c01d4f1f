// The frame around every screen: the tabs a role may open (F1-F4), who is signed in, the
// language switch and sign-out; the screen itself below.
#include "screens.hpp"

#include "store/sync_state.hpp"

#include <imgui_internal.h>

namespace reception::console {

// The draw function of each screen; a new screen adds its row here.
using DrawScreen = void (*)(ConsoleModel&, ui::Ui&, ScreenState&, Instant);
struct ScreenDraw {
    Screen screen;
    DrawScreen draw;
};
static const ScreenDraw kDraws[] = {
    {Screen::Intake, draw_intake},     {Screen::Lookup, draw_lookup},
    {Screen::Desk, draw_desk},         {Screen::Record, draw_record},
    {Screen::WorkList, draw_worklist}, {Screen::MonthSchedule, draw_month_schedule},
    {Screen::Surveys, draw_surveys},   {Screen::Reports, draw_reports},
};

static int screen_key(Screen s) {
    const ScreenInfo* i = screen_info(s);
    return i && i->tab_key > 0 ? keys::kF1 + i->tab_key - 1 : 0;
}

// The rules counted with may be wrong (an expired profile, a year without a calendar, an
// unconfirmed one): staff see it on every screen, as they see the sync state. Recorded like a
// tappable, so the headless tests can find each line.
static void rule_warnings_lines(ConsoleModel& m, ui::Ui& ui, Instant now) {
    for (const std::string& w : m.warnings(local_date(now))) {
        ImVec2 min = ImGui::GetCursorScreenPos();
        ui.text(w, nullptr, ui::colors::kError);
        ImVec2 max(min.x + ImGui::GetContentRegionAvail().x, ImGui::GetItemRectMax().y);
        ui.record({w, min, max});
    }
}

static void top_bar(ConsoleModel& m, ui::Ui& ui, Instant now) {
    float h = ImGui::GetFrameHeight() + ui.px(10);
    const StaffAccount& u = *m.user();
    for (Screen s : screens_of(u.role)) {
        std::string label = m.t(std::string("console.screen.") + screen_code(s));
        int key = screen_key(s);
        std::string shown = label + (key ? "  " + key_name(key) : "") + "##tab";
        if (ui.button(shown, ImVec2(0, h), m.screen() == s, false) || (key && key_pressed(key)))
            m.go(s);
        ImGui::SameLine();
    }
    std::string who = u.full_name + " · " + m.t(std::string("console.role.") + to_code(u.role));
    float right_w = ImGui::CalcTextSize(who.c_str()).x + ui.px(190) * 2 + ui.px(260) +
                    ImGui::GetStyle().ItemSpacing.x * 4;
    // Right-aligned; on a line of its own when the tabs leave no room (the administrator
    // sees every tab).
    float right_x = ImGui::GetWindowWidth() - right_w - ImGui::GetStyle().WindowPadding.x;
    if (ImGui::GetCursorPosX() > right_x) {
        ImGui::NewLine(); // ends the tabs' line
        ImGui::SetCursorPosX(std::max(ImGui::GetStyle().WindowPadding.x, right_x));
    } else {
        ImGui::SameLine(right_x);
    }
    ImGui::AlignTextToFramePadding();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(5));
    ImGui::TextUnformatted(who.c_str());
    ImGui::SameLine();
    language_switch(m, ui, h);
    ImGui::SameLine();
    if (ui.button(m.t("console.sign_out") + "##top", ImVec2(ui.px(260), h), false, false))
        m.sign_out(now);
    // Staff see the sync state in full: last sync, waiting, rejected changes, the last error.
    std::string sync =
        sync_status_text(read_sync_state(m.context().store), m.context().texts, m.lang(), true);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kMuted);
    ImGui::TextWrapped("%s", sync.c_str()); // an error in Kazakh can be longer than the window
    ImGui::PopStyleColor();
    rule_warnings_lines(m, ui, now);
    ImGui::Separator();
}

void draw_console(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("console", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
    if (m.screen() != st.shown) {
        st.shown = m.screen();
        st.focus_first_field = true;
    }
    // A field being edited shows its own copy of the text; when a form was wiped or refilled
    // (new call, saved, another screen) it must let go, or it would show the old text.
    // Once per request: a screen without fields leaves it standing, and clearing every frame
    // would undo every click.
    bool wants_focus = st.focus_first_field || st.focus_after_save;
    if (wants_focus && !st.focus_released) ImGui::ClearActiveID();
    st.focus_released = wants_focus;
    if (m.screen() == Screen::SignIn) {
        draw_sign_in(m, ui, st, now);
    } else {
        top_bar(m, ui, now);
        for (const auto& d : kDraws)
            if (d.screen == m.screen()) d.draw(m, ui, st, now);
    }
    ImGui::End();
}

} // namespace reception::console
