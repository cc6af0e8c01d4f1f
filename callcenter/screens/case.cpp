// One application on the work list: who, what, every clock of the regulation with its state,
// the notices due to the applicant, hearings and instructions, and the actions its state
// allows, each with its form. Nothing here decides a rule: the shared/ functions do.
#include "screens.hpp"

#include "base/validation.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"

#include <map>

namespace reception::console {

// Pieces ---------------------------------------------------------------------------------

static ImU32 clock_color(ClockState s) {
    switch (s) {
    case ClockState::Overdue:
        return ui::colors::kError;
    case ClockState::MetLate:
        return IM_COL32(150, 80, 0, 255);
    case ClockState::Met:
        return ui::colors::kChosen;
    case ClockState::Running:
        return ui::colors::kText;
    }
    return ui::colors::kText;
}

static void table_header(ConsoleModel& m, std::initializer_list<const char*> keys) {
    for (const char* k : keys) ImGui::TableSetupColumn(m.t(k).c_str());
    ImGui::TableHeadersRow();
}

static void clocks_table(ConsoleModel& m, const WorkItem& w, Date today) {
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("clocks", 3, flags)) return;
    table_header(m,
                 {"console.case.col.deadline", "console.case.col.due", "console.case.col.state"});
    for (const auto& c : w.clocks) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", m.t("clock." + c.code).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(dotted_date(c.due).c_str());
        ImGui::TableNextColumn();
        std::string state = m.t(std::string("clock.state.") + to_code(c.state));
        if (c.state == ClockState::Running)
            state += " · " +
                     m.tf("console.work.days_left", {{"days", std::to_string(c.days_left(today))}});
        ImGui::PushStyleColor(ImGuiCol_Text, clock_color(c.state));
        ImGui::TextUnformatted(state.c_str());
        ImGui::PopStyleColor();
        if (c.guessed_year) // the due date is a Monday-to-Friday guess
            ImGui::TextColored(
                ImGui::ColorConvertU32ToFloat4(ui::colors::kError), "%s",
                m.tf("clock.calendar_unknown", {{"year", std::to_string(c.guessed_year)}}).c_str());
    }
    ImGui::EndTable();
}

// What the central server reported of an SMS or e-mail notice: the state, when, the attempts,
// and for a failure the reason (staff then phone or write: the buttons stay).
static void delivery_lines(ConsoleModel& m, const NoticeDelivery& d) {
    auto when = [](const std::string& at) {
        auto t = parse_instant(at);
        return t ? local_time_text(*t) : std::string("—");
    };
    std::string at = d.state == "sent" || d.state == "delivered" ? d.sent_at : d.updated_at;
    std::string line =
        m.tf("console.delivery." + d.state, {{"channel", m.t("console.channel." + d.channel)},
                                             {"time", when(at)},
                                             {"attempts", std::to_string(d.attempts)}});
    bool bad = d.state == "failed" || d.state == "retrying";
    ImGui::PushStyleColor(ImGuiCol_Text, bad ? ui::colors::kError : ui::colors::kMuted);
    ImGui::TextWrapped("%s", line.c_str());
    if (!d.reason.empty()) {
        std::string code = d.reason.substr(0, d.reason.find(':'));
        std::string detail =
            d.reason.size() > code.size() + 2 ? d.reason.substr(code.size() + 2) : "";
        std::string why = m.t("console.delivery.reason." + code);
        ImGui::TextWrapped("%s", (detail.empty() ? why : why + " (" + detail + ")").c_str());
    }
    ImGui::PopStyleColor();
}

// How the server may reach the applicant, and the opt-out an applicant asks for by phone.
static void notice_consent_line(ConsoleModel& m, ui::Ui& ui, Instant now) {
    CaseworkModel& cw = m.casework();
    if (!cw.selected()) return;
    const Application& a = cw.selected()->app;
    std::string how = a.notice_opted_out ? "console.case.notices_opted_out"
                      : a.notice_consent ? "console.case.notices_by_server"
                                         : "console.case.notices_by_staff";
    ui.text(m.t(how), nullptr, ui::colors::kMuted);
    if (!a.notice_consent || a.notice_opted_out) return;
    ImGui::SameLine();
    if (ui.button(m.t("console.case.notice_opt_out") + "##opt_out",
                  ImVec2(0, ImGui::GetFrameHeight()), false, false))
        cw.notice_opt_out(m.actor(), m.lang(), now);
}

