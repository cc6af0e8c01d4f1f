// Signing up for a personal reception: official, essence (reg-5), who applies (reg-10), the
// person, options (reg-11, 13, 14, 21), review, and the receipt (APPC art. 64).
#include "base/validation.hpp"
#include "schedule/schedule.hpp"
#include "screens.hpp"

#include <cstdio>

namespace reception::kiosk {

// The next few reception days of an official, "12.03, 19.03, 26.03".
static std::string next_dates(KioskModel& m, const std::string& official, Date today) {
    std::string out;
    int n = 0;
    for (const auto& s : sessions_between(m.store(), today, add_days(today, 45))) {
        if (s.official_uuid != official || s.cancelled || n == 3) continue;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%02u.%02u", unsigned(s.date.day()),
                      unsigned(s.date.month()));
        out += (n++ ? ", " : "") + std::string(buf);
    }
    return out;
}

void draw_signup_official(KioskModel& m, ui::Ui& ui, Instant now) {
    int nav = header(m, ui, m.t("ui.official"), "");
    if (nav < 0) {
        m.back();
        return;
    }
    if (ui.button(m.t("ui.not_sure"), ImVec2(-1, ui.px(110)), false, false)) {
        m.choose_official("");
        return;
    }
    ImGui::BeginChild("officials", ImVec2(0, 0), false);
    ui.drag_scroll();
    for (const auto& o : list_officials(m.store())) {
        if (!o.active) continue;
        ImGui::PushID(o.uuid.c_str());
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float w = ImGui::GetContentRegionAvail().x;
        bool tapped =
            ui.button("##official", ImVec2(w, ui.px(150)), m.form().official_uuid == o.uuid, false);
        ui.tappables.back().label = full_name(o);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const std::string& position = m.lang() == Lang::kk ? o.position_kk : o.position_ru;
        dl->AddText(ui.fonts.large, ui.fonts.large->FontSize,
                    ImVec2(pos.x + ui.px(24), pos.y + ui.px(10)), ui::colors::kText,
                    full_name(o).c_str());
        std::string second = (position.empty() ? m.t("role." + o.role) : position);
        std::string dates = next_dates(m, o.uuid, local_date(now));
        if (!dates.empty()) second += "  •  " + dates;
        dl->AddText(nullptr, 0.0f, ImVec2(pos.x + ui.px(24), pos.y + ui.px(84)), ui::colors::kMuted,
                    second.c_str(), nullptr, w - ui.px(48));
        ImGui::PopID();
        if (tapped) {
            ImGui::EndChild();
            m.choose_official(o.uuid);
            return;
        }
    }
    ImGui::EndChild();
}

static void step_nav(KioskModel& m, int nav) {
    if (nav < 0) m.back();
    if (nav > 0) m.next_step();
}

void draw_signup_essence(KioskModel& m, ui::Ui& ui, ScreenState& st) {
    int nav = header(m, ui, m.t("ui.essence"), m.t("ui.next"));
    edit_fields(m, ui, st,
                {{"essence", m.t("ui.essence_hint"), &m.form().essence,
                  size_t(m.profile().essence_max_chars),
                  m.lang() == Lang::kk ? ui::Layout::Kazakh : ui::Layout::Russian, 5}},
                1);
    step_nav(m, nav);
}

void draw_signup_applicant(KioskModel& m, ui::Ui& ui, ScreenState& st) {
    SignupForm& f = m.form();
    int nav = header(m, ui, m.t("ui.who_applies"), m.t("ui.next"));
    float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (ui.button(m.t("ui.individual"), ImVec2(w, ui.px(120)), !f.representative, false))
        f.representative = false;
    ImGui::SameLine();
    if (ui.button(m.t("ui.representative"), ImVec2(w, ui.px(120)), f.representative, false))
        f.representative = true;
    if (f.representative) {
        ui::Layout letters = m.lang() == Lang::kk ? ui::Layout::Kazakh : ui::Layout::Russian;
        edit_fields(m, ui, st,
                    {{"bin", m.t("ui.bin"), &f.bin, 12, ui::Layout::Digits},
                     {"entity_name", m.t("ui.entity_name"), &f.entity_name, 200, letters},
                     {"authority_document", m.t("ui.authority_document"), &f.authority_document,
                      200, letters}},
                    field_columns(ui, 3));
    } else {
        ui.text(m.t("ui.id_document_note"), nullptr, ui::colors::kMuted);
    }
    step_nav(m, nav);
}

