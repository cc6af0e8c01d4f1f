// The desk: open it (number and services), then call the queue with buttons or F5-F11. The
// visitor's number is large, the claimed out-of-turn category stands out so the clerk asks
// for the document, and the waiting room is summed up per service on the right.
#include "screens.hpp"

#include <imgui_stdlib.h>

namespace reception::console {

static void open_form(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    DeskModel& d = m.desk();
    float h = ImGui::GetFrameHeight() + ui.px(10);
    heading(ui, m.t("console.desk.open_title"));
    if (st.focus_first_field) {
        ImGui::SetKeyboardFocusHere();
        st.focus_first_field = false;
    }
    bool enter = text_field(m, ui, "desk_number", m.t("console.desk.number"), &d.number(),
                            d.errors(), ui.px(300));
    ImGui::TextUnformatted(m.t("console.desk.services").c_str());
    int digit = 1;
    for (const auto& s : m.context().profile.services) {
        bool on = d.services().count(s.code) != 0;
        check_box(ui, service_name(m, s.code), digit++, &on);
        if (on)
            d.services().insert(s.code);
        else
            d.services().erase(s.code);
    }
    error_line(m, ui, d.errors(), "services");
    ImGui::Spacing();
    if (ui.button(m.t("console.desk.open") + "  Enter##open", ImVec2(ui.px(420), h)) || enter ||
        key_pressed(keys::kEnter))
        d.open(m.actor(), now);
}

static void current_ticket(ConsoleModel& m, ui::Ui& ui) {
    const auto& t = m.desk().current();
    if (!t) {
        ui.text(m.t("console.desk.nobody"), ui.fonts.large, ui::colors::kMuted);
        return;
    }
    ImGui::PushFont(ui.fonts.huge);
    ImGui::TextUnformatted(t->number.c_str());
    ImGui::PopFont();
    ui.text(service_name(m, t->service) + " · " +
                m.t(std::string("ticket.state.") + to_code(t->state)) + " · " +
                m.t("lang." + t->language),
            ui.fonts.large);
    if (t->state == TicketState::Called) // reg-12: the no-show comes after the recalls
        ui.text(m.tf("console.desk.recalls",
                     {{"made", std::to_string(m.desk().recalls())},
                      {"allowed", std::to_string(m.context().profile.queue_policy.recalls)}}),
                nullptr, ui::colors::kMuted);
    if (t->category.empty()) return;
    // reg-12: the category is only a claim until the clerk has seen the document.
    const NamedCode* c = m.context().profile.category(t->category);
    std::string name = c ? c->name(lang_code(m.lang())) : t->category;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::colors::kHighlight);
    ImGui::BeginChild("category", ImVec2(0, ImGui::GetTextLineHeight() * 3.2f), false);
    ui.text(m.t("ui.out_of_turn") + ": " + name, ui.fonts.large);
    ui.text(m.t("console.desk.check_document"));
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

static void category_removal(ConsoleModel& m, ui::Ui& ui, Instant now) {
    DeskModel& d = m.desk();
    if (!d.current() || d.current()->category.empty()) return;
    float h = ImGui::GetFrameHeight() + ui.px(10);
    text_field(m, ui, "category_reason", m.t("console.desk.category_reason"), &d.category_reason(),
               d.errors(), ui.px(700));
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
    if (ui.button(m.t("console.desk.remove_category") + "##rm", ImVec2(ui.px(520), h), false,
                  false))
        d.remove_category(m.actor(), now);
}

// reg-38: a consultation through the queue can be surveyed too, when the visitor agrees.
static void survey_contact(ConsoleModel& m, ui::Ui& ui, Instant now) {
    DeskModel& d = m.desk();
    const auto& t = d.current();
    if (!t || t->state != TicketState::Serving || t->service != "consultation") return;
    if (d.survey_contact_given()) {
        ui.text(m.t("console.desk.survey_saved"), nullptr, ui::colors::kChosen);
        return;
    }
    float h = ImGui::GetFrameHeight() + ui.px(10);
    text_field(m, ui, "phone", m.t("console.desk.survey_phone"), &d.survey_phone(), d.errors(),
               ui.px(420));
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
    check_box(ui, m.t("console.desk.survey_consent"), 6, &d.survey_consent());
    error_line(m, ui, d.errors(), "consent");
    if (ui.button(m.t("console.desk.survey_give") + "##survey", ImVec2(ui.px(520), h), false,
                  false))
        d.give_survey_contact(m.actor(), now);
}

// reg-12 out of order: the clerk picks a waiting ticket and says why; the reason is logged.
static void call_out_of_order(ConsoleModel& m, ui::Ui& ui, Instant now) {
    DeskModel& d = m.desk();
    if (!d.can(DeskAction::CallNext) || d.waiting_list().empty()) return;
    float h = ImGui::GetFrameHeight() + ui.px(10);
    heading(ui, m.t("console.desk.out_of_order_title"));
    auto label = [&](const Ticket& t) {
        long waited = std::chrono::duration_cast<std::chrono::minutes>(now - t.issued_at).count();
        return t.number + " · " + service_name(m, t.service) + " · " +
               m.tf("console.desk.minutes", {{"minutes", std::to_string(std::max(0L, waited))}});
    };
    std::string shown = m.t("console.desk.choose_ticket");
    for (const auto& t : d.waiting_list())
        if (t.uuid == d.chosen_ticket()) shown = label(t);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::BeginCombo("##chosen_ticket", shown.c_str())) {
        for (const auto& t : d.waiting_list())
            if (ImGui::Selectable((label(t) + "##" + t.uuid).c_str(), t.uuid == d.chosen_ticket()))
                d.chosen_ticket() = t.uuid;
        ImGui::EndCombo();
    }
    text_field(m, ui, "call_reason", m.t("console.desk.call_reason"), &d.call_reason(), d.errors(),
               ui.px(700));
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
    if (ui.button(m.t("console.desk.call_chosen") + "##chosen", ImVec2(ui.px(520), h), false,
                  false))
        d.call_chosen(m.actor(), now);
}

