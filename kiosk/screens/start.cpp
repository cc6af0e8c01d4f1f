// The start screen and the month's schedule (reg-8).
#include "schedule/schedule.hpp"
#include "screens.hpp"

#include <algorithm>
#include <cstdio>

namespace reception::kiosk {

// A speaker with sound waves, drawn: Noto Sans has no 🔊, and Dear ImGui here keeps 16-bit
// characters, so no emoji can be in the atlas.
static void speaker_sign(ImDrawList* dl, ImVec2 at, float h, ImU32 color) {
    float u = h / 8;
    ImVec2 body[] = {{at.x, at.y + 3 * u},         {at.x + 2 * u, at.y + 3 * u},
                     {at.x + 5 * u, at.y},         {at.x + 5 * u, at.y + 8 * u},
                     {at.x + 2 * u, at.y + 5 * u}, {at.x, at.y + 5 * u}};
    dl->AddConvexPolyFilled(body, 6, color);
    ImVec2 c(at.x + 5 * u, at.y + 4 * u);
    for (float r : {2.2f * u, 3.8f * u}) {
        dl->PathArcTo(c, r, -0.9f, 0.9f, 12);
        dl->PathStroke(color, 0, 0.7f * u);
    }
}

// A button of the row for visitors who cannot read the screen: yellow and black, the colours
// people with weak sight find first, with the speaker drawn before the words when sign is set.
static bool assist_button(ui::Ui& ui, const std::string& label, float w, float h, bool chosen,
                          bool sign = false) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    bool tapped = ui.button("##" + label, ImVec2(w, h), chosen, false);
    ui.tappables.back().label = label;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 bg = ImGui::IsItemActive() ? IM_COL32(214, 170, 0, 255)
               : chosen              ? ui::colors::kChosen
                                     : ui::colors::kHighlight;
    ImU32 fg = chosen ? IM_COL32(255, 255, 255, 255) : ui::colors::kText;
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), bg, ImGui::GetStyle().FrameRounding);
    dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), ui::colors::kText,
                ImGui::GetStyle().FrameRounding, 0, ui.px(3));
    std::string text = (chosen ? "✓ " : "") + label;
    ImVec2 size = ImGui::CalcTextSize(text.c_str());
    float sign_w = sign ? size.y * 1.3f : 0;
    float x = pos.x + std::max(ui.px(12), (w - size.x - sign_w) / 2);
    if (sign) speaker_sign(dl, ImVec2(x, pos.y + (h - size.y) / 2), size.y, fg);
    dl->AddText(ImVec2(x + sign_w, pos.y + (h - size.y) / 2), fg, text.c_str());
    return tapped;
}

// Speech mode (with its volume while on) and large text, along the bottom of the screen.
static void assist_row(KioskModel& m, ui::Ui& ui, float h) {
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float full = ImGui::GetContentRegionAvail().x;
    bool speech = m.speech().on;
    // Off: two wide buttons in the middle; on: the volume between them, all across.
    float w = speech ? (full - 3 * gap) / 4 : std::min((full - gap) / 2, ui.px(640));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (speech ? 0 : (full - 2 * w - gap) / 2));
    if (assist_button(ui, m.t("ui.speech"), w, h, speech, true)) m.set_speech(!speech);
    if (speech) {
        ImGui::SameLine();
        if (assist_button(ui, "– " + m.t("ui.volume_down"), w, h, false)) m.change_volume(-1);
        ImGui::SameLine();
        if (assist_button(ui, "+ " + m.t("ui.volume_up"), w, h, false)) m.change_volume(+1);
    }
    ImGui::SameLine();
    if (assist_button(ui, "Aa " + m.t("ui.large_text"), w, h, m.large_text()))
        m.set_large_text(!m.large_text());
}

void draw_start(KioskModel& m, ui::Ui& ui, Instant now) {
    // The choices take what the row at the bottom leaves: with large text they grow less
    // than the words in them, and stay on the screen.
    float sp = ImGui::GetStyle().ItemSpacing.y, row_h = ui.px(130);
    float room = ImGui::GetContentRegionAvail().y - ui.fonts.large->FontSize -
                 ImGui::GetTextLineHeightWithSpacing() - row_h - 7 * sp;
    float fit = std::min(1.0f, room / ui.px(30 + 30 + 190 + 190 + 150));
    ImGui::Dummy(ImVec2(0, ui.px(30) * fit));
    ui.centered_text(m.config().accepted_where, ui.fonts.large);
    ui.centered_text(m.hours_text(now), nullptr, ui::colors::kMuted); // reg-4
    ImGui::Dummy(ImVec2(0, ui.px(30) * fit));
    float w = std::min(ImGui::GetContentRegionAvail().x, ui.px(1100));
    float x = (ImGui::GetContentRegionAvail().x - w) / 2;
    ImGui::PushFont(ui.fonts.large);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
    if (ui.button(m.t("ui.take_ticket"), ImVec2(w, ui.px(190) * fit))) m.start_ticket();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
    if (ui.button(m.t("ui.sign_up"), ImVec2(w, ui.px(190) * fit))) m.start_signup();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
    if (ui.button(m.t("ui.schedule"), ImVec2(w, ui.px(150) * fit), false, false))
        m.go(Screen::Schedule);
    ImGui::PopFont();
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), ImGui::GetWindowHeight() - row_h));
    assist_row(m, ui, row_h);
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