static void notices_table(ConsoleModel& m, ui::Ui& ui, Instant now) {
    CaseworkModel& cw = m.casework();
    if (cw.notices().empty()) return;
    heading(ui, m.t("console.case.notices"));
    Date today = local_date(now);
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("notices", 3, flags)) return;
    table_header(m,
                 {"console.case.col.notice", "console.case.col.due", "console.case.col.sent_by"});
    std::string sent_uuid, sent_channel; // marked after the loop: marking reloads the list
    for (const auto& n : cw.notices()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", m.t("console.notice." + n.about).c_str());
        // reg-21: what to tell the applicant, in the applicant's language.
        ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kMuted);
        ImGui::TextWrapped("«%s»", cw.notice_words(n).c_str());
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        bool late = !n.sent_on && today > n.due_on;
        ImGui::PushStyleColor(ImGuiCol_Text, late ? ui::colors::kError : ui::colors::kText);
        ImGui::TextUnformatted(dotted_date(n.due_on).c_str());
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        if (n.sent_on) {
            std::string how = dotted_date(*n.sent_on) + " · " + m.t("console.channel." + n.channel);
            ImGui::TextUnformatted(how.c_str());
            continue;
        }
        if (n.delivery) delivery_lines(m, *n.delivery);
        if (n.went_out()) continue; // the server sent it: nothing for staff to do
        // Not sent yet: one button per way it can go, the planned one first and marked.
        std::vector<std::string> channels = {n.channel};
        for (const char* c : {"phone", "sms", "letter", "email"})
            if (c != n.channel) channels.push_back(c);
        float room = ImGui::GetContentRegionAvail().x, used = 0;
        for (size_t k = 0; k < channels.size(); ++k) {
            std::string label = m.t("console.channel." + channels[k]);
            // Buttons flow onto the next line when the column is narrow.
            float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
            if (k && used + w <= room)
                ImGui::SameLine();
            else if (k)
                used = 0;
            used += w + ImGui::GetStyle().ItemSpacing.x;
            if (ui.button(label + "##" + n.uuid + channels[k], ImVec2(0, ImGui::GetFrameHeight()),
                          k == 0, false)) {
                sent_uuid = n.uuid;
                sent_channel = channels[k];
            }
        }
    }
    ImGui::EndTable();
    if (!sent_uuid.empty()) {
        cw.mark_sent(sent_uuid, sent_channel, m.actor(), m.lang(), now);
        return;
    }
    notice_consent_line(m, ui, now); // under the table: the buttons keep their place
}

// A time of the protocol, or a dash for a hearing recorded before the protocol asked for it.
static std::string protocol_time(int minute) {
    return minute < 0 ? "—" : hhmm(minute);
}

static void hearing_lines(ConsoleModel& m, ui::Ui& ui, const Hearing& h) {
    std::string way = h.way.empty() ? "—" : m.t("console.case.way." + h.way);
    ui.text(m.tf("console.case.hearing_line",
                 {{"date", dotted_date(h.held_on)},
                  {"start", protocol_time(h.start_minute)},
                  {"end", protocol_time(h.end_minute)},
                  {"way", way},
                  {"secretary", h.secretary.empty() ? "—" : h.secretary},
                  {"participants", h.participants},
                  {"conclusion", m.t("console.case.conclusion." + h.conclusion)},
                  {"reasons", h.reasons}}),
            nullptr, ui::colors::kMuted);
    std::string objections = h.no_objections ? m.t("console.case.no_objections") : h.objections;
    ui.text(m.tf("console.case.hearing_objections", {{"text", objections}}), nullptr,
            ui::colors::kMuted);
}