// Today's figures of every desk: served, average wait and visit, idle time (minutes).
static void desk_figures(ConsoleModel& m, ui::Ui& ui) {
    const auto& stats = m.desk().stats();
    if (stats.empty()) return;
    heading(ui, m.t("console.desk.stats_title"));
    ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("desk_stats", 5, flags)) return;
    for (const char* key :
         {"console.desk.stats_desk", "console.desk.stats_served", "console.desk.stats_wait",
          "console.desk.stats_service", "console.desk.stats_idle"})
        ImGui::TableSetupColumn(m.t(key).c_str());
    ImGui::TableHeadersRow();
    auto whole = [](double v) { return std::to_string(int(v + 0.5)); };
    for (const auto& s : stats) {
        ImGui::TableNextRow();
        for (const std::string& cell : {s.desk, std::to_string(s.served), whole(s.avg_wait_min),
                                        whole(s.avg_service_min), whole(s.idle_min)}) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(cell.c_str());
        }
    }
    ImGui::EndTable();
    ui.text(m.t("console.desk.stats_note"), nullptr, ui::colors::kMuted);
}

// reg-12: today's no-shows who may still come back, each with its button.
static void no_shows(ConsoleModel& m, ui::Ui& ui, Instant now) {
    DeskModel& d = m.desk();
    if (d.no_shows().empty()) return;
    heading(ui, m.t("console.desk.no_shows_title"));
    float h = ImGui::GetFrameHeight() + ui.px(6);
    for (const auto& t : d.no_shows()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(t.number.c_str());
        ImGui::SameLine(ui.px(140));
        if (ui.button(m.t("console.desk.reactivate") + "##" + t.uuid,
                      ImVec2(ImGui::GetContentRegionAvail().x, h), false, false))
            d.reactivate(t.uuid, m.actor(), now);
    }
}

