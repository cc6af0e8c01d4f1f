// The frame around every screen: the language switch (on every screen), the clock, and the
// inactivity countdown over everything.
#include "screens.hpp"

#include "sync_state.hpp"

#include <cstdio>

namespace reception::kiosk {

static void top_bar(KioskModel& m, ui::Ui& ui, Instant now) {
    float h = ui.px(100);
    ImGui::BeginChild("top", ImVec2(0, h), false, ImGuiWindowFlags_NoScrollbar);
    std::string clock = hhmm(local_minute_of_day(now));
    float top = ImGui::GetCursorPosY();
    ImGui::PushFont(ui.fonts.large);
    ImGui::TextUnformatted(clock.c_str());
    ImGui::PopFont();
    // Small and grey beside the clock: for staff passing by, not for the visitor.
    std::string sync = sync_status_text(read_sync_state(m.store()), m.texts(), m.lang(), false);
    if (!sync.empty()) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(30));
        ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kMuted);
        ImGui::TextUnformatted(sync.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::SameLine(ImGui::GetWindowWidth() - language_buttons_width(m, ui) -
                    ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetCursorPosY(top); // level with the clock, whatever the sync line did
    language_buttons(m, ui, ui.px(84));
    ImGui::EndChild();
}

static void countdown_overlay(KioskModel& m, ui::Ui& ui, int seconds) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), 0,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x * 0.6f, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::colors::kHighlight);
    ImGui::Begin("countdown", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    ui.centered_text(m.t("ui.more_time_question"), ui.fonts.large);
    ui.centered_text(m.tf("ui.inactivity_countdown", {{"seconds", std::to_string(seconds)}}));
    // Any tap anywhere counts as a touch (kiosk_loop.cpp); this button is there to be found.
    ui.button(m.t("ui.more_time") + "##stay", ImVec2(-1, ui.px(160)));
    ImGui::End();
    ImGui::PopStyleColor();
}

void draw_kiosk(KioskModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    // Large text from this frame on, before any window takes the theme's spacing.
    ui.use_large_text(m.large_text());
    ImGui::PushFont(ui.fonts.body);
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // The screen's own window draws no background: the frame is cleared to white already.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    ImGui::Begin("kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleColor();
    // Screens with a header carry the language switch in it, and give the room to the
    // keyboard; the others show the clock too.
    if (!has_header(m.screen())) top_bar(m, ui, now);
    int left = m.countdown(now);
    if (left >= 0) {
        // Whoever walks up to a kiosk left alone sees none of the last visitor's details.
        ImGui::End();
        countdown_overlay(m, ui, left);
        ImGui::PopFont();
        return;
    }
    ImGui::BeginChild("screen", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar);
    Screen before = m.screen();
    switch (m.screen()) {
    case Screen::Start:
        draw_start(m, ui);
        break;
    case Screen::Service:
        draw_service(m, ui);
        break;
    case Screen::Category:
        draw_category(m, ui, now);
        break;
    case Screen::TicketDone:
        draw_ticket(m, ui);
        break;
    case Screen::SignupOfficial:
        draw_signup_official(m, ui, now);
        break;
    case Screen::SignupEssence:
        draw_signup_essence(m, ui, st);
        break;
    case Screen::SignupApplicant:
        draw_signup_applicant(m, ui, st);
        break;
    case Screen::SignupPerson:
        draw_signup_person(m, ui, st);
        break;
    case Screen::SignupOptions:
        draw_signup_options(m, ui);
        break;
    case Screen::SignupReview:
        draw_signup_review(m, ui, now);
        break;
    case Screen::SignupDone:
        draw_signup_done(m, ui);
        break;
    case Screen::Schedule:
        draw_schedule(m, ui, now);
        break;
    }
    if (m.screen() != before) {
        st.focused_field.clear();
        // A double tap: the second tap must not hit what appears under the finger.
        ui.disarm_for(0.35);
    }
    ImGui::EndChild();
    ImGui::End();
    ImGui::PopFont();
}

} // namespace reception::kiosk