void draw_signup_person(KioskModel& m, ui::Ui& ui, ScreenState& st) {
    SignupForm& f = m.form();
    int nav = header(m, ui, m.t("ui.about_you"), m.t("ui.next"));
    ui::Layout letters = m.lang() == Lang::kk ? ui::Layout::Kazakh : ui::Layout::Russian;
    edit_fields(m, ui, st,
                {{"iin", m.t("ui.iin"), &f.iin, 12, ui::Layout::Digits},
                 {"phone", m.t("ui.phone_any"), &f.phone, 16, ui::Layout::Digits},
                 {"surname", m.t("ui.surname"), &f.surname, 60, letters},
                 {"name", m.t("ui.name"), &f.name, 60, letters},
                 {"patronymic", m.t("ui.patronymic"), &f.patronymic, 60, letters},
                 {"address", m.t("ui.postal_address"), &f.address, 200, letters}},
                field_columns(ui, 3), [&](float w) {
                    // reg-11: a foreigner may have no IIN; the toggle sits in the free cell.
                    ImGui::TextUnformatted(m.t("ui.citizenship").c_str());
                    if (ui.button((f.foreigner ? "☑ " : "☐ ") + m.t("ui.foreigner_short"),
                                  ImVec2(w, ImGui::GetFontSize() + ui.px(36)), f.foreigner, false))
                        f.foreigner = !f.foreigner;
                });
    step_nav(m, nav);
}

static void toggle(ui::Ui& ui, const std::string& label, bool& value, bool locked = false) {
    if (ui.button((value ? "☑ " : "☐ ") + label, ImVec2(-1, ui.px(110)), value, false) && !locked)
        value = !value;
}

// reg-28: one of the proposed sessions of the chosen official, or the room chooses.
static void session_choice(KioskModel& m, ui::Ui& ui, Instant now) {
    SignupForm& f = m.form();
    auto sessions = m.sessions_to_choose(now);
    if (sessions.empty()) return;
    ImGui::TextUnformatted(m.t("ui.choose_session").c_str());
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float w = (ImGui::GetContentRegionAvail().x - 2 * gap) / 3;
    if (ui.button(m.t("ui.session_room_chooses"), ImVec2(w, ui.px(100)), f.chosen_session.empty(),
                  false))
        f.chosen_session.clear();
    int i = 1;
    for (const auto& s : sessions) {
        if (i == 6) break; // the first five: the nearest ones are what a visitor weighs
        if (i++ % 3) ImGui::SameLine();
        std::string label = dotted_date(s.date) + " " + hhmm(s.start_minute);
        if (s.mode == SessionMode::Video) label += " · " + m.t("session.mode.video");
        if (ui.button(label + "##" + s.uuid, ImVec2(w, ui.px(100)), f.chosen_session == s.uuid,
                      false))
            f.chosen_session = s.uuid;
    }
    std::string e = m.error_text("chosen_session");
    if (!e.empty()) ui.text(e, nullptr, ui::colors::kError);
}

// reg-12: an out-of-turn category, received first within the session.
static void category_choice(KioskModel& m, ui::Ui& ui) {
    SignupForm& f = m.form();
    ImGui::TextUnformatted(m.t("ui.out_of_turn").c_str());
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float w = (ImGui::GetContentRegionAvail().x - gap) / 2;
    const auto& all = m.profile().out_of_turn;
    // "No category" first, then the categories two a row; a row as tall as its longer name.
    auto name = [&](size_t i) { return all[i].name(lang_code(m.lang())); };
    float row_h = all.empty() ? ui.px(100) : wrapped_height(ui, name(0), w, ui.px(100));
    if (ui.button(m.t("ui.no_category_signup"), ImVec2(w, row_h), f.category.empty(), false))
        f.category.clear();
    for (size_t i = 0; i < all.size(); ++i) {
        if (i % 2 == 0) {
            ImGui::SameLine();
        } else {
            row_h = wrapped_row_height(ui, name(i), i + 1 < all.size() ? name(i + 1) : "", w,
                                       ui.px(100));
        }
        if (wrapped_button(ui, name(i), all[i].code, ImVec2(w, row_h), f.category == all[i].code))
            f.category = all[i].code;
    }
    ui.text(m.t("ui.category_check_note"), nullptr, ui::colors::kMuted);
}

void draw_signup_options(KioskModel& m, ui::Ui& ui, Instant now) {
    SignupForm& f = m.form();
    // Titled for all it asks, not only the language: a visitor reads the title first.
    int nav = header(m, ui, m.t("ui.signup_options"), m.t("ui.next"));
    ImGui::BeginChild("options", ImVec2(0, 0), false);
    ui.drag_scroll();
    ImGui::TextUnformatted(m.t("ui.language_of_reception").c_str());
    float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (ui.button(m.t("ui.reception_in_kk"), ImVec2(w, ui.px(120)), f.language == "kk", false))
        f.language = "kk";
    ImGui::SameLine();
    if (ui.button(m.t("ui.reception_in_ru"), ImVec2(w, ui.px(120)), f.language == "ru", false))
        f.language = "ru";
    ImGui::Dummy(ImVec2(0, ui.px(20)));
    // SMS about the application only to a mobile, and only when the visitor ticks it; a
    // landline is rung by staff, and the visitor is told so instead of offered a tick.
    if (std::string mobile = m.sms_phone(); !mobile.empty())
        toggle(ui, m.tf("ui.notice_consent", {{"phone", mobile}}), f.notice_consent);
    else if (!trim(f.phone).empty())
        ui.text(m.t("ui.notices_landline"), nullptr, ui::colors::kMuted);
    // reg-13, 14: consent is the visitor's own tap, also when the room receives by video only.
    toggle(ui, m.t("ui.video_consent"), f.video);
    if (m.restricted())
        ui.text(m.t(f.video ? "ui.video_only_note" : "ui.video_only_no_consent"), nullptr,
                ui::colors::kError);
    toggle(ui, m.t("ui.interpreter_needed"), f.interpreter);
    session_choice(m, ui, now);
    category_choice(m, ui);
    ImGui::EndChild();
    step_nav(m, nav);
}

