// Phone intake (reg-4, reg-25): one screen the operator fills while the caller talks. Tab walks
// the fields in the order the caller is asked, Enter saves, Ctrl+digit toggles the choices.
// On the right: the caller's open applications (before a duplicate is made), what APPC art. 63
// still lacks, and after saving what to read back.
#include "screens.hpp"

#include "base/validation.hpp"
#include "schedule/schedule.hpp"

#include <imgui_stdlib.h>

namespace reception::console {

// The official asked for, or none ("a topic instead").
static void official_combo(ConsoleModel& m, IntakeForm& f, float width) {
    std::vector<Official> officials = list_officials(m.context().store);
    std::string current = m.t("console.intake.no_official");
    for (const auto& o : officials)
        if (o.uuid == f.official_uuid) current = full_name(o);
    ImGui::BeginGroup();
    field_label(m.t("console.intake.official"), false);
    ImGui::SetNextItemWidth(width);
    bool open = ImGui::BeginCombo("##official", current.c_str());
    ImGui::EndGroup();
    if (!open) return;
    if (ImGui::Selectable(m.t("console.intake.no_official").c_str(), f.official_uuid.empty()))
        f.official_uuid.clear();
    for (const auto& o : officials) {
        std::string role = m.t("role." + o.role);
        if (ImGui::Selectable((full_name(o) + " — " + role + "##" + o.uuid).c_str(),
                              o.uuid == f.official_uuid))
            f.official_uuid = o.uuid;
    }
    ImGui::EndCombo();
}

// reg-12: the out-of-turn category the caller declares, received first within the session.
static void category_combo(ConsoleModel& m, IntakeForm& f, const FieldErrors& e, float width) {
    const RegulationProfile& p = m.context().profile;
    const NamedCode* current = p.category(f.category);
    std::string lang = lang_code(m.lang());
    ImGui::BeginGroup();
    field_label(m.t("ui.out_of_turn"), e.count("category") > 0);
    ImGui::SetNextItemWidth(width);
    bool open =
        ImGui::BeginCombo("##category", current ? current->name(lang).c_str()
                                                : m.t("console.intake.no_category").c_str());
    ImGui::EndGroup();
    if (!open) return;
    if (ImGui::Selectable(m.t("console.intake.no_category").c_str(), f.category.empty()))
        f.category.clear();
    for (const auto& c : p.out_of_turn)
        if (ImGui::Selectable((c.name(lang) + "##" + c.code).c_str(), c.code == f.category))
            f.category = c.code;
    ImGui::EndCombo();
}

// reg-28: one of the proposed sessions of the official asked for, or the room chooses.
static void session_combo(ConsoleModel& m, IntakeForm& f, const FieldErrors& e, float width,
                          Instant now) {
    auto sessions = m.intake().sessions_to_choose(now);
    auto label = [&](const ReceptionSession& s) {
        return dotted_date(s.date) + " " + hhmm(s.start_minute) + "–" + hhmm(s.end_minute) + " · " +
               m.t(std::string("session.mode.") + to_code(s.mode));
    };
    std::string current = m.t("console.intake.room_chooses");
    for (const auto& s : sessions)
        if (s.uuid == f.chosen_session) current = label(s);
    ImGui::BeginGroup();
    field_label(m.t("ui.choose_session"), e.count("chosen_session") > 0);
    ImGui::SetNextItemWidth(width);
    bool open = ImGui::BeginCombo("##chosen_session", current.c_str());
    ImGui::EndGroup();
    if (!open) return;
    if (ImGui::Selectable(m.t("console.intake.room_chooses").c_str(), f.chosen_session.empty()))
        f.chosen_session.clear();
    for (const auto& s : sessions)
        if (ImGui::Selectable((label(s) + "##" + s.uuid).c_str(), s.uuid == f.chosen_session))
            f.chosen_session = s.uuid;
    ImGui::EndCombo();
}

// Returns true when Enter was pressed in any field.
static bool intake_fields(ConsoleModel& m, ui::Ui& ui, ScreenState& st, IntakeForm& f,
                          const FieldErrors& e, float width, Instant now) {
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float third = (width - 2 * gap) / 3, half = (width - gap) / 2;
    bool enter = false;
    if (st.focus_first_field || st.focus_after_save) {
        ImGui::SetKeyboardFocusHere();
        st.focus_first_field = st.focus_after_save = false;
    }
    enter |= text_field(m, ui, "surname", m.t("ui.surname"), &f.surname, e, third);
    ImGui::SameLine();
    enter |= text_field(m, ui, "name", m.t("ui.name"), &f.name, e, third);
    ImGui::SameLine();
    enter |= text_field(m, ui, "patronymic", m.t("ui.patronymic"), &f.patronymic, e, third);
    bool call = f.channel.empty() || f.channel == "phone"; // a call needs a number to call back
    enter |= text_field(m, ui, "phone", m.t("ui.phone") + (call ? " *" : ""), &f.phone, e, third);
    ImGui::SameLine();
    enter |= text_field(m, ui, "iin", m.t("console.intake.iin_optional"), &f.iin, e, third);
    ImGui::SameLine();
    channel_choice(m, ui, &f.channel, intake_channels(), third); // reg-4
    error_line(m, ui, e, "channel");
    // reg-6: APPC art. 63 asks for the postal address; without it, needs correction.
    enter |= text_field(m, ui, "address", m.t("console.case.address"), &f.address, e, half);
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
    language_choice(m, ui, &f.language);
    // Notices by SMS (a mobile) or e-mail only when the caller agrees; else staff phone or write.
    // The consent on a line of its own: its long Kazakh label is never cut off.
    enter |= text_field(m, ui, "email", m.t("ui.email"), &f.email, e, half);
    check_box(ui, m.t("console.intake.notice_consent"), 6, &f.notice_consent);
    float area_h = ImGui::GetTextLineHeight() * 3 + ui.px(20);
    enter |=
        text_area(m, ui, "essence", m.t("ui.essence") + " *", &f.essence, e, ImVec2(width, area_h));
    official_combo(m, f, half);
    ImGui::SameLine();
    enter |= text_field(m, ui, "topic", m.t("console.intake.topic"), &f.topic, e, half);
    check_box(ui, m.t("console.intake.representative"), 5, &f.representative);
    if (f.representative) {
        enter |= text_field(m, ui, "bin", m.t("ui.bin"), &f.bin, e, half);
        ImGui::SameLine();
        enter |= text_field(m, ui, "entity_name", m.t("ui.entity_name"), &f.entity_name, e, half);
    }
    check_box(ui, m.t("ui.video_consent"), 3, &f.video_consent);
    ImGui::SameLine(0, gap * 3);
    check_box(ui, m.t("ui.interpreter_needed"), 4, &f.interpreter_needed);
    category_combo(m, f, e, half);
    ImGui::SameLine();
    session_combo(m, f, e, half, now);
    error_line(m, ui, e, "chosen_session");
    return enter;
}

static void caller_applications(ConsoleModel& m, ui::Ui& ui) {
    IntakeModel& in = m.intake();
    const auto& open = in.open_of_caller();
    if (open.empty()) return;
    ui.text(m.tf("console.intake.open_found", {{"count", std::to_string(open.size())}}), nullptr,
            ui::colors::kError);
    for (const auto& a : open) {
        std::string line = a.reg_number + " · " + dotted_date(a.registered_on) + " · " +
                           m.t(std::string("app.state.") + to_code(a.state));
        ui.text(line);
        ui.text("«" + a.essence.substr(0, 120) + (a.essence.size() > 120 ? "…" : "") + "»", nullptr,
                ui::colors::kMuted);
    }
    if (in.duplicates_acknowledged())
        ui.text(m.t("console.intake.duplicates_confirm"), nullptr, ui::colors::kError);
    ImGui::Separator();
}

static void art63_preview(ConsoleModel& m, ui::Ui& ui) {
    auto missing = missing_art63(m.intake().form());
    if (missing.empty()) return;
    std::string list;
    for (const auto& code : missing)
        list += (list.empty() ? "" : ", ") + m.t("console.art63." + code);
    ui.text(m.tf("console.intake.art63_missing", {{"missing", list}}), nullptr, ui::colors::kMuted);
}

static void read_back(ConsoleModel& m, ui::Ui& ui, Instant now) {
    const Application& a = *m.intake().saved();
    heading(ui, m.t("console.intake.saved"));
    ImGui::PushFont(ui.fonts.large);
    ImGui::TextUnformatted(a.reg_number.c_str());
    ImGui::PopFont();
    ui.text(m.tf("console.intake.read_in", {{"lang", m.t("lang." + a.language)}}), nullptr,
            ui::colors::kMuted);
    for (const auto& line : m.intake().read_back(now)) ui.text(line);
}

void draw_intake(ConsoleModel& m, ui::Ui& ui, ScreenState& st, Instant now) {
    IntakeModel& in = m.intake();
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float avail = ImGui::GetContentRegionAvail().x;
    float left_w = avail * 0.60f, right_w = avail - left_w - gap;
    float h = ImGui::GetFrameHeight() + ui.px(10);
    bool saved = in.saved().has_value();

    // The fields scroll; Save and New call stay below them, always in sight: an operator with
    // a caller on the line never hunts for the button (Enter saves too).
    float line = ImGui::GetTextLineHeightWithSpacing();
    float footer_h = h + 2 * line + 3 * ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginGroup();
    ImGui::BeginChild("form", ImVec2(left_w, -footer_h));
    heading(ui, m.t("console.intake.title"));
    if (saved) ImGui::BeginDisabled();
    bool enter = intake_fields(m, ui, st, in.form(), in.errors(), left_w - ui.px(30), now);
    if (saved) ImGui::EndDisabled();
    ImGui::EndChild();
    if (key_button(ui, m.t("console.intake.save"), keys::kEnter, ImVec2(ui.px(420), h), !saved) ||
        (enter && !saved)) {
        SaveResult r = in.save(m.actor(), now);
        if (r == SaveResult::Invalid || r == SaveResult::DuplicatesShown)
            st.focus_after_save = true;
    }
    ImGui::SameLine();
    if (key_button(ui, m.t("console.intake.new_call"), keys::kF1 + 5, ImVec2(ui.px(420), h), true,
                   false)) {
        in.new_call();
        st.focus_after_save = true;
    }
    if (!in.errors().empty()) ui.text(m.t("console.intake.not_saved"), nullptr, ui::colors::kError);
    ui.text(m.t("console.intake.keys"), nullptr, ui::colors::kMuted);
    ImGui::EndGroup();

    ImGui::SameLine();
    ImGui::BeginChild("side", ImVec2(right_w, 0));
    if (saved) {
        read_back(m, ui, now);
    } else {
        heading(ui, m.t("console.intake.caller"));
        caller_applications(m, ui);
        art63_preview(m, ui);
    }
    ImGui::EndChild();
}

} // namespace reception::console
