#include "screenshot_tour.hpp"

#include "regulation/opening_hours.hpp"

#include "demo.hpp"
#include "queue/ticket_queue.hpp"
#include "schedule/schedule.hpp"
#include "screens/screens.hpp"
#include "ui/window.hpp"

#include <GLFW/glfw3.h>
#include <cstdio>
#include <imgui_internal.h>

namespace reception::console {

namespace {

struct Shooter {
    GLFWwindow* window;
    ui::Ui& ui;
    ConsoleModel& m;
    ScreenState st;
    std::string dir;
    Instant now;

    void shot(const std::string& name) {
        std::string file = dir + "/" + name + "-" + lang_code(m.lang()) + ".png";
        bool saved = false;
        // Each picture starts as a screen just opened would: no field holds an old text.
        ImGui::ClearActiveID();
        st.focus_first_field = true;
        // Several frames: ImGui lays out windows, tables and focus on the first ones.
        for (int i = 0; i < 4; ++i)
            ui::render_frame(
                window,
                [&] {
                    ui.begin_frame();
                    draw_console(m, ui, st, now);
                },
                i == 3 ? &file : nullptr, &saved);
        std::printf("%s %s\n", saved ? "wrote" : "FAILED", file.c_str());
    }
};

void fill_caller(IntakeForm& f, Lang lang, const std::string& phone) {
    f.surname = lang == Lang::kk ? "Сәрсенбаева" : "Ковалёва";
    f.name = lang == Lang::kk ? "Әйгерім" : "Ирина";
    f.patronymic = lang == Lang::kk ? "Қайратқызы" : "Сергеевна";
    f.phone = phone;
    f.iin = lang == Lang::kk ? "871008401427" : "760212350620";
    f.address = lang == Lang::kk ? "Хромтау, Әйтеке би к-сі, 12" : "Хромтау, ул. Айтеке би, 12";
    f.language = lang_code(lang);
    f.essence = lang == Lang::kk ? "Ауылдағы жолды жөндеу туралы өтініш, көктемде су басады"
                                 : "Просьба отремонтировать дорогу в посёлке, весной её заливает";
}

// The responsible employee's screens, on applications made to look a few weeks old:
// one past its reg-29 term, one refused yesterday for the survey call list.
Application old_application(Store& store, ConsoleModel& m, Instant when, const char* kk,
                            const char* ru, Channel channel) {
    Application a;
    a.channel = channel;
    bool in_kk = m.lang() == Lang::kk;
    a.applicant.surname = in_kk ? "Жұмағұлов" : "Сидоренко";
    a.applicant.name = in_kk ? "Ерболат" : "Павел";
    a.applicant.phone = in_kk ? "+77015550011" : "+77025550022";
    a.applicant.address = in_kk ? "Хромтау, Абай к-сі, 7" : "Хромтау, ул. Абая, 7";
    a.essence = in_kk ? kk : ru;
    a.language = lang_code(m.lang());
    const ConsoleContext& c = m.context();
    a = register_application(store, c.profile, c.cal, a, m.actor(), when);
    MoveInput in;
    in.to = AppState::InReview;
    in.actor = m.actor();
    return move_and_notify(store, c.profile, c.cal, a.uuid, in, when + std::chrono::hours(2));
}

// What the central server reports of an SMS it could not send (the agent writes it so when it
// pulls the report): the reason on the case, the staff's buttons still there.
void sms_failed(Store& store, const std::string& uuid, Instant when) {
    for (const auto& n : notices_of(store, uuid)) {
        if (n.sent_on) continue;
        replan_notice(store, n.uuid, "sms", when);
        store
            .prepare("INSERT OR REPLACE INTO notice_deliveries(uuid, application_uuid, channel, "
                     "state, reason, attempts, queued_at, last_attempt_at, updated_at) VALUES "
                     "(?1, ?2, 'sms', 'failed', 'gave_up: unreachable: HTTP 503', 6, ?3, ?3, ?3)")
            .bind(1, n.uuid)
            .bind(2, uuid)
            .bind(3, format_instant(when))
            .run();
    }
}

void send_notices(Store& store, ConsoleModel& m, const std::string& uuid, Instant when) {
    for (const auto& n : notices_of(store, uuid))
        if (!n.sent_on) mark_notice_sent(store, n.uuid, m.actor(), when);
}

// reg-33: a hearing's protocol as APPC art. 73, 74 ask for it.
void fill_hearing(CaseForm& f, Lang lang) {
    bool kk = lang == Lang::kk;
    f.way = "in_person";
    f.start_time = "15:00";
    f.end_time = "15:40";
    f.place = kk ? "Хромтау аудандық әкімдігі, 12-кабинет" : "Акимат Хромтауского района, каб. 12";
    f.chaired_by = kk ? "Қайыров Нұрлан Бауыржанұлы" : "Кайыров Нурлан Бауыржанович";
    f.secretary = kk ? "Әбенова Динара Серікқызы" : "Абенова Динара Сериковна";
    f.participants = kk ? "Жұмағұлов Е., арыз иесі" : "Сидоренко П., заявитель";
    f.objections = kk ? "Газ құбыры ауданның балансында деп санаймын"
                      : "Считаю, что газопровод на балансе района";
    f.hearing_reasons =
        kk ? "Құбыр «ҚазТрансГаз Аймақ» АҚ меншігінде" : "Газопровод в собственности АО «КТГА»";
}

// reg-10, 23: a reception held today, its documents checked and its protocol recorded. The
// akim receives in an ad-hoc session of the morning, so the reception has begun.
void reception_held(Shooter& s, Store& store, const Application& a) {
    ConsoleModel& m = s.m;
    const ConsoleContext& c = m.context();
    bool kk = m.lang() == Lang::kk;
    Date today = local_date(s.now);
    if (!c.cal.is_working_day(today)) return;
    std::string booked;
    for (const auto& o : list_officials(store)) { // the first whose role may receive ad hoc
        ReceptionSession morning;
        morning.official_uuid = o.uuid;
        morning.room_uuid = list_rooms(store).front().uuid;
        morning.date = today;
        morning.start_minute = 9 * 60;
        morning.end_minute = 10 * 60;
        try {
            morning =
                add_ad_hoc_session(store, c.profile, c.cal, morning,
                                   kk ? "Әкімнің тапсырмасы" : "Поручение акима", m.actor(), s.now);
            schedule_application(store, c.profile, c.cal, a.uuid, morning.uuid, false, m.actor(),
                                 s.now);
            booked = morning.uuid;
            break;
        } catch (const InputError&) {
            continue;
        }
    }
    if (booked.empty()) return; // no picture rather than a wrong one
    m.casework().refresh(s.now);
    m.casework().select(a.uuid, m.lang(), s.now);
    m.casework().choose(CaseAction::Received, s.now);
    CaseForm& f = m.casework().form();
    f.id_document = kk ? "Жеке куәлік № 045612378" : "Удостоверение личности № 045612378";
    f.attendees = kk ? "ТКШ бөлімінің басшысы Омаров Д." : "Руководитель отдела ЖКХ Омаров Д.";
    f.decision = kk ? "Газ құбырын 2026 жылғы жоспарға енгізу ұсынылсын"
                    : "Предложить включить газопровод в план 2026 года";
    f.protocol_instructions[0] = {kk ? "Смета дайындау" : "Подготовить смету",
                                  kk ? "ТКШ бөлімі" : "Отдел ЖКХ",
                                  dotted_date(add_days(today, 14))};
    m.casework().apply(m.actor(), false, m.lang(), s.now); // the identity check is not ticked
    s.shot("15d-case-reception-held-form");
    m.casework().form().id_checked = true;
    m.casework().apply(m.actor(), false, m.lang(), s.now);
    s.shot("15e-case-reception-protocol");
}

void casework_screenshots(Shooter& s, Store& store) {
    ConsoleModel& m = s.m;
    const ConsoleContext& c = m.context();
    auto days = [](int n) { return std::chrono::hours(24 * n); };
    Application late =
        old_application(store, m, s.now - days(45), "Көпқабатты үйдің шатырын жөндеу туралы",
                        "О ремонте крыши многоквартирного дома", Channel::EOtinish);
    Application refused =
        old_application(store, m, s.now - days(12), "Облыстық жолды жөндеу туралы",
                        "О ремонте областной дороги", Channel::Paper);
    MoveInput in;
    in.actor = m.actor();
    in.to = AppState::RefusalDraftSent;
    in.refusal_ground = "outside_competence";
    in.decision_on = local_date(s.now - days(1));
    move_and_notify(store, c.profile, c.cal, refused.uuid, in, s.now - days(10));
    send_notices(store, m, refused.uuid, s.now - days(10)); // reg-32: the draft went out
    in.to = AppState::Refused;
    move_and_notify(store, c.profile, c.cal, refused.uuid, in, s.now - days(1));
    // reg-32, 33: a draft refusal sent six days ago, heard today.
    Application heard = old_application(store, m, s.now - days(8), "Жеке үйге газ құбыры туралы",
                                        "О газопроводе к частному дому", Channel::Phone);
    in.to = AppState::RefusalDraftSent;
    in.decision_on = c.cal.add_working_days(local_date(s.now), 3);
    move_and_notify(store, c.profile, c.cal, heard.uuid, in, s.now - days(6));
    send_notices(store, m, heard.uuid, s.now - days(6));

    m.go(Screen::WorkList);
    m.casework().refresh(s.now);
    m.casework().select(late.uuid, m.lang(), s.now);
    s.shot("14-worklist-overdue");
    m.casework().choose(CaseAction::DraftRefusal, s.now);
    m.casework().form().reason = m.lang() == Lang::kk ? "Шатыр тұрғын үй серіктестігінің меншігі"
                                                      : "Крыша в собственности КСК";
    s.shot("15-case-draft-refusal");
    m.casework().choose(CaseAction::Extend, s.now); // reg-30: by the akim's decision
    m.casework().form().extension = "decision";
    m.casework().form().decided_by = "deputy_akim";
    s.shot("15a-case-extend-decision");
    m.casework().select(heard.uuid, m.lang(), s.now);
    m.casework().choose(CaseAction::Hearing, s.now);
    fill_hearing(m.casework().form(), m.lang());
    s.shot("15b-case-hearing-form");
    m.casework().apply(m.actor(), false, m.lang(), s.now);
    s.shot("15c-case-hearing-recorded");
    reception_held(s, store, heard);
    m.casework().select(late.uuid, m.lang(), s.now);
    m.casework().choose(CaseAction::Schedule, s.now);
    s.shot("16-case-book-session");
    auto sessions = m.casework().sessions_to_book(s.now);
    if (!sessions.empty()) {
        m.casework().form().session_uuid = sessions.back().session.uuid;
        m.casework().apply(m.actor(), false, m.lang(), s.now); // booked: a notice to send
    }
    s.shot("16a-case-notice-to-send");
    sms_failed(store, late.uuid, s.now);
    m.casework().select(late.uuid, m.lang(), s.now);
    s.shot("16d-case-sms-failed");
    // reg-13: a video session chosen for an applicant who never consented: the consent asked.
    Application no_consent = old_application(store, m, s.now - days(3), "Көше жарығы туралы",
                                             "Об уличном освещении", Channel::Phone);
    m.casework().refresh(s.now);
    m.casework().select(no_consent.uuid, m.lang(), s.now);
    m.casework().choose(CaseAction::Schedule, s.now);
    for (const auto& o : m.casework().sessions_to_book(s.now))
        if (o.needs_consent && m.casework().form().session_uuid.empty())
            m.casework().form().session_uuid = o.session.uuid;
    m.casework().apply(m.actor(), false, m.lang(), s.now); // refused: no consent yet
    s.shot("16c-case-video-consent");
    // reg-6: a call without the caller's name, corrected when the name is brought.
    Application nameless;
    nameless.channel = Channel::Phone;
    nameless.applicant.surname = m.lang() == Lang::kk ? "Нұрланова" : "Петрова";
    nameless.applicant.phone = m.lang() == Lang::kk ? "+77015550033" : "+77025550044";
    nameless.essence =
        m.lang() == Lang::kk ? "Балабақшаға кезек туралы сұрақ" : "Вопрос об очереди в детский сад";
    nameless.language = lang_code(m.lang());
    nameless = register_application(store, c.profile, c.cal, nameless, m.actor(), s.now);
    m.casework().refresh(s.now);
    m.casework().select(nameless.uuid, m.lang(), s.now);
    m.casework().choose(CaseAction::Corrected, s.now);
    m.casework().apply(m.actor(), false, m.lang(), s.now); // the name is still missing: said
    s.shot("16b-case-correction");
    m.go(Screen::MonthSchedule);
    m.schedule().open(local_date(s.now));
    s.shot("17-month-schedule");
    // reg-27, 28: the persons of the session booked above, in order, each with a time.
    if (!sessions.empty()) {
        m.schedule().open(sessions.back().session.date);
        m.schedule().select(sessions.back().session.uuid);
        s.shot("17a-month-schedule-persons");
    }
    m.go(Screen::Surveys);
    m.surveys().open(local_date(s.now - days(1)));
    m.surveys().select(refused.uuid);
    m.surveys().answer().reached = true;
    m.surveys().answer().rating = 3;
    s.shot("18-survey-call");
    m.go(Screen::Reports);
    m.reports().open(local_date(s.now));
    m.reports().make(m.lang(), s.now);
    s.shot("19-quarter-report");
}

// reg-12: a visitor called three times who did not come, listed to be put back, and a ticket
// chosen from the waiting list to be called out of order with the reason.
void no_show_and_out_of_order(Shooter& s) {
    DeskModel& d = s.m.desk();
    if (!d.act(DeskAction::CallNext, s.m.actor(), s.now) || !d.current()) return;
    const auto& policy = s.m.context().profile.queue_policy;
    Instant t = s.now;
    for (int i = 0; i <= policy.recalls; ++i) {
        t += std::chrono::seconds(policy.recall_gap_seconds);
        d.act(i < policy.recalls ? DeskAction::Recall : DeskAction::NoShow, s.m.actor(), t);
    }
    d.refresh(s.now);
    if (d.waiting_list().empty()) return;
    d.chosen_ticket() = d.waiting_list().back().uuid;
    d.call_reason() = s.m.lang() == Lang::kk ? "Мүгедектігі бар адамның сүйемелдеушісі"
                                             : "Сопровождающий человека с инвалидностью";
    s.shot("13b-desk-no-show-out-of-order");
}

// reg-3: the room's last hour, same-day visitors still waiting: the desk is told in red.
void desk_last_hour(Shooter& s) {
    const auto& c = s.m.context();
    OpeningHours h = hours_on(c.profile, c.cal, local_date(s.now));
    if (!h.open) return;
    Instant was = s.now;
    s.now = local_instant(local_date(was), h.end - 40);
    s.shot("13c-desk-last-hour");
    s.now = was;
}

// reg-38: a consultation ticket at the desk, its visitor asked for a phone for the survey.
void consultation_at_desk(Shooter& s) {
    DeskModel& d = s.m.desk();
    for (int i = 0; i < 5; ++i) {
        if (!d.act(DeskAction::CallNext, s.m.actor(), s.now) || !d.current()) return;
        d.act(DeskAction::Start, s.m.actor(), s.now);
        if (d.current() && d.current()->service == "consultation") break;
        d.act(DeskAction::Finish, s.m.actor(), s.now);
    }
    if (!d.current() || d.current()->service != "consultation") return;
    d.survey_phone() = "+7 701 555 66 77";
    d.survey_consent() = true;
    s.shot("13a-desk-consultation-survey");
    d.give_survey_contact(s.m.actor(), s.now);
    d.act(DeskAction::Finish, s.m.actor(), s.now);
}

void screenshots(Shooter& s, Store& store, const RegulationProfile& profile) {
    ConsoleModel& m = s.m;
    // An account per screen set; the admin sees every screen.
    std::string password = random_password();
    create_staff(store, {"shots", "Омаров Данияр Асқарұлы", "", password, StaffRole::Admin},
                 "demo-setup", s.now);
    for (Lang lang : {Lang::kk, Lang::ru}) {
        // A morning's queue for each language: the out-of-turn ticket is called first.
        for (int i = 0; i < 5; ++i)
            issue_ticket(store, profile,
                         {m.context().cfg.room, i % 2 ? "consultation" : "same_day",
                          i == 2 ? "disability" : "", i % 3 ? "ru" : "kk", "kiosk-1"},
                         s.now - std::chrono::minutes(40 - i * 7));
        // Callers differ per language, so each run shows a first call, not a duplicate.
        std::string phone = lang == Lang::kk ? "+7 701 123 45 67" : "+7 702 765 43 21";
        std::string other = lang == Lang::kk ? "+7 705 555 12 34" : "+7 707 444 98 76";
        m.set_lang(lang);
        m.sign_out(s.now);
        m.sign_in_form().login = "shots";
        s.shot("01-sign-in");
        m.sign_in_form().password = password;
        m.sign_in(s.now);
        m.go(Screen::Intake);
        m.intake().new_call();
        s.shot("02-intake-empty");
        IntakeForm& f = m.intake().form();
        f.phone = "8 701 12";
        f.iin = "871008401428";
        f.essence = "жол";
        f.surname = "Иванов2";
        m.intake().save(m.actor(), s.now);
        s.shot("03-intake-errors");
        m.intake().new_call();
        fill_caller(m.intake().form(), lang, phone);
        m.intake().save(m.actor(), s.now); // the first application of this caller
        m.intake().new_call();
        fill_caller(m.intake().form(), lang, phone);
        m.intake().form().essence = lang == Lang::kk ? "Жер учаскесін ресімдеу мәселесі"
                                                     : "Вопрос оформления земельного участка";
        m.intake().save(m.actor(), s.now); // stops: the caller has an open one
        s.shot("04-intake-duplicates");
        m.intake().save(m.actor(), s.now); // a new issue indeed: the second Enter registers it
        m.intake().new_call();
        IntakeForm& g = m.intake().form();
        g.phone = other;
        g.language = lang_code(lang);
        g.essence = lang == Lang::kk ? "Көшеде жарық жоқ, шамдарды жөндеу керек"
                                     : "На улице нет освещения, нужно починить фонари";
        m.intake().save(m.actor(), s.now); // no name: art. 63, needs correction
        s.shot("05-intake-saved-needs-correction");
        std::string corrected = m.intake().saved() ? m.intake().saved()->reg_number : "";
        m.go(Screen::Lookup);
        m.lookup().clear();
        m.lookup().query() = phone;
        m.lookup().search(m.lang(), s.now);
        m.lookup().select(m.lookup().results().front().uuid, m.lang(), s.now);
        s.shot("06-lookup-list");
        m.lookup().query() = corrected;
        m.lookup().search(m.lang(), s.now);
        s.shot("07-lookup-detail");
        m.go(Screen::Desk);
        m.desk().leave(m.actor(), s.now);
        m.desk().number() = "3";
        m.desk().services() = {"same_day", "consultation"};
        s.shot("08-desk-open");
        m.desk().open(m.actor(), s.now);
        m.desk().act(DeskAction::CallNext, m.actor(), s.now);
        s.shot("09-desk-called-category");
        m.desk().act(DeskAction::Start, m.actor(), s.now);
        m.desk().transfer_service() = "documents";
        s.shot("10-desk-serving");
        m.start_record_from_desk();
        m.record().input().visitor_name =
            lang == Lang::kk ? "Сәрсенбаева Әйгерім" : "Ковалёва Ирина";
        m.record().input().id_document =
            lang == Lang::kk ? "Жеке куәлік № 045612378" : "Удостоверение личности № 045612378";
        s.shot("11-record-start");
        m.record().input().id_checked = true;
        m.record().start(m.actor(), s.now);
        fill_caller(m.record().form(), lang, phone);
        m.record().hand_in(m.actor(), s.now);
        s.shot("12-record-handed-in");
        m.record().finish();
        m.desk().act(DeskAction::Finish, m.actor(), s.now);
        m.go(Screen::Desk);
        m.desk().act(DeskAction::Pause, m.actor(), s.now);
        s.shot("13-desk-paused");
        m.desk().act(DeskAction::Resume, m.actor(), s.now);
        consultation_at_desk(s);
        no_show_and_out_of_order(s);
        desk_last_hour(s);
        casework_screenshots(s, store);
    }
}

} // namespace

void screenshot_tour(GLFWwindow* window, ui::Ui& ui, ConsoleModel& m, Store& store,
                     const RegulationProfile& profile, const std::string& dir) {
    // A working day's morning, so a tour run on a weekend shows the room at work as on a weekday
    // (the intake registers the same day, the desks call, the last hour comes).
    Date day = m.context().cal.working_day_on_or_after(local_date(now_utc()));
    Shooter s{window, ui, m, {}, dir, local_instant(day, 10 * 60 + 30)};
    screenshots(s, store, profile);
}

} // namespace reception::console
