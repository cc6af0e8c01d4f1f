// Status lookup: by registration number, the receipt's check code, phone or IIN. The sentences on
// the right are written to be read to a caller as they stand.
#include "screens.hpp"

#include "base/public_code.hpp"
#include "base/validation.hpp"

namespace reception::console {

static void results_table(ConsoleModel& m, ui::Ui& ui, Instant now) {
    LookupModel& lk = m.lookup();
    if (lk.results().size() < 2) return;
    ui.text(m.tf("console.lookup.found", {{"count", std::to_string(lk.results().size())}}));
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("results", 3, flags)) return;
    for (const auto& a : lk.results()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        bool chosen = lk.detail() && lk.detail()->app.uuid == a.uuid;
        if (ImGui::Selectable((a.reg_number + "##" + a.uuid).c_str(), chosen,
                              ImGuiSelectableFlags_SpanAllColumns))
            lk.select(a.uuid, m.lang(), now);
        ui.tappables.push_back({a.reg_number, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(dotted_date(a.registered_on).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.t(std::string("app.state.") + to_code(a.state)).c_str());
    }
    ImGui::EndTable();
}

static void history_table(ConsoleModel& m, const LookupDetail& d) {
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("history", 3, flags)) return;
    ImGui::TableSetupColumn(m.t("console.lookup.when").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(m.t("console.lookup.who").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(m.t("console.lookup.what").c_str());
    ImGui::TableHeadersRow();
    for (const auto& h : d.history) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(h.when.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(h.who.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", h.what.c_str());
    }
    ImGui::EndTable();
}

static void detail(ConsoleModel& m, ui::Ui& ui, const LookupDetail& d) {
    const Application& a = d.app;
    heading(ui,
            a.reg_number + (a.oral_protocol_number.empty() ? "" : " · " + a.oral_protocol_number));
    std::string who = trim(a.applicant.surname + " " + a.applicant.name);
    std::string channel = m.t(std::string("channel.") + to_code(a.channel));
    if (is_public_code(a.public_code))
        channel +=
            " · " + m.tf("console.case.check_code", {{"check", check_code_of(a.public_code)}});
    ui.text(who.empty() ? channel : who + " · " + channel, nullptr, ui::colors::kMuted);
    ui.text("«" + a.essence + "»", nullptr, ui::colors::kMuted);
    ImGui::Spacing();
    ui.text(m.t("console.lookup.read_out"), nullptr, ui::colors::kMuted);
    ImGui::PushFont(ui.fonts.large);
    ImGui::PushTextWrapPos(0);
    for (const auto& s : d.summary) ImGui::TextUnformatted(s.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::Spacing();
    heading(ui, m.t("console.lookup.history"));
    history_table(m, d);
}

void draw_lookup(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    LookupModel& lk = m.lookup();
    float h = ImGui::GetFrameHeight() + ui.px(10);
    heading(ui, m.t("console.lookup.title"));
    if (st.focus_first_field) {
        ImGui::SetKeyboardFocusHere();
        st.focus_first_field = false;
    }
    FieldErrors e;
    if (!lk.error().empty()) e["query"] = lk.error();
    bool enter =
        text_field(m, ui, "query", m.t("console.lookup.query"), &lk.query(), e, ui.px(900));
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
    if (ui.button(m.t("console.lookup.search") + "  Enter##search", ImVec2(ui.px(360), h)) || enter)
        lk.search(m.lang(), now);
    ImGui::Separator();
    results_table(m, ui, now);
    if (lk.detail()) detail(m, ui, *lk.detail());
}

} // namespace reception::console
