// The responsible employee's work list: every open application with its nearest deadline,
// overdue in red with the item it comes from; the chosen one on the right (screens/case.cpp).
#include "screens.hpp"

#include "base/validation.hpp"

namespace reception::console {

// "3 days left · item 29" or, in red, "5 days overdue · item 29".
static void deadline_cell(ConsoleModel& m, const WorkItem& w, Date today) {
    auto due = w.next_due();
    if (!due) {
        ImGui::TextUnformatted("—");
        return;
    }
    int left = days_between(today, due->on);
    std::string number = due->item.substr(due->item.find('-') + 1);
    bool late = w.overdue(today) || left < 0;
    std::string text = left < 0
                           ? m.tf("console.work.overdue_days", {{"days", std::to_string(-left)}})
                           : m.tf("console.work.days_left", {{"days", std::to_string(left)}});
    text += " · " + m.tf("console.work.item", {{"item", number}});
    ImGui::PushStyleColor(ImGuiCol_Text, late ? ui::colors::kError : ui::colors::kText);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

static std::string applicant_name(const Application& a) {
    const Applicant& p = a.applicant;
    std::string n = trim(p.surname + " " + p.name);
    return n.empty() ? p.phone : n;
}

static void work_table(ConsoleModel& m, ui::Ui& ui, Instant now) {
    CaseworkModel& cw = m.casework();
    Date today = local_date(now);
    if (cw.items().empty()) {
        ui.text(m.t("console.work.empty"), nullptr, ui::colors::kMuted);
        return;
    }
    ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("work", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(m.t("console.work.col.number").c_str(),
                            ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(m.t("console.work.col.state").c_str());
    ImGui::TableSetupColumn(m.t("console.work.col.applicant").c_str());
    ImGui::TableSetupColumn(m.t("console.work.col.deadline").c_str());
    ImGui::TableHeadersRow();
    for (const auto& w : cw.items()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        bool chosen = cw.selected() && cw.selected()->app.uuid == w.app.uuid;
        if (ImGui::Selectable((w.app.reg_number + "##" + w.app.uuid).c_str(), chosen,
                              ImGuiSelectableFlags_SpanAllColumns))
            cw.select(w.app.uuid, m.lang(), now);
        ui.tappables.push_back(
            {w.app.reg_number, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.t(std::string("app.state.") + to_code(w.app.state)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(applicant_name(w.app).c_str());
        ImGui::TableNextColumn();
        deadline_cell(m, w, today);
    }
    ImGui::EndTable();
}

// One row of states to narrow the list to, "all" first.
static void state_filter(ConsoleModel& m, ui::Ui& ui) {
    std::string& state = m.casework().filter().state;
    float h = ImGui::GetFrameHeight();
    if (ui.button(m.t("console.work.all_states") + "##state", ImVec2(0, h), state.empty(), false))
        state.clear();
    for (AppState st : {AppState::Registered, AppState::InReview, AppState::NeedsCorrection,
                        AppState::Extended, AppState::RefusalDraftSent, AppState::Hearing,
                        AppState::Scheduled, AppState::Received, AppState::OnControl}) {
        ImGui::SameLine();
        std::string code = to_code(st);
        if (ImGui::GetContentRegionAvail().x < ui.px(200)) ImGui::NewLine();
        if (ui.button(m.t("app.state." + code) + "##state", ImVec2(0, h), state == code, false))
            state = code;
    }
}

static void filter_row(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    CaseworkModel& cw = m.casework();
    float h = ImGui::GetFrameHeight() + ui.px(10);
    if (st.focus_first_field) {
        ImGui::SetKeyboardFocusHere();
        st.focus_first_field = false;
        cw.refresh(now);
    }
    bool enter =
        text_field(m, ui, "search", m.t("console.work.search"), &cw.filter().text, {}, ui.px(520));
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
    WorkFilter before = cw.filter();
    check_box(ui, m.t("console.work.only_overdue"), 1, &cw.filter().only_overdue);
    ImGui::SameLine();
    // "Mine": what is assigned to the one signed in (reg-37 assignment).
    bool mine = !cw.filter().assigned_to.empty();
    check_box(ui, m.t("console.work.only_mine"), 2, &mine);
    cw.filter().assigned_to = mine ? m.actor() : "";
    ImGui::SameLine();
    bool refresh = key_button(ui, m.t("console.work.refresh"), keys::kF1 + 4, ImVec2(0, h));
    state_filter(m, ui);
    const WorkFilter& f = cw.filter();
    bool changed = before.only_overdue != f.only_overdue || before.assigned_to != f.assigned_to ||
                   before.state != f.state;
    if (enter || refresh || changed) cw.refresh(now);
}

void draw_worklist(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    CaseworkModel& cw = m.casework();
    heading(ui, m.t("console.work.title"));
    ImGui::SameLine();
    std::string counts =
        m.tf("console.work.counts", {{"open", std::to_string(cw.items().size())},
                                     {"overdue", std::to_string(cw.overdue_count())},
                                     {"notices", std::to_string(cw.notices_due_count())}});
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(8));
    ImGui::PushStyleColor(ImGuiCol_Text,
                          cw.overdue_count() ? ui::colors::kError : ui::colors::kMuted);
    ImGui::TextUnformatted(counts.c_str());
    ImGui::PopStyleColor();
    filter_row(m, ui, st, now);
    ImGui::Separator();
    float list_w = ImGui::GetContentRegionAvail().x * 0.5f;
    ImGui::BeginChild("worklist", ImVec2(list_w, 0));
    work_table(m, ui, now);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("case", ImVec2(0, 0), true);
    if (cw.selected())
        draw_case(m, ui, now);
    else
        ui.text(m.t("console.work.choose"), nullptr, ui::colors::kMuted);
    ImGui::EndChild();
}

} // namespace reception::console
