// The frame around every screen: the language switch (on every screen), the clock, and the
// inactivity countdown over everything.
#include "screens.hpp"

#include "print/printer_record.hpp"
#include "store/sync_state.hpp"

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
    // The printer's trouble (paper out, cover open) beside it, for the same staff.
    std::string printer = printer_staff_text(m.store(), m.config().kiosk_id, m.texts(), m.lang());
    if (!printer.empty()) sync += (sync.empty() ? "" : " · ") + printer;
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

// One line with both languages, or one line each when the screen is too narrow for that.
static std::vector<std::string> demo_lines(const Catalog& texts) {
    std::string kk = texts.text(Lang::kk, "ui.demo_banner"),
                ru = texts.text(Lang::ru, "ui.demo_banner");
    std::string both = kk + "   •   " + ru;
    if (ImGui::CalcTextSize(both.c_str()).x < ImGui::GetIO().DisplaySize.x * 0.95f) return {both};
    return {kk, ru};
}

float demo_banner_height(const Catalog& texts, ui::Ui& ui) {
    return float(demo_lines(texts).size()) * ImGui::GetFontSize() + ui.px(12);
}

void demo_banner(const Catalog& texts, ui::Ui& ui) {
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(io.DisplaySize.x, demo_banner_height(texts, ui)),
                      ui::colors::kHighlight);
    float y = ui.px(6);
    for (const auto& line : demo_lines(texts)) {
        float w = ImGui::CalcTextSize(line.c_str()).x;
        dl->AddText(ImVec2(std::max(ui.px(10), (io.DisplaySize.x - w) / 2), y), ui::colors::kText,
                    line.c_str());
        y += ImGui::GetFontSize();
    }
}

void draw_kiosk(KioskModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    // Large text from this frame on, before any window takes the theme's spacing.
    ui.use_large_text(m.large_text());
    ImGui::PushFont(ui.fonts.body);
    ImGuiIO& io = ImGui::GetIO();
    float top = m.config().demo ? demo_banner_height(m.texts(), ui) : 0.0f;
    ImGui::SetNextWindowPos(ImVec2(0, top));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, io.DisplaySize.y - top));
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
        draw_start(m, ui, now);
        break;
    case Screen::Service:
        draw_service(m, ui, now);
        break;
    case Screen::Category:
        draw_category(m, ui, now);
        break;
    case Screen::TicketDone:
        draw_ticket(m, ui);
        break;
    case Screen::TicketText:
        draw_ticket_text(m, ui, st, now);
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
        draw_signup_options(m, ui, now);
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
