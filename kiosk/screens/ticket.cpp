// Taking a queue ticket: the service, an out-of-turn category (reg-12), the number.
#include "screens.hpp"

namespace reception::kiosk {

void draw_service(KioskModel& m, ui::Ui& ui, Instant now) {
    int nav = header(m, ui, m.t("ui.choose_service"), "");
    // After hours: no service button to tap for a ticket nobody would call, and when to come.
    std::string closed = m.tickets_closed_text(now);
    if (!closed.empty()) {
        ImGui::Dummy(ImVec2(0, ui.px(60)));
        ui.centered_text(closed, ui.fonts.large, ui::colors::kError);
        ImGui::Dummy(ImVec2(0, ui.px(40)));
        float w = std::min(ImGui::GetContentRegionAvail().x, ui.px(900));
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (ImGui::GetContentRegionAvail().x - w) / 2);
        if (ui.button(m.t("ui.sign_up"), ImVec2(w, ui.px(150)))) m.start_signup();
        if (nav < 0) m.back();
        return;
    }
    for (const auto& s : m.profile().services) {
        ImGui::PushFont(ui.fonts.large);
        bool tapped = ui.button(s.name(lang_code(m.lang())), ImVec2(-1, ui.px(150)));
        ImGui::PopFont();
        // What a ticket taken now would wait, before it is taken.
        ui.centered_text(m.service_wait_text(s.code, now), ui.fonts.body);
        if (tapped) m.choose_service(s.code);
    }
    if (nav < 0) m.back();
}

void draw_category(KioskModel& m, ui::Ui& ui, Instant now) {
    int nav = header(m, ui, m.t("ui.out_of_turn"), "");
    if (nav < 0) {
        m.back();
        return;
    }
    ui.text(m.t("ui.category_check_note"), nullptr, ui::colors::kMuted);
    if (ui.button(m.t("ui.no_category"), ImVec2(-1, ui.px(130)))) {
        m.choose_category("", now);
        return;
    }
    ImGui::BeginChild("categories", ImVec2(0, 0), false);
    ui.drag_scroll();
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float w = (ImGui::GetContentRegionAvail().x - gap) / 2;
    const auto& all = m.profile().out_of_turn;
    float row_h = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        const auto& c = all[i];
        std::string name = c.name(lang_code(m.lang()));
        if (i % 2) {
            ImGui::SameLine();
        } else {
            std::string next = i + 1 < all.size() ? all[i + 1].name(lang_code(m.lang())) : "";
            row_h = wrapped_row_height(ui, name, next, w, ui.px(112));
        }
        // Long names wrap inside the button rather than being cut.
        bool tapped = wrapped_button(ui, name, c.code, ImVec2(w, row_h), false);
        if (tapped) {
            ImGui::EndChild();
            m.choose_category(c.code, now);
            return;
        }
    }
    ImGui::EndChild();
}

// The ticket's own lines: its number, service and out-of-turn category.
static void ticket_number_part(KioskModel& m, ui::Ui& ui, const Ticket& t) {
    ui.centered_text(m.t("ui.your_number"), ui.fonts.large);
    ui.centered_text(t.number, ui.fonts.huge);
    const Service* s = m.profile().service(t.service);
    ui.centered_text(s ? s->name(lang_code(m.lang())) : t.service, ui.fonts.large);
    if (const NamedCode* c = m.profile().category(t.category)) {
        ui.centered_text(m.t("ui.out_of_turn") + ": " + c->name(lang_code(m.lang())));
        ui.centered_text(m.t("ui.category_check_note"), nullptr, ui::colors::kMuted);
    }
}

// What the visitor does now: the people ahead, the wait, where to wait, the printer's news and
// the turn SMS.
static void ticket_wait_part(KioskModel& m, ui::Ui& ui, const Ticket& t) {
    ui.centered_text(m.tf("ui.people_ahead", {{"count", std::to_string(m.people_ahead())}}),
                     ui.fonts.large);
    ui.centered_text(m.wait_text(), ui.fonts.large);
    ui.centered_text(m.t("ui.where_to_wait"));
    ui.centered_text(local_time_text(t.issued_at), nullptr, ui::colors::kMuted);
    // The number is on the screen before the printer is tried, to be noted down; a printer that
    // failed loses nothing.
    PrintNotice note = m.print_notice(t.number);
    if (!note.text.empty())
        ui.centered_text(note.text, ui.fonts.large, note.failed ? ui::colors::kError : 0);
    if (const auto& turn = m.turn_text())
        ui.centered_text(m.tf("ui.turn_text_taken", {{"phone", masked_phone(turn->phone)}}));
    if (m.turn_text_offered()) {
        // Optional and below everything the ticket says: taking a ticket stays two taps.
        ImGui::Dummy(ImVec2(0, ui.px(10)));
        float w = std::min(ImGui::GetContentRegionAvail().x, ui.px(900));
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (ImGui::GetContentRegionAvail().x - w) / 2);
        if (ui.button(m.t("ui.turn_text_offer"), ImVec2(w, ui.px(110)), false, false))
            m.start_turn_text();
    }
}

void draw_ticket(KioskModel& m, ui::Ui& ui) {
    const auto& t = m.ticket();
    if (!t) {
        m.go(Screen::Start);
        return;
    }
    if (!m.large_text()) {
        ticket_number_part(m, ui, *t);
        ticket_wait_part(m, ui, *t);
        if (done_button(m, ui)) m.reset();
        return;
    }
    // Large text makes one column taller than the screen, and Done covered the wait: the
    // ticket and Done on the left, what to do now on the right (it scrolls when the printer's
    // news makes it longer still), each the full height.
    float gap = ImGui::GetStyle().ItemSpacing.x;
    ImVec2 half((ImGui::GetContentRegionAvail().x - gap) / 2, ImGui::GetContentRegionAvail().y);
    bool done = false;
    ImGui::BeginChild("ticket_number", half, false, ImGuiWindowFlags_NoScrollbar);
    ticket_number_part(m, ui, *t);
    done = done_button(m, ui);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("ticket_wait", half, false);
    ui.drag_scroll();
    ticket_wait_part(m, ui, *t);
    ImGui::EndChild();
    if (done) m.reset();
}

// "Text me when my turn is near": the mobile number on the digit keyboard, then back to the
// ticket. The number stays on this kiosk and the server only (queue/turn_text.hpp).
void draw_ticket_text(KioskModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    int nav = header(m, ui, m.t("ui.turn_text_title"), m.t("ui.turn_text_save"));
    ui.text(m.t("ui.turn_text_note"), nullptr, ui::colors::kMuted);
    edit_fields(m, ui, st,
                {{"phone", m.t("ui.turn_text_hint"), &m.turn_phone(), 16, ui::Layout::Digits}}, 1);
    if (nav < 0) m.back();
    if (nav > 0) m.ask_turn_text(now);
}

} // namespace reception::kiosk