// reg-23: the reception's protocol; reg-10: the documents seen before it.
static void protocol_lines(ConsoleModel& m, ui::Ui& ui, const ReceptionProtocol& p) {
    heading(ui, m.tf("console.case.protocol_title",
                     {{"number", p.number}, {"date", dotted_date(p.held_on)}}));
    auto official = find_official(m.context().store, p.official_uuid);
    ui.text(m.tf("console.case.protocol_line",
                 {{"official", official ? full_name(*official) : "—"}, {"attendees", p.attendees}}),
            nullptr, ui::colors::kMuted);
    std::string seen = m.tf("console.case.protocol_identity", {{"document", p.id_document}});
    if (p.acting_for_another)
        seen +=
            " · " + m.tf("console.case.protocol_authority", {{"document", p.authority_document}});
    ui.text(seen, nullptr, ui::colors::kMuted);
    ui.text(m.tf("console.case.protocol_decision", {{"text", p.decision}}));
}

static void hearings_and_instructions(ConsoleModel& m, ui::Ui& ui, Date today) {
    CaseworkModel& cw = m.casework();
    std::string print; // the hearing whose button was pressed, printed after the loop
    for (const auto& h : cw.hearings()) {
        hearing_lines(m, ui, h);
        // reg-33: APPC art. 74 asks for the protocol signed by the chair and the secretary.
        if (ui.button(m.t("console.case.print_hearing") + "##" + h.uuid,
                      ImVec2(0, ImGui::GetFrameHeight()), false, false))
            print = h.uuid;
    }
    if (!print.empty()) cw.print_hearing(print);
    for (const auto& f : cw.printed().files) ui.text(f, nullptr, ui::colors::kMuted);
    if (!cw.printed().error.empty())
        ui.text(m.tf("console.export_failed", {{"what", cw.printed().error}}), nullptr,
                ui::colors::kError);
    if (cw.instructions().empty()) return;
    heading(ui, m.t("console.case.instructions"));
    for (const auto& i : cw.instructions()) {
        std::string line =
            m.tf("console.case.instruction_line",
                 {{"text", i.text}, {"executor", i.executor}, {"due", dotted_date(i.due_on)}});
        if (i.done_on)
            line += " · " + m.tf("console.case.done_on", {{"date", dotted_date(*i.done_on)}});
        ui.text(line, nullptr, i.overdue(today) ? ui::colors::kError : ui::colors::kText);
    }
}

static void header(ConsoleModel& m, ui::Ui& ui, const WorkItem& w) {
    const Application& a = w.app;
    heading(ui, a.reg_number + " · " + m.t(std::string("app.state.") + to_code(a.state)));
    const Applicant& p = a.applicant;
    std::string who = trim(p.surname + " " + p.name + " " + p.patronymic);
    if (!p.phone.empty()) who += (who.empty() ? "" : " · ") + p.phone;
    who += " · " + m.t(std::string("channel.") + to_code(a.channel));
    // reg-21: the language chosen; reg-11: what the room must arrange, in red on its own line.
    who += " · " + m.tf("console.case.language", {{"lang", m.t("lang." + a.language)}});
    ui.text(who, nullptr, ui::colors::kMuted);
    std::string arrange;
    if (a.interpreter_needed) arrange = m.t("console.case.interpreter");
    if (p.foreigner) arrange += (arrange.empty() ? "" : " · ") + m.t("console.case.foreigner");
    if (!arrange.empty()) ui.text(arrange, nullptr, ui::colors::kError);
    ui.text("«" + a.essence + "»");
    std::string line;
    if (!w.official.empty()) line = m.tf("console.case.official", {{"name", w.official}});
    if (w.session_date)
        line += (line.empty() ? "" : " · ") +
                m.tf("console.case.session", {{"date", dotted_date(*w.session_date)}});
    if (!a.assigned_to.empty())
        line += (line.empty() ? "" : " · ") +
                m.tf("console.case.assigned", {{"who", m.casework().handler()}});
    // The regulation profile it was registered under: another than today's is worth a look.
    line += (line.empty() ? "" : " · ") +
            (a.profile_id.empty() ? m.t("console.case.profile_unknown")
                                  : m.tf("console.case.profile", {{"profile", a.profile_id}}));
    ui.text(line, nullptr, ui::colors::kMuted);
    // reg-37: who may not be given it again, so the choice below is no surprise.
    std::string before;
    for (const auto& who : m.casework().earlier_handlers())
        before += (before.empty() ? "" : ", ") + who;
    if (!before.empty())
        ui.text(m.tf("console.case.handled_before", {{"who", before}}), nullptr,
                ui::colors::kMuted);
    // reg-32: the draft's decision day, and whether the applicant has it yet.
    if (w.draft) {
        std::string decision = dotted_date(w.draft->decision_on);
        if (w.draft->sent_on)
            ui.text(m.tf("console.case.draft_sent",
                         {{"decision", decision}, {"sent", dotted_date(*w.draft->sent_on)}}),
                    nullptr, ui::colors::kMuted);
        else
            ui.text(m.tf("console.case.draft_not_sent", {{"decision", decision}}), nullptr,
                    ui::colors::kError);
    }
}

