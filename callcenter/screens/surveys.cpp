// Satisfaction calls (reg-38): the month's call list, a sample of applicants who got a
// consultation or were refused and of walk-in visitors of a consultation who gave a phone at the
// desk; one short questionnaire per call, and the month's figures.
#include "screens.hpp"

#include "regulation/profile.hpp"

namespace reception::console {

static void call_list(ConsoleModel& m, ui::Ui& ui) {
    SurveyModel& sv = m.surveys();
    if (sv.calls().empty()) {
        ui.text(m.t("console.survey.none"), nullptr, ui::colors::kMuted);
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("calls", 4, flags)) return;
    for (const char* k : {"console.work.col.number", "console.work.col.applicant",
                          "console.survey.col.phone", "console.survey.col.reason"})
        ImGui::TableSetupColumn(m.t(k).c_str());
    ImGui::TableHeadersRow();
    for (const auto& c : sv.calls()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        bool chosen = sv.selected() && sv.selected()->key() == c.key();
        if (ImGui::Selectable((c.reg_number + "##" + c.key()).c_str(), chosen,
                              ImGuiSelectableFlags_SpanAllColumns))
            sv.select(c.key());
        ui.tappables.push_back({c.reg_number, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
        ImGui::TableNextColumn();
        std::string who = c.walk_in_uuid.empty() ? c.applicant : m.t("console.survey.walk_in");
        ImGui::TextUnformatted(who.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.phone.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.t("console.survey.reason." + c.reason).c_str());
    }
    ImGui::EndTable();
}

static void questionnaire(ConsoleModel& m, ui::Ui& ui, Instant now) {
    SurveyModel& sv = m.surveys();
    if (!sv.selected()) return;
    SurveyAnswer& a = sv.answer();
    ImGui::Separator();
    heading(ui, sv.selected()->reg_number + " · " + sv.selected()->applicant + " · " +
                    sv.selected()->phone);
    ui.text(m.t("console.survey.script"), nullptr, ui::colors::kMuted);
    check_box(ui, m.t("console.survey.reached"), 1, &a.reached);
    if (a.reached) {
        field_label(m.t("console.survey.rating"), sv.errors().count("rating") > 0);
        float h = ImGui::GetFrameHeight() + ui.px(10);
        for (int r = 1; r <= 5; ++r) {
            if (r > 1) ImGui::SameLine();
            if (ui.button(std::to_string(r) + "##rating", ImVec2(h * 1.5f, h), a.rating == r,
                          false))
                a.rating = r;
        }
        ImGui::SameLine();
        ui.text(m.t("console.survey.scale"), nullptr, ui::colors::kMuted);
        error_line(m, ui, sv.errors(), "rating");
    }
    text_area(m, ui, "comment", m.t("console.survey.comment"), &a.comment, sv.errors(),
              ImVec2(ImGui::GetContentRegionAvail().x, ui.px(100)));
    for (const char* f : {"application", "store", "reason"}) error_line(m, ui, sv.errors(), f);
    if (key_button(ui, m.t("console.survey.save"), keys::kF1 + 9,
                   ImVec2(ui.px(420), ImGui::GetFrameHeight() + ui.px(10))))
        sv.save(m.actor(), now);
}

void draw_surveys(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    SurveyModel& sv = m.surveys();
    if (st.focus_first_field) {
        st.focus_first_field = false;
        if (sv.first().ok())
            sv.refresh();
        else
            sv.open(local_date(now));
    }
    float h = ImGui::GetFrameHeight() + ui.px(10);
    if (ui.button("<##prev", ImVec2(h, h), false, false)) sv.shift(-1);
    ImGui::SameLine();
    heading(ui, m.tf("console.survey.title",
                     {{"month", m.t("month." + std::to_string(unsigned(sv.first().month()))) + " " +
                                    std::to_string(int(sv.first().year()))}}));
    ImGui::SameLine();
    if (ui.button(">##next", ImVec2(h, h), false, false)) sv.shift(1);
    const SurveyFigures& f = sv.figures();
    ui.text(m.tf("console.survey.figures", {{"called", std::to_string(f.called)},
                                            {"answered", std::to_string(f.answered)},
                                            {"satisfied", std::to_string(f.satisfied)}}),
            nullptr, ui::colors::kMuted);
    // reg-38 asks for selective surveys: the list is a sample the software draws.
    const auto& sample = m.context().profile.survey_sample;
    ui.text(m.tf("console.survey.sample", {{"percent", std::to_string(sample.percent)},
                                           {"at_least", std::to_string(sample.at_least)}}),
            nullptr, ui::colors::kMuted);
    if (sv.saved()) ui.text(m.t("console.survey.saved"), nullptr, ui::colors::kChosen);
    call_list(m, ui);
    questionnaire(m, ui, now);
}

} // namespace reception::console
