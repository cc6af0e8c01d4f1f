// The waiting-room board (reception-kiosk --board): the tickets being called and their desks,
// the last few calls, the time, in Kazakh and Russian at once, readable from 5 m. Ticket
// numbers only, never a name.
#include "board.hpp"

#include "kiosk_model.hpp"
#include "ticket_queue.hpp"

#include <cstdio>

namespace reception::kiosk {

void BoardState::refresh(Store& store, const std::string& room, Instant now) {
    calls = recent_calls(store, room, local_date(now), 7);
    // A call not seen before is new: highlighted for a while, and the chime hook fires.
    for (const auto& t : calls) {
        std::string key = t.uuid + format_instant(t.called_at);
        if (seen.insert(key).second && primed) {
            highlight_until = now + std::chrono::seconds(10);
            if (on_new_call) on_new_call(t);
        }
    }
    primed = true;
}

static std::string both(const Catalog& c, const std::string& key,
                        const std::vector<std::pair<std::string, std::string>>& args = {}) {
    return c.format(Lang::kk, key, args) + " / " + c.format(Lang::ru, key, args);
}

void draw_board(const Catalog& texts, ui::Ui& ui, const BoardState& board, Instant now) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // The screen's own window draws no background: the frame is cleared to white already.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    ImGui::Begin("board", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    std::string clock = hhmm(local_minute_of_day(now));
    ui.text(both(texts, "ui.now_calling"), ui.fonts.large);
    ImGui::SameLine(io.DisplaySize.x - ui.px(220));
    ui.text(clock, ui.fonts.large);
    ImGui::Separator();
    bool fresh = now < board.highlight_until;
    ImFont* text_font = ui.fonts.board ? ui.fonts.board : ui.fonts.large;
    if (board.calls.empty()) {
        ui.centered_text(both(texts, "ui.board_empty"), ui.fonts.large, ui::colors::kMuted);
    } else {
        // The newest call: the number in the huge font (digits and Latin letters only), the
        // desk under it in the board font, which has the Kazakh and Russian letters.
        const Ticket& t = board.calls.front();
        ImVec2 p = ImGui::GetCursorScreenPos();
        float h = ui.fonts.huge->FontSize + text_font->FontSize + ui.px(70);
        ImGui::GetWindowDrawList()->AddRectFilled(
            p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y + h),
            fresh ? ui::colors::kHighlight : ui::colors::kSecondary, ui.px(16));
        ImGui::Dummy(ImVec2(0, ui.px(10)));
        ui.centered_text(t.number, ui.fonts.huge);
        ui.centered_text("→ " + both(texts, "ui.desk", {{"desk", t.desk}}), text_font);
        ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + ui.px(20)));
    }
    ui.text(both(texts, "ui.last_calls"), ui.fonts.large, ui::colors::kMuted);
    for (size_t i = 1; i < board.calls.size(); ++i) {
        const Ticket& t = board.calls[i];
        ui.text(t.number + "  →  " + both(texts, "ui.desk", {{"desk", t.desk}}), text_font);
    }
    ImGui::End();
}

} // namespace reception::kiosk