// reg-26, 29: what a session means for the clocks, said before and after it is booked; one
// line each under the session, so the list never cuts them off.
static std::string offer_marks(ConsoleModel& m, const SessionOffer& o) {
    std::string marks;
    // reg-28: how full it is; the one the applicant chose is said first.
    marks += "  " + m.tf("console.case.session.places", {{"booked", std::to_string(o.booked)},
                                                         {"capacity", std::to_string(o.capacity)}});
    if (o.chosen) marks += "\n    " + m.t("console.case.session.chosen");
    if (o.needs_consent) marks += "\n    " + m.t("console.case.session.needs_consent");
    if (o.note_late)
        marks +=
            "\n    " + m.tf("console.case.session.note_late", {{"date", dotted_date(o.note_due)}});
    if (o.after_response_term)
        marks += "\n    " +
                 m.tf("console.case.session.after_term", {{"date", dotted_date(o.term_ends)}});
    return marks;
}

static void booking_warnings(ConsoleModel& m, ui::Ui& ui) {
    const auto& b = m.casework().booked();
    if (!b) return;
    // reg-28: the place and the person's own time, to tell them.
    ui.text(m.tf("console.case.booked.slot", {{"position", std::to_string(b->position)},
                                              {"time", hhmm(b->start_minute)},
                                              {"date", dotted_date(b->offer.session.date)}}),
            nullptr, ui::colors::kChosen);
    if (b->offer.note_late)
        ui.text(m.tf("console.case.booked.note_late", {{"date", dotted_date(b->offer.note_due)}}),
                nullptr, ui::colors::kError);
    if (b->offer.after_response_term)
        ui.text(m.tf("console.case.booked.after_term", {{"date", dotted_date(b->offer.term_ends)}}),
                nullptr, ui::colors::kError);
}

// The actions and their forms ----------------------------------------------------------

static void action_buttons(ConsoleModel& m, ui::Ui& ui, Instant now) {
    CaseworkModel& cw = m.casework();
    float avail = ImGui::GetContentRegionAvail().x, used = 0;
    float h = ImGui::GetFrameHeight() + ui.px(6);
    for (CaseAction a : cw.actions()) {
        std::string label = m.t(std::string("console.case.action.") + to_code(a));
        float w = ImGui::CalcTextSize(label.c_str()).x + ui.px(40);
        if (used > 0 && used + w < avail)
            ImGui::SameLine();
        else
            used = 0;
        used += w + ImGui::GetStyle().ItemSpacing.x;
        bool chosen = cw.action() && *cw.action() == a;
        if (ui.button(label + "##act", ImVec2(w, h), chosen, false)) cw.choose(a, now);
    }
}

