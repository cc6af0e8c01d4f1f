// The start screen and the month's schedule (reg-8).
#include "schedule.hpp"
#include "screens.hpp"

#include <cstdio>

namespace reception::kiosk {

void draw_start(KioskModel& m, ui::Ui& ui, Instant now) {
    ImGui::Dummy(ImVec2(0, ui.px(30)));
    ui.centered_text(m.config().accepted_where, ui.fonts.large);
    ui.centered_text(m.hours_text(now), nullptr, ui::colors::kMuted); // reg-4
    ImGui::Dummy(ImVec2(0, ui.px(30)));
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
    // The whole month (reg-8), days already past in grey: a visitor asking "when did the akim
    // receive" gets an answer too.
    Date today = local_date(now);
    Date first{today.year(), today.month(), std::chrono::day{1}};
    Date last = add_days(add_months(Date{today.year(), today.month(), std::chrono::day{1}}, 1), -1);
    int nav = header(m, ui, m.t("ui.schedule"), "");
    std::vector<Official> officials = list_officials(m.store());
    std::vector<Room> rooms = list_rooms(m.store());
    auto room_name = [&](const std::string& uuid) -> std::string {
        for (const auto& r : rooms)
            if (r.uuid == uuid) return m.lang() == Lang::kk ? r.name_kk : r.name_ru;
        return "";
    };
    auto name_of = [&](const std::string& uuid) -> const Official* {
        for (const auto& o : officials)
            if (o.uuid == uuid) return &o;
        return nullptr;
    };
    ImGui::BeginChild("schedule", ImVec2(0, 0), false);
    bool scrolled = false;
    ui.drag_scroll();
    if (ImGui::BeginTable("sessions", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("date", ImGuiTableColumnFlags_WidthFixed, ui.px(360));
        ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("mode", ImGuiTableColumnFlags_WidthFixed, ui.px(380));
        for (const auto& s : sessions_between(m.store(), first, last)) {
            if (s.cancelled) continue;
            const Official* o = name_of(s.official_uuid);
            if (!o) continue;
            bool past = s.date < today;
            if (past) ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kMuted);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            char date[32];
            std::snprintf(date, sizeof date, "%02u.%02u, ", unsigned(s.date.day()),
                          unsigned(s.date.month()));
            unsigned weekday = std::chrono::weekday{std::chrono::sys_days{s.date}}.iso_encoding();
            std::string day =
                s.date == today ? m.t("ui.today") : m.t("weekday." + std::to_string(weekday));
            ui.text(date + day);
            ui.text(hhmm(s.start_minute) + "–" + hhmm(s.end_minute));
            // Opened at today's sessions: the past of the month is above, for who wants it.
            if (!past && !scrolled && ImGui::IsWindowAppearing()) {
                ImGui::SetScrollHereY(0.0f);
                scrolled = true;
            }
            ImGui::TableNextColumn();
            ui.text(full_name(*o));
            const std::string& position = m.lang() == Lang::kk ? o->position_kk : o->position_ru;
            ui.text(position.empty() ? m.t("role." + o->role) : position, nullptr,
                    ui::colors::kMuted);
            ImGui::TableNextColumn();
            ui.text(m.t(std::string("session.mode.") + to_code(s.mode)));
            ui.text(room_name(s.room_uuid), nullptr, ui::colors::kMuted);
            if (past) ImGui::PopStyleColor();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    if (nav < 0) m.back();
}

} // namespace reception::kiosk