static void transfer_panel(ConsoleModel& m, ui::Ui& ui) {
    DeskModel& d = m.desk();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(m.t("console.desk.transfer_to").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui.px(420));
    std::string shown = d.transfer_service().empty() ? m.t("console.desk.choose_service")
                                                     : service_name(m, d.transfer_service());
    if (ImGui::BeginCombo("##transfer_service", shown.c_str())) {
        for (const auto& s : m.context().profile.services)
            if (ImGui::Selectable(service_name(m, s.code).c_str(), s.code == d.transfer_service()))
                d.transfer_service() = s.code;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(m.t("console.desk.transfer_desk").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui.px(120));
    ImGui::InputText("##transfer_desk", &d.transfer_desk(), ImGuiInputTextFlags_CharsDecimal);
    error_line(m, ui, d.errors(), "transfer_service");
    error_line(m, ui, d.errors(), "transfer_desk");
}

static void action_buttons(ConsoleModel& m, ui::Ui& ui, Instant now) {
    DeskModel& d = m.desk();
    float h = ImGui::GetFrameHeight() + ui.px(16);
    float w = (ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
    struct Action {
        DeskAction a;
        const char* key;
        int fkey;
    };
    const Action actions[] = {
        {DeskAction::CallNext, "ui.call_next", 5}, {DeskAction::Recall, "ui.recall", 6},
        {DeskAction::NoShow, "ui.no_show", 7},     {DeskAction::Start, "console.desk.start", 8},
        {DeskAction::Finish, "ui.finish", 9},      {DeskAction::Transfer, "ui.transfer", 10},
    };
    int i = 0;
    for (const auto& a : actions) {
        if (i++ % 4 != 0) ImGui::SameLine();
        if (key_button(ui, m.t(a.key), keys::kF1 + a.fkey - 1, ImVec2(w, h), d.can(a.a),
                       a.a == DeskAction::CallNext))
            d.act(a.a, m.actor(), now);
    }
    ImGui::SameLine();
    bool paused = d.desk()->state == DeskState::Paused;
    DeskAction pr = paused ? DeskAction::Resume : DeskAction::Pause;
    if (key_button(ui, m.t(paused ? "console.desk.resume" : "ui.pause"), keys::kF1 + 10,
                   ImVec2(w, h), d.can(pr), false))
        d.act(pr, m.actor(), now);
    ImGui::SameLine();
    bool serving = d.current() && d.current()->state == TicketState::Serving;
    if (key_button(ui, m.t("console.desk.record"), keys::kF1 + 11, ImVec2(w, h), serving, false))
        m.start_record_from_desk();
}

static void messages(ConsoleModel& m, ui::Ui& ui) {
    DeskModel& d = m.desk();
    for (const char* field : {"desk", "actor", "ticket"}) error_line(m, ui, d.errors(), field);
    if (!d.notice().empty()) ui.text(m.t(d.notice()), ui.fonts.large, ui::colors::kChosen);
}

static void waiting_room(ConsoleModel& m, ui::Ui& ui) {
    heading(ui, m.t("console.desk.waiting_title"));
    // reg-3: in the room's last hour, the same-day visitors who must still be seen today.
    if (const auto& left = m.desk().same_day_left())
        ui.text(m.tf("console.desk.same_day_left",
                     {{"waiting", std::to_string(left->waiting)},
                      {"minutes", std::to_string(left->minutes_to_closing)},
                      {"time", hhmm(left->closes_at)}}),
                nullptr, ui::colors::kError);
    ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("waiting", 3, flags)) return;
    ImGui::TableSetupColumn(m.t("console.desk.service").c_str());
    ImGui::TableSetupColumn(m.t("console.desk.waiting").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(m.t("console.desk.longest").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (const auto& code : m.desk().desk()->services) {
        int count = 0, longest = 0;
        for (const auto& w : m.desk().waiting())
            if (w.service == code) {
                count = w.waiting;
                longest = w.longest_wait_minutes;
            }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", service_name(m, code).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", count);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(
            m.tf("console.desk.minutes", {{"minutes", std::to_string(longest)}}).c_str());
    }
    ImGui::EndTable();
}

void draw_desk(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    DeskModel& d = m.desk();
    if (!d.desk()) {
        open_form(m, ui, st, now);
        return;
    }
    d.refresh(now); // a kiosk or another desk may have changed the queue since the last frame
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float avail = ImGui::GetContentRegionAvail().x;
    float left_w = avail * 0.66f;
    ImGui::BeginChild("desk", ImVec2(left_w, 0));
    std::string state = m.t(std::string("console.desk.state.") + to_code(d.desk()->state));
    heading(ui, m.tf("ui.desk", {{"desk", d.desk()->number}}) + " · " + state);
    current_ticket(m, ui);
    ImGui::Spacing();
    action_buttons(m, ui, now);
    if (d.can(DeskAction::Transfer)) transfer_panel(m, ui);
    category_removal(m, ui, now);
    survey_contact(m, ui, now);
    messages(m, ui);
    call_out_of_order(m, ui, now);
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("room", ImVec2(0, 0));
    waiting_room(m, ui);
    ImGui::Spacing();
    no_shows(m, ui, now);
    ImGui::Spacing();
    float h = ImGui::GetFrameHeight() + ui.px(10);
    if (ui.button(m.t("console.desk.close") + "##close", ImVec2(ui.px(360), h), false, false))
        d.close(m.actor(), now);
    ImGui::Spacing();
    desk_figures(m, ui);
    ImGui::EndChild();
}

} // namespace reception::console
