// The start screen and the month's schedule (reg-8).
#include "schedule.hpp"
#include "screens.hpp"

#include <cstdio>

namespace reception::kiosk {

void draw_start(KioskModel& m, ui::Ui& ui) {
    ImGui::Dummy(ImVec2(0, ui.px(30)));
    ui.centered_text(m.config().accepted_where, ui.fonts.large);
    ImGui::Dummy(ImVec2(0, ui.px(50)));
    float w = std::min(ImGui::GetContentRegionAvail().x, ui.px(1100));
    float x = (ImGui::GetContentRegionAvail().x - w) / 2;
    ImGui::PushFont(ui.fonts.large);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
    if (ui.button(m.t("ui.take_ticket"), ImVec2(w, ui.px(190)))) m.start_ticket();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
    if (ui.button(m.t("ui.sign_up"), ImVec2(w, ui.px(190)))) m.start_signup();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
    if (ui.button(m.t("ui.schedule"), ImVec2(w, ui.px(150)), false, false)) m.go(Screen::Schedule);
    ImGui::PopFont();
}

void draw_schedule(KioskModel& m, ui::Ui& ui, Instant now) {
    Date today = local_date(now);
    Date last = add_days(add_months(Date{today.year(), today.month(), std::chrono::day{1}}, 1), -1);
    int nav = header(m, ui, m.t("ui.schedule"), "");
    std::vector<Official> officials = list_officials(m.store());
    auto name_of = [&](const std::string& uuid) -> const Official* {
        for (const auto& o : officials)
            if (o.uuid == uuid) return &o;
        return nullptr;
    };
    ImGui::BeginChild("schedule", ImVec2(0, 0), false);
    ui.drag_scroll();
    if (ImGui::BeginTable("sessions", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("date", ImGuiTableColumnFlags_WidthFixed, ui.px(360));
        ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("mode", ImGuiTableColumnFlags_WidthFixed, ui.px(380));
        for (const auto& s : sessions_between(m.store(), today, last)) {
            if (s.cancelled) continue;
            const Official* o = name_of(s.official_uuid);
            if (!o) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            char date[32];
            std::snprintf(date, sizeof date, "%02u.%02u, %s–%s", unsigned(s.date.day()),
                          unsigned(s.date.month()), hhmm(s.start_minute).c_str(),
                          hhmm(s.end_minute).c_str());
            ImGui::TextUnformatted(date);
            ImGui::TableNextColumn();
            ui.text(full_name(*o));
            const std::string& position = m.lang() == Lang::kk ? o->position_kk : o->position_ru;
            ui.text(position.empty() ? m.t("role." + o->role) : position, nullptr,
                    ui::colors::kMuted);
            ImGui::TableNextColumn();
            ui.text(m.t(std::string("session.mode.") + to_code(s.mode)));
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    if (nav < 0) m.back();
}

} // namespace reception::kiosk