// A choice among codes, as a row of buttons.
static void choice(ConsoleModel& m, ui::Ui& ui, const std::string& label, std::string* value,
                   const std::vector<std::pair<std::string, std::string>>& options) {
    field_label(label, false);
    float h = ImGui::GetFrameHeight();
    for (size_t i = 0; i < options.size(); ++i) {
        if (i) ImGui::SameLine();
        if (ui.button(options[i].second + "##" + label, ImVec2(0, h), *value == options[i].first,
                      false))
            *value = options[i].first;
    }
    (void)m;
}

static void ground_choice(ConsoleModel& m, ui::Ui& ui, CaseForm& f, const FieldErrors& e) {
    field_label(m.t("console.case.ground"), e.count("refusal_ground") > 0);
    for (const auto& g : m.context().profile.refusal_grounds) {
        std::string text = g.name(lang_code(m.lang())) + " (" + g.item + ")";
        if (ui.button(text + "##ground", ImVec2(0, ImGui::GetFrameHeight()), f.ground == g.code,
                      false))
            f.ground = g.code;
    }
    error_line(m, ui, e, "refusal_ground");
}

// reg-13: a video session chosen for an applicant who has not consented: the consent they give
// now (by phone, in person), recorded with the booking, or no booking. Above the list, where the
// clerk looks when the booking is refused for it.
static void consent_now(ConsoleModel& m, ui::Ui& ui, CaseForm& f, const FieldErrors& e,
                        const std::vector<SessionOffer>& offers) {
    bool needs = false;
    for (const auto& o : offers) needs |= o.session.uuid == f.session_uuid && o.needs_consent;
    if (!needs) return;
    error_line(m, ui, e, "session");
    check_box(ui, m.t("console.case.consent_now"), 4, &f.video_consent_now);
    if (f.video_consent_now)
        text_field(m, ui, "how", m.t("console.case.consent_how"), &f.consent_how, e, ui.px(700));
}

