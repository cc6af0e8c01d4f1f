// The quarter's report (reg-40): the figures on screen with bar charts, and the files for the
// Government Apparatus (PDF, CSV) and for the press (reg-24, no personal data).
#include "screens.hpp"

#include <algorithm>

namespace reception::console {

// Horizontal bars: a label, a bar as long as its share of the largest, the count.
static void bars(ui::Ui& ui, const std::vector<CountRow>& rows) {
    int most = 1;
    for (const auto& r : rows) most = std::max(most, r.count);
    float label_w = ui.px(520), bar_w = ImGui::GetContentRegionAvail().x - label_w - ui.px(120);
    float h = ImGui::GetTextLineHeight();
    for (const auto& r : rows) {
        ImGui::TextUnformatted((r.label.empty() ? r.code : r.label).c_str());
        ImGui::SameLine(label_w);
        ImVec2 p = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p, ImVec2(p.x + bar_w, p.y + h), ui::colors::kSecondary);
        dl->AddRectFilled(p, ImVec2(p.x + bar_w * float(r.count) / float(most), p.y + h),
                          ui::colors::kButton);
        ImGui::Dummy(ImVec2(bar_w, h));
        ImGui::SameLine();
        ImGui::Text("%d", r.count);
    }
}

// A row's figures after its name; the one at `red_at` in red when it is not zero.
static void figure_cells(std::initializer_list<int> values, int red_at) {
    int i = 0;
    for (int v : values) {
        ImGui::TableNextColumn();
        bool red = i++ == red_at && v > 0;
        ImGui::PushStyleColor(ImGuiCol_Text, red ? ui::colors::kError : ui::colors::kText);
        ImGui::Text("%d", v);
        ImGui::PopStyleColor();
    }
}

static void deadlines(ConsoleModel& m, const QuarterReport& r) {
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("deadlines", 5, flags)) return;
    for (const char* k : {"report.col.deadline", "clock.state.met", "clock.state.met_late",
                          "clock.state.overdue", "clock.state.running"})
        ImGui::TableSetupColumn(m.t(k).c_str());
    ImGui::TableHeadersRow();
    for (const auto& c : r.clocks) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", m.t("clock." + c.code).c_str());
        figure_cells({c.met, c.met_late, c.overdue, c.running}, 2); // missed in red
    }
    ImGui::EndTable();
}

// reg-3: per service, what became of the tickets; "not received the same day" red when any.
static void queue_table(ConsoleModel& m, const QuarterReport& r) {
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("queue", 6, flags)) return;
    for (const char* k :
         {"report.queue.service", "report.queue.tickets", "report.queue.received",
          "report.queue.no_show", "report.queue.transferred", "report.queue.not_received"})
        ImGui::TableSetupColumn(m.t(k).c_str());
    ImGui::TableHeadersRow();
    for (const auto& q : r.queue) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", service_name(m, q.service).c_str());
        figure_cells({q.tickets, q.received, q.no_show, q.transferred, q.not_received}, 4);
    }
    ImGui::EndTable();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kMuted);
    ImGui::TextWrapped("%s", m.t("report.queue.note").c_str());
    ImGui::PopStyleColor();
}

static void figures(ConsoleModel& m, ui::Ui& ui, const QuarterReport& r) {
    ui.text(
        m.tf("console.report.totals", {{"registered", std::to_string(r.registered)},
                                       {"personal", std::to_string(r.from_personal_reception)}}));
    heading(ui, m.t("report.by_channel"));
    bars(ui, r.by_channel);
    heading(ui, m.t("report.by_outcome"));
    bars(ui, r.by_outcome);
    heading(ui, m.t("report.by_month"));
    bars(ui, r.by_month);
    heading(ui, m.t("report.by_official"));
    bars(ui, r.by_official);
    heading(ui, m.t("report.deadlines"));
    deadlines(m, r);
    heading(ui, m.t("report.queue"));
    queue_table(m, r);
    heading(ui, m.t("report.survey"));
    ui.text(m.tf("console.survey.figures", {{"called", std::to_string(r.survey.called)},
                                            {"answered", std::to_string(r.survey.answered)},
                                            {"satisfied", std::to_string(r.survey.satisfied)}}));
}

void draw_reports(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    ReportModel& rm = m.reports();
    if (st.focus_first_field || !rm.report() || rm.made_in() != m.lang()) {
        if (st.focus_first_field && !rm.report()) rm.open(local_date(now));
        st.focus_first_field = false;
        rm.make(m.lang(), now);
    }
    float h = ImGui::GetFrameHeight() + ui.px(10);
    if (ui.button("<##prev", ImVec2(h, h), false, false)) rm.shift(-1, m.lang(), now);
    ImGui::SameLine();
    heading(ui, m.t("report.title") + " — " + rm.report()->title);
    ImGui::SameLine();
    if (ui.button(">##next", ImVec2(h, h), false, false)) rm.shift(1, m.lang(), now);
    ImGui::SameLine();
    if (ui.button(m.t("console.report.export") + "##export", ImVec2(0, h), false, true))
        rm.export_files(m.lang());
    for (const auto& f : rm.exported().files) ui.text(f, nullptr, ui::colors::kMuted);
    if (!rm.exported().error.empty())
        ui.text(m.tf("console.export_failed", {{"what", rm.exported().error}}), nullptr,
                ui::colors::kError);
    ImGui::Separator();
    ImGui::BeginChild("figures");
    figures(m, ui, *rm.report());
    ImGui::EndChild();
}

} // namespace reception::console