// The review's lines: labels on the left, the values in one column right of the longest label
// (a long Kazakh label never runs into its value), lines without a value left out.
struct ReviewLines {
    std::vector<std::pair<std::string, std::string>> lines;
    void add(const std::string& label, const std::string& value) {
        if (!value.empty()) lines.push_back({label + ":", value});
    }
    void draw(ui::Ui& ui) const {
        float column = ui.px(520);
        for (const auto& [label, value] : lines)
            column = std::max(column, ImGui::CalcTextSize(label.c_str()).x + ui.px(24));
        column = std::min(column, ImGui::GetContentRegionAvail().x * 0.55f);
        for (const auto& [label, value] : lines) {
            ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kMuted);
            ImGui::PushTextWrapPos(column - ui.px(16));
            ImGui::TextUnformatted(label.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
            ImGui::SameLine(column);
            ui.text(value);
        }
    }
};

void draw_signup_review(KioskModel& m, ui::Ui& ui, Instant now) {
    SignupForm& f = m.form();
    int nav = header(m, ui, m.t("ui.review"), m.t("ui.submit"));
    ImGui::BeginChild("review", ImVec2(0, 0), false);
    ui.drag_scroll();
    std::string official = m.t("ui.not_sure");
    for (const auto& o : list_officials(m.store()))
        if (o.uuid == f.official_uuid) official = full_name(o);
    ReviewLines r;
    r.add(m.t("ui.official"), official);
    r.add(m.t("ui.essence"), f.essence);
    if (f.representative) {
        r.add(m.t("ui.bin"), f.bin);
        r.add(m.t("ui.entity_name"), f.entity_name);
        r.add(m.t("ui.authority_document"), f.authority_document);
    }
    r.add(m.t("ui.surname"), f.surname);
    r.add(m.t("ui.name"), f.name);
    r.add(m.t("ui.patronymic"), f.patronymic);
    r.add(m.t("ui.iin"), f.iin);
    r.add(m.t("ui.phone"), f.phone);
    r.add(m.t("ui.postal_address"), f.address);
    r.add(m.t("ui.language_of_reception"), m.t("lang." + f.language));
    if (!m.sms_phone().empty()) r.add(m.t("ui.review_sms"), f.notice_consent ? "✓" : "—");
    r.add(m.t("ui.video_consent"), f.video ? "✓" : "—");
    if (const NamedCode* c = m.profile().category(f.category))
        r.add(m.t("ui.out_of_turn"), c->name(lang_code(m.lang())));
    if (!f.chosen_session.empty())
        for (const auto& s : m.sessions_to_choose(now))
            if (s.uuid == f.chosen_session)
                r.add(m.t("ui.choose_session"), dotted_date(s.date) + " " + hhmm(s.start_minute));
    if (f.interpreter) r.add(m.t("ui.interpreter_needed"), "✓");
    if (f.foreigner) r.add(m.t("ui.foreigner"), "✓");
    r.draw(ui);
    ImGui::EndChild();
    if (nav < 0) m.back();
    if (nav > 0) m.submit(now);
}

void draw_signup_done(KioskModel& m, ui::Ui& ui) {
    const auto& a = m.receipt();
    if (!a) {
        m.go(Screen::Start);
        return;
    }
    ui.centered_text(m.t("ui.receipt_title"), ui.fonts.large);
    ui.centered_text(m.t("ui.reg_number"));
    ui.centered_text(a->reg_number, ui.fonts.large, ui::colors::kButton);
    if (std::string check = m.check_code_text(); !check.empty()) ui.centered_text(check);
    ui.centered_text(m.t("ui.accepted_at") + ": " + local_time_text(a->received_at));
    // After hours the application is registered on the next working day: its terms run
    // from then, so the visitor is told.
    ui.centered_text(m.t("ui.registered_on") + ": " + dotted_date(a->registered_on));
    ui.centered_text(m.t("ui.accepted_where") + ": " + a->accepted_where);
    std::string official = m.official_name(a->official_uuid);
    ui.centered_text(m.t("ui.receipt_official") + ": " +
                     (official.empty() ? m.t("ui.receipt_official_later") : official));
    if (std::string chosen = m.chosen_session_text(); !chosen.empty())
        ui.centered_text(chosen, ui.fonts.large);
    ui.centered_text(m.response_due_text(), ui.fonts.large);
    if (std::string notices = m.notices_text(); !notices.empty()) ui.centered_text(notices);
    ui.centered_text(m.t("ui.receipt_status"), nullptr, ui::colors::kMuted);
    PrintNotice note = m.print_notice(a->reg_number);
    if (!note.text.empty())
        ui.centered_text(note.text, ui.fonts.large, note.failed ? ui::colors::kError : 0);
    if (done_button(m, ui)) m.reset();
}

} // namespace reception::kiosk