static void session_choice(ConsoleModel& m, ui::Ui& ui, CaseForm& f, const FieldErrors& e,
                           Instant now) {
    field_label(m.t("console.case.session_choose"), e.count("session") > 0);
    auto offers = m.casework().sessions_to_book(now);
    consent_now(m, ui, f, e, offers);
    ImGui::BeginChild("sessions", ImVec2(0, ui.px(220)), true);
    std::map<std::string, std::string> names; // one query, not one per row and frame
    for (const auto& o : list_officials(m.context().store)) names[o.uuid] = full_name(o);
    for (const auto& o : offers) {
        const ReceptionSession& s = o.session;
        std::string text = dotted_date(s.date) + "  " + hhmm(s.start_minute) + "–" +
                           hhmm(s.end_minute) + "  " + names[s.official_uuid] + " · " +
                           m.t(std::string("session.mode.") + to_code(s.mode)) + offer_marks(m, o);
        bool marked =
            o.note_late || o.after_response_term || o.needs_consent || o.booked >= o.capacity;
        if (marked) ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kError);
        if (ImGui::Selectable((text + "##" + s.uuid).c_str(), f.session_uuid == s.uuid))
            f.session_uuid = s.uuid;
        if (marked) ImGui::PopStyleColor();
        ui.tappables.push_back({text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    }
    ImGui::EndChild();
    auto it = e.find("session");
    if (it == e.end() || it->second != "no_video_consent") // said above, with the consent
        error_line(m, ui, e, "session");
}

// reg-10: the identity and, for one acting for another, the authority, each ticked as seen.
static void identity_fields(ConsoleModel& m, ui::Ui& ui, CaseForm& f, const FieldErrors& e,
                            float w) {
    text_field(m, ui, "id_document", m.t("console.record.id_document"), &f.id_document, e, w);
    check_box(ui, m.t("console.record.id_checked"), 2, &f.id_checked);
    error_line(m, ui, e, "id_checked");
    check_box(ui, m.t("console.case.acting_for_another"), 3, &f.acting_for_another);
    if (!f.acting_for_another) return;
    text_field(m, ui, "authority_document", m.t("console.case.authority_document"),
               &f.authority_document, e, w);
    check_box(ui, m.t("console.record.authority_checked"), 4, &f.authority_checked);
    error_line(m, ui, e, "authority_checked");
}

static void official_combo(ConsoleModel& m, CaseForm& f, const FieldErrors& e, float w) {
    field_label(m.t("console.case.received_by"), e.count("official") > 0);
    std::vector<Official> officials = list_officials(m.context().store);
    std::string current = "—";
    for (const auto& o : officials)
        if (o.uuid == f.official_uuid) current = full_name(o);
    ImGui::SetNextItemWidth(w);
    if (!ImGui::BeginCombo("##official", current.c_str())) return;
    for (const auto& o : officials)
        if (o.active && ImGui::Selectable(full_name(o).c_str(), o.uuid == f.official_uuid))
            f.official_uuid = o.uuid;
    ImGui::EndCombo();
}

// reg-23: one row per instruction: its text, executor and deadline.
static void instruction_rows(ConsoleModel& m, ui::Ui& ui, CaseForm& f, const FieldErrors& e,
                             float w) {
    field_label(m.t("console.case.protocol_instructions"), false);
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float due_w = ui.px(300), text_w = (w - due_w - 2 * gap) * 0.6f;
    float executor_w = w - due_w - text_w - 2 * gap;
    for (size_t k = 0; k < f.protocol_instructions.size(); ++k) {
        auto& row = f.protocol_instructions[k];
        std::string base = "instructions[" + std::to_string(k) + "].";
        text_field(m, ui, (base + "text").c_str(), m.t("console.case.instruction_text"), &row.text,
                   e, text_w);
        ImGui::SameLine();
        text_field(m, ui, (base + "executor").c_str(), m.t("console.case.executor"), &row.executor,
                   e, executor_w);
        ImGui::SameLine();
        text_field(m, ui, (base + "due_on").c_str(), m.t("console.case.due_on"), &row.due_on, e,
                   due_w);
    }
    if (ui.button(m.t("console.case.add_instruction_row") + "##rows",
                  ImVec2(0, ImGui::GetFrameHeight()), false, false))
        f.protocol_instructions.emplace_back();
}

static void received_fields(ConsoleModel& m, ui::Ui& ui, CaseForm& f, const FieldErrors& e, float w,
                            ImVec2 area) {
    if (const auto& s = m.casework().session())
        ui.text(m.tf("console.case.session_starts",
                     {{"date", dotted_date(s->date)}, {"time", hhmm(s->start_minute)}}),
                nullptr, ui::colors::kMuted);
    identity_fields(m, ui, f, e, w);
    official_combo(m, f, e, w);
    error_line(m, ui, e, "official");
    text_field(m, ui, "attendees", m.t("console.case.attendees"), &f.attendees, e, w);
    text_area(m, ui, "decision", m.t("console.case.decision"), &f.decision, e, area);
    instruction_rows(m, ui, f, e, w);
}

static void form_fields(ConsoleModel& m, ui::Ui& ui, CaseAction a, Instant now) {
    CaseworkModel& cw = m.casework();
    CaseForm& f = cw.form();
    const FieldErrors& e = cw.errors();
    float w = ImGui::GetContentRegionAvail().x - ui.px(10);
    ImVec2 area(w, ui.px(110));
    auto t = [&](const char* k) { return m.t(k); };
    switch (a) {
    case CaseAction::Assign: // reg-37: a staff account, those who handled it before marked
        field_label(t("console.case.employee"), e.count("assigned_to") > 0);
        for (const auto& h : cw.handlers_to_offer()) {
            std::string label = h.label;
            if (h.handled_before) label += " · " + t("console.case.handled_it_before");
            if (h.handled_before) ImGui::PushStyleColor(ImGuiCol_Text, ui::colors::kError);
            if (ui.button(label + "##handler", ImVec2(0, ImGui::GetFrameHeight()),
                          f.employee == h.login, false))
                f.employee = h.login;
            if (h.handled_before) ImGui::PopStyleColor();
        }
        error_line(m, ui, e, "assigned_to");
        break;
    case CaseAction::Note:
        choice(m, ui, t("console.case.proposal"), &f.proposal,
               {{"date", t("console.case.proposal.date")},
                {"refusal", t("console.case.proposal.refusal")}});
        text_area(m, ui, "text", t("console.case.note_text"), &f.note_text, e, area);
        break;
    case CaseAction::Corrected: { // reg-6: what the applicant brought
        Applicant& p = f.applicant;
        float third = (w - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
        text_field(m, ui, "surname", t("ui.surname"), &p.surname, e, third);
        ImGui::SameLine();
        text_field(m, ui, "name", t("ui.name"), &p.name, e, third);
        ImGui::SameLine();
        text_field(m, ui, "patronymic", t("ui.patronymic"), &p.patronymic, e, third);
        text_field(m, ui, "address", t("console.case.address"), &p.address, e, w);
        text_field(m, ui, "phone", t("ui.phone"), &p.phone, e,
                   (w - ImGui::GetStyle().ItemSpacing.x) / 2);
        ImGui::SameLine();
        text_field(m, ui, "iin", t("ui.iin"), &p.iin, e, (w - ImGui::GetStyle().ItemSpacing.x) / 2);
        if (p.kind == ApplicantKind::Representative) {
            text_field(m, ui, "entity_name", t("console.case.entity_name"), &p.entity_name, e, w);
            text_field(m, ui, "authority_document", t("console.case.authority_document"),
                       &p.authority_document, e, w);
        }
        break;
    }
    case CaseAction::AskCorrection:
        text_field(m, ui, "missing", t("console.case.missing"), &f.missing, e, w);
        break;
    case CaseAction::DraftRefusal:
        ground_choice(m, ui, f, e);
        text_field(m, ui, "decision_on", t("console.case.decision_on"), &f.decision_on, e,
                   ui.px(300));
        text_area(m, ui, "reason", t("console.case.reason"), &f.reason, e, area);
        break;
    case CaseAction::Hearing: // reg-33: the protocol of APPC art. 73, 74
        choice(m, ui, t("console.case.way"), &f.way,
               {{"in_person", t("console.case.way.in_person")},
                {"video", t("console.case.way.video")},
                {"phone", t("console.case.way.phone")},
                {"written", t("console.case.way.written")}});
        error_line(m, ui, e, "way");
        text_field(m, ui, "held_on", t("console.case.held_on"), &f.held_on, e, ui.px(300));
        ImGui::SameLine();
        text_field(m, ui, "start", t("console.case.start_time"), &f.start_time, e, ui.px(200));
        ImGui::SameLine();
        text_field(m, ui, "end", t("console.case.end_time"), &f.end_time, e, ui.px(200));
        text_field(m, ui, "place", t("console.case.place"), &f.place, e, w);
        text_field(m, ui, "chaired_by", t("console.case.chaired_by"), &f.chaired_by, e, w);
        text_field(m, ui, "secretary", t("console.case.secretary"), &f.secretary, e, w);
        text_field(m, ui, "participants", t("console.case.participants"), &f.participants, e, w);
        check_box(ui, t("console.case.applicant_present"), 2, &f.applicant_present);
        text_area(m, ui, "objections", t("console.case.objections"), &f.objections, e, area);
        check_box(ui, t("console.case.no_objections"), 3, &f.no_objections);
        choice(m, ui, t("console.case.conclusion"), &f.conclusion,
               {{"refuse", t("console.case.conclusion.refuse")},
                {"schedule", t("console.case.conclusion.schedule")}});
        error_line(m, ui, e, "conclusion");
        text_area(m, ui, "reasons", t("console.case.reasons"), &f.hearing_reasons, e, area);
        break;
    case CaseAction::Refuse:
        ground_choice(m, ui, f, e);
        text_area(m, ui, "reason", t("console.case.reason"), &f.reason, e, area);
        break;
    case CaseAction::Schedule:
        session_choice(m, ui, f, e, now);
        break;
    case CaseAction::Extend:
        choice(m, ui, t("console.case.extension"), &f.extension,
               {{"letter", t("console.case.extension.letter")},
                {"decision", t("console.case.extension.decision")}});
        error_line(m, ui, e, "extension");
        if (f.extension == "decision") { // reg-30: the akim or a deputy, as a role
            std::vector<std::pair<std::string, std::string>> roles;
            for (const char* code : {"akim", "deputy_akim"})
                if (const Role* r = m.context().profile.role(code))
                    roles.push_back({code, r->name(lang_code(m.lang()))});
            choice(m, ui, t("console.case.decided_by"), &f.decided_by, roles);
        }
        text_area(m, ui, "reason", t("console.case.reason"), &f.reason, e, area);
        break;
    case CaseAction::OtherBody:
    case CaseAction::OtherBodyRefused:
        text_field(m, ui, "body", t("console.case.body"), &f.body, e, w);
        break;
    case CaseAction::Received: // reg-10 first, then the protocol of reg-23
        received_fields(m, ui, f, e, w, area);
        break;
    case CaseAction::Instruction:
        text_area(m, ui, "text", t("console.case.instruction_text"), &f.instruction_text, e, area);
        text_field(m, ui, "executor", t("console.case.executor"), &f.executor, e, w);
        text_field(m, ui, "due_on", t("console.case.due_on"), &f.due_on, e, ui.px(300));
        break;
    case CaseAction::InstructionDone:
        text_area(m, ui, "report", t("console.case.report"), &f.report, e, area);
        error_line(m, ui, e, "instruction");
        break;
    case CaseAction::Answer:
        choice(m, ui, t("console.case.outcome"), &f.outcome,
               {{"resolved", t("report.outcome.resolved")},
                {"consultation", t("report.outcome.consultation")},
                {"explained", t("report.outcome.explained")}});
        text_area(m, ui, "answer", t("console.case.answer"), &f.answer, e, area);
        error_line(m, ui, e, "instructions");
        break;
    default: // a move with only its reason
        text_area(m, ui, "reason", t("console.case.reason"), &f.reason, e, area);
        break;
    }
}

static void action_form(ConsoleModel& m, ui::Ui& ui, Instant now) {
    CaseworkModel& cw = m.casework();
    if (!cw.action()) return;
    CaseAction a = *cw.action();
    ImGui::Separator();
    heading(ui, m.t(std::string("console.case.action.") + to_code(a)));
    form_fields(m, ui, a, now);
    // Errors of fields the form does not show (the state, the store) go here.
    for (const char* field : {"state", "store", "actor", "application"})
        error_line(m, ui, cw.errors(), field);
    bool restriction = restriction_mode(m.context().store);
    if (key_button(ui, m.t("console.case.apply"), keys::kF1 + 9,
                   ImVec2(ui.px(420), ImGui::GetFrameHeight() + ui.px(10))))
        cw.apply(m.actor(), restriction, m.lang(), now);
}

void draw_case(ConsoleModel& m, ui::Ui& ui, Instant now) {
    CaseworkModel& cw = m.casework();
    const WorkItem& w = *cw.selected();
    Date today = local_date(now);
    header(m, ui, w);
    // reg-23: once held, the protocol is what the case is about; it comes first.
    if (cw.protocol()) protocol_lines(m, ui, *cw.protocol());
    if (cw.done() == "notice_sent" || cw.done() == "notice_opt_out")
        ui.text(m.t("console.case.done." + cw.done()), nullptr, ui::colors::kChosen);
    else if (!cw.done().empty())
        ui.text(m.tf("console.case.done", {{"action", m.t("console.case.action." + cw.done())}}),
                nullptr, ui::colors::kChosen);
    booking_warnings(m, ui);
    // The actions first, and the chosen one's form under them: it is what the clerk works on
    // now; the clocks and notices follow.
    action_buttons(m, ui, now);
    action_form(m, ui, now);
    ImGui::Separator();
    clocks_table(m, w, today);
    notices_table(m, ui, now);
    hearings_and_instructions(m, ui, today);
}

} // namespace reception::console
