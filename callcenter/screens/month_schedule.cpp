// The month's schedule for the room (reg-7, 8, 9, 16): who receives when, how many are
// booked, officials with no session this month flagged, a session cancelled with its bookings
// moved and the list of whom to tell, and the export for the notice board and the website.
#include "screens.hpp"

#include "base/validation.hpp"
#include "cases/bookings.hpp"
#include "schedule/schedule.hpp"

#include <algorithm>

namespace reception::console {

static std::string month_title(ConsoleModel& m, Date month) {
    return m.t("month." + std::to_string(unsigned(month.month()))) + " " +
           std::to_string(int(month.year()));
}

// reg-11, 14, 21: what the session's persons need arranged, and bookings that restriction
// mode leaves without a way to be received.
static void needs_cell(ConsoleModel& m, ui::Ui& ui, const SessionRow& row) {
    std::string needs;
    auto add = [&](const std::string& s) { needs += (needs.empty() ? "" : " · ") + s; };
    if (row.interpreters)
        add(m.tf("console.schedule.interpreters", {{"count", std::to_string(row.interpreters)}}));
    if (row.foreigners)
        add(m.tf("console.schedule.foreigners", {{"count", std::to_string(row.foreigners)}}));
    if (!row.languages.empty()) add(row.languages);
    ImGui::TextUnformatted(needs.c_str());
    if (row.against_restriction)
        ui.text(
            m.tf("console.schedule.to_video", {{"count", std::to_string(row.against_restriction)}}),
            nullptr, ui::colors::kError);
}

// reg-27, 28: the persons of the selected session in order, each with their time and what to
// arrange, and the list printed for the akim's decision.
static void persons_panel(ConsoleModel& m, ui::Ui& ui, Instant now) {
    ScheduleModel& sm = m.schedule();
    if (sm.selected().empty()) return;
    heading(ui, m.t("console.schedule.persons"));
    ImGui::SameLine();
    if (ui.button(m.t("console.schedule.persons_print") + "##persons",
                  ImVec2(0, ImGui::GetFrameHeight()), false, false))
        sm.export_persons(m.context().texts, now);
    if (sm.persons().empty()) ui.text(m.t("persons.none"), nullptr, ui::colors::kMuted);
    ImGui::BeginChild("persons", ImVec2(0, ui.px(200)), false);
    for (const auto& p : sm.persons()) {
        const Applicant& a = p.app.applicant;
        std::string line = std::to_string(p.position) + ". " + hhmm(p.start_minute) + "  " +
                           trim(a.surname + " " + a.name + " " + a.patronymic) + " · " +
                           p.app.reg_number;
        for (const auto& mark :
             person_marks(p.app, m.context().profile, m.context().texts, m.lang()))
            line += " · " + mark;
        ui.text(line);
        if (p.in_person_under_restriction)
            ui.text("    " + m.t("persons.under_restriction"), nullptr, ui::colors::kError);
    }
    ImGui::EndChild();
}

static void sessions_table(ConsoleModel& m, ui::Ui& ui) {
    ScheduleModel& sm = m.schedule();
    ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    // The table takes the height left, less room for the cancellation under it.
    float h = ImGui::GetContentRegionAvail().y - (sm.selected().empty() ? 0 : ui.px(700));
    if (!ImGui::BeginTable("sessions", 6, flags, ImVec2(0, std::max(h, ui.px(300))))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* k :
         {"schedule.col.date", "schedule.col.time", "schedule.col.official", "schedule.col.mode",
          "console.schedule.col.booked", "console.schedule.col.needs"})
        ImGui::TableSetupColumn(m.t(k).c_str());
    ImGui::TableHeadersRow();
    for (const auto& row : sm.sessions()) {
        const ReceptionSession& s = row.session;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::string day =
            dotted_date(s.date) + " " + m.t("weekday." + std::to_string(iso_weekday(s.date)));
        if (ImGui::Selectable((day + "##" + s.uuid).c_str(), sm.selected() == s.uuid,
                              ImGuiSelectableFlags_SpanAllColumns))
            sm.select(s.uuid);
        ui.tappables.push_back(
            {day + " " + row.official, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
        ImGui::TableNextColumn();
        ImGui::TextUnformatted((hhmm(s.start_minute) + "–" + hhmm(s.end_minute)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.official.c_str());
        ImGui::TableNextColumn();
        std::string mode = m.t(std::string("session.mode.") + to_code(s.mode));
        if (s.ad_hoc) mode += " · " + m.t("schedule.ad_hoc");
        if (s.cancelled) mode = m.t("console.schedule.cancelled");
        ImGui::PushStyleColor(ImGuiCol_Text, s.cancelled ? ui::colors::kError : ui::colors::kText);
        ImGui::TextUnformatted(mode.c_str());
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::Text("%d / %d", row.booked, row.capacity); // reg-28: one slot per person
        ImGui::TableNextColumn();
        needs_cell(m, ui, row);
    }
    ImGui::EndTable();
}

static void cancel_panel(ConsoleModel& m, ui::Ui& ui, Instant now) {
    ScheduleModel& sm = m.schedule();
    if (!sm.selected().empty()) {
        text_field(m, ui, "reason", m.t("console.schedule.cancel_reason"), &sm.cancel_reason(),
                   sm.errors(), ui.px(900));
        if (ui.button(m.t("console.schedule.cancel") + "##cancel",
                      ImVec2(0, ImGui::GetFrameHeight() + ui.px(10)), false, true))
            sm.cancel(m.actor(), now);
        for (const char* f : {"session", "store", "actor"}) error_line(m, ui, sm.errors(), f);
    }
    if (!sm.cancelled_in_time()) return;
    if (!*sm.cancelled_in_time())
        ui.text(m.t("console.schedule.late"), nullptr, ui::colors::kError);
    heading(ui, m.t("console.schedule.notify"));
    if (sm.to_notify().empty())
        ui.text(m.t("console.schedule.nobody"), nullptr, ui::colors::kMuted);
    for (const auto& n : sm.to_notify()) {
        std::string when =
            n.new_date ? m.tf("console.schedule.moved_to", {{"date", dotted_date(*n.new_date)}})
                       : m.t("console.schedule.left." + n.left_because);
        // reg-21: the language to speak to them in.
        ui.text(n.reg_number + " · " + n.applicant + " · " + n.phone + " · " +
                    m.t("lang." + n.language) + " — " + when,
                nullptr, n.new_date ? ui::colors::kText : ui::colors::kError);
    }
}

// reg-9: a deputy's session outside the schedule, on the akim's instruction.
static void ad_hoc_panel(ConsoleModel& m, ui::Ui& ui, Instant now) {
    ScheduleModel& sm = m.schedule();
    AdHocForm& f = sm.ad_hoc();
    const FieldErrors& e = sm.errors();
    if (!ImGui::CollapsingHeader(m.t("console.schedule.add").c_str())) return;
    field_label(m.t("console.schedule.official"), e.count("official") > 0);
    // reg-9: only those the profile lets receive outside the schedule are offered.
    for (const auto& o : sm.ad_hoc_officials()) {
        if (ui.button(full_name(o) + "##adhoc", ImVec2(0, ImGui::GetFrameHeight()),
                      f.official_uuid == o.uuid, false))
            f.official_uuid = o.uuid;
        ImGui::SameLine();
    }
    ImGui::NewLine();
    error_line(m, ui, e, "official");
    text_field(m, ui, "date", m.t("console.schedule.date"), &f.date, e, ui.px(300));
    ImGui::SameLine();
    text_field(m, ui, "start", m.t("console.schedule.start"), &f.start, e, ui.px(220));
    ImGui::SameLine();
    text_field(m, ui, "end", m.t("console.schedule.end"), &f.end, e, ui.px(220));
    check_box(ui, m.t("console.schedule.by_video"), 1, &f.video);
    text_field(m, ui, "instruction", m.t("console.schedule.instruction"), &f.reason, e, ui.px(900));
    if (ui.button(m.t("console.schedule.add_save") + "##adhoc_save",
                  ImVec2(ui.px(300), ImGui::GetFrameHeight() + ui.px(10)), false, true))
        sm.add_ad_hoc(m.actor(), now);
    if (sm.added()) ui.text(m.t("console.schedule.added"), nullptr, ui::colors::kChosen);
}

void draw_month_schedule(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    ScheduleModel& sm = m.schedule();
    if (st.focus_first_field) {
        st.focus_first_field = false;
        sm.open(sm.month().ok() ? sm.month() : local_date(now));
    }
    float h = ImGui::GetFrameHeight() + ui.px(10);
    if (ui.button("<##prev", ImVec2(h, h), false, false)) sm.shift(-1);
    ImGui::SameLine();
    heading(ui, m.tf("console.schedule.title", {{"month", month_title(m, sm.month())}}));
    ImGui::SameLine();
    if (ui.button(">##next", ImVec2(h, h), false, false)) sm.shift(1);
    ImGui::SameLine();
    if (ui.button(m.t("console.schedule.export") + "##export", ImVec2(0, h), false, true))
        sm.export_month(m.context().texts);
    const ExportResult& exported = sm.exported();
    for (const auto& f : exported.files) ui.text(f, nullptr, ui::colors::kMuted);
    if (!exported.error.empty())
        ui.text(m.tf("console.export_failed", {{"what", exported.error}}), nullptr,
                ui::colors::kError);
    // reg-7: every official receives at least once a month.
    for (const auto& o : sm.without_session())
        ui.text(m.tf("console.schedule.no_session", {{"name", full_name(o)}}), nullptr,
                ui::colors::kError);
    sessions_table(m, ui);
    persons_panel(m, ui, now);
    cancel_panel(m, ui, now);
    ad_hoc_panel(m, ui, now);
}

} // namespace reception::console
