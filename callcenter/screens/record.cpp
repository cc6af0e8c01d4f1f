// The reception record, started from the desk for the visitor being served: the identity
// document (reg-10), a representative's authority (reg-10), then applications handed in during
// the reception, each registered and marked "from personal reception" (reg-36).
#include "screens.hpp"

#include <imgui_stdlib.h>

namespace reception::console {

static void start_form(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    RecordModel& r = m.record();
    ReceptionRecordInput& in = r.input();
    const FieldErrors& e = r.errors();
    float w = ui.px(900), h = ImGui::GetFrameHeight() + ui.px(10);
    if (st.focus_first_field) {
        ImGui::SetKeyboardFocusHere();
        st.focus_first_field = false;
    }
    bool enter =
        text_field(m, ui, "visitor_name", m.t("console.record.visitor"), &in.visitor_name, e, w);
    enter |=
        text_field(m, ui, "id_document", m.t("console.record.id_document"), &in.id_document, e, w);
    check_box(ui, m.t("console.record.id_checked"), 1, &in.id_checked);
    error_line(m, ui, e, "id_checked");
    check_box(ui, m.t("console.record.representative"), 2, &in.representative);
    if (in.representative) {
        enter |= text_field(m, ui, "authority_document", m.t("ui.authority_document"),
                            &in.authority_document, e, w);
        check_box(ui, m.t("console.record.authority_checked"), 3, &in.authority_checked);
        error_line(m, ui, e, "authority_checked");
    }
    ImGui::Spacing();
    if (ui.button(m.t("console.record.start") + "  Enter##start", ImVec2(ui.px(520), h)) || enter)
        r.start(m.actor(), now);
}

static void hand_in_form(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now, float width) {
    RecordModel& r = m.record();
    IntakeForm& f = r.form();
    const FieldErrors& e = r.errors();
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float third = (width - 2 * gap) / 3, half = (width - gap) / 2;
    float h = ImGui::GetFrameHeight() + ui.px(10);
    heading(ui, m.t("console.record.hand_in"));
    if (st.focus_first_field || st.focus_after_save) {
        ImGui::SetKeyboardFocusHere();
        st.focus_first_field = st.focus_after_save = false;
    }
    bool enter = text_field(m, ui, "surname", m.t("ui.surname"), &f.surname, e, third);
    ImGui::SameLine();
    enter |= text_field(m, ui, "name", m.t("ui.name"), &f.name, e, third);
    ImGui::SameLine();
    enter |= text_field(m, ui, "patronymic", m.t("ui.patronymic"), &f.patronymic, e, third);
    enter |= text_field(m, ui, "phone", m.t("ui.phone"), &f.phone, e, third);
    ImGui::SameLine();
    enter |= text_field(m, ui, "iin", m.t("console.intake.iin_optional"), &f.iin, e, third);
    ImGui::SameLine();
    channel_choice(m, ui, &f.channel, desk_channels(), third); // reg-4: paper or oral
    error_line(m, ui, e, "channel");
    // reg-6: APPC art. 63 asks for the postal address; without it, needs correction.
    enter |= text_field(m, ui, "address", m.t("console.case.address"), &f.address, e, width);
    float area_h = ImGui::GetTextLineHeight() * 3 + ui.px(20);
    enter |=
        text_area(m, ui, "essence", m.t("ui.essence") + " *", &f.essence, e, ImVec2(width, area_h));
    enter |= text_field(m, ui, "previous_handler", m.t("console.record.previous_handler"),
                        &f.previous_handler, e, half);
    language_choice(m, ui, &f.language);
    if (ui.button(m.t("console.record.save_application") + "  Enter##hand_in",
                  ImVec2(ui.px(560), h)) ||
        enter) {
        r.hand_in(m.actor(), now);
        st.focus_after_save = true;
    }
}

static void handed_in(ConsoleModel& m, ui::Ui& ui, Instant now) {
    const auto& apps = m.record().handed_in();
    heading(ui, m.t("console.record.handed_in"));
    if (apps.empty()) ui.text(m.t("console.record.none_yet"), nullptr, ui::colors::kMuted);
    for (const auto& a : apps) {
        ImGui::PushFont(ui.fonts.large);
        ImGui::TextUnformatted(a.reg_number.c_str());
        ImGui::PopFont();
        ui.text(m.t("console.record.marked"), nullptr, ui::colors::kChosen);
        Lang lang = a.language == "ru" ? Lang::ru : Lang::kk;
        for (const auto& line : read_back_lines(m.context(), a, lang, now)) ui.text(line);
        ImGui::Separator();
    }
}

void draw_record(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    RecordModel& r = m.record();
    heading(ui, m.t("console.record.title"));
    if (!r.record()) {
        if (r.input().desk.empty()) {
            ui.text(m.t("console.record.from_desk"), nullptr, ui::colors::kMuted);
            return;
        }
        start_form(m, ui, st, now);
        return;
    }
    const ReceptionRecord& rec = *r.record();
    std::string seen = rec.in.id_document;
    if (rec.in.representative) seen += " · " + rec.in.authority_document;
    ui.text(m.tf("console.record.started", {{"desk", rec.in.desk}, {"documents", seen}}), nullptr,
            ui::colors::kChosen);
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float avail = ImGui::GetContentRegionAvail().x;
    float left_w = avail * 0.6f;
    ImGui::BeginChild(
        "hand_in", ImVec2(left_w, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeight() * 2));
    hand_in_form(m, ui, st, now, left_w - ui.px(30));
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("done",
                      ImVec2(0, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeight() * 2));
    handed_in(m, ui, now);
    ImGui::EndChild();
    float h = ImGui::GetFrameHeight() + ui.px(10);
    if (ui.button(m.t("console.record.finish") + "##finish", ImVec2(ui.px(520), h), false, false)) {
        r.finish();
        m.go(Screen::Desk);
    }
}

} // namespace reception::console
