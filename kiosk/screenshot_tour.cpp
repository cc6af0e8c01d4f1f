#include "screenshot_tour.hpp"

#include "out_of_order.hpp"
#include "queue/ticket_queue.hpp"
#include "schedule/schedule.hpp"
#include "screens/screens.hpp"
#include "ui/window.hpp"

#include <cstdio>
#include <functional>

namespace reception::kiosk {

// The board on a working day: people waiting and nobody called yet; then a busy moment, three
// desks calling, one visitor served, one not come, one sent to another service; the last hour
// with same-day visitors still waiting; then a Sunday.
static void
board_tour(const std::function<void(const std::string&, const std::function<void()>&)>& shot,
           ui::Ui& ui, KioskModel& m, BoardState& board, const Catalog& texts, Store& store) {
    Date day = m.calendar().working_day_on_or_after(local_date(now_utc()));
    Instant now = local_instant(day, 10 * 60 + 30);
    const std::string& room = m.config().room;
    auto show = [&](const std::string& name, Instant at) {
        board.refresh(store, m.profile(), m.calendar(), room, at);
        shot(name, [&] { draw_board(texts, ui, board, at); });
    };
    for (int i = 0; i < 10; ++i)
        issue_ticket(store, m.profile(),
                     {room, i % 3 == 1 ? "consultation" : "same_day", "", "kk", "demo"}, now);
    issue_ticket(store, m.profile(), {room, "documents", "", "ru", "demo"}, now);
    show("15-board-start", now);
    std::vector<Ticket> called;
    for (const char* desk : {"1", "2", "3", "4"})
        called.push_back(*call_next(store, room, day, {"same_day"}, desk, "demo", now));
    finish_ticket(store, start_ticket(store, called[0].uuid, "demo", now).uuid, "demo", now);
    // The board's tour, not the no-show policy: the visitor is marked at once.
    no_show_ticket(store, QueuePolicy{0, 0, 30}, called[3].uuid, "demo", now);
    Instant later = now + std::chrono::minutes(1);
    transfer_ticket(store, m.profile(), called[1].uuid, "documents", "", "demo", later);
    // Desks serving the same-day queue only: the visitor sent to documents waits for their desk.
    for (const char* desk : {"1", "4"})
        call_next(store, room, day, {"same_day"}, desk, "demo", later);
    show("16-board-calls", later);
    // reg-3: 40 minutes before the room closes, same-day visitors still waiting.
    show("16b-board-last-hour", local_instant(day, board.hours.end - 40));
    Date sunday = add_days(day, 7 - int(iso_weekday(day)));
    show("17-board-closed", local_instant(sunday, 10 * 60));
}

// A morning with history: same-day calls every 6 minutes from 9:00 and six waiting, a
// consultation every 10 minutes and two waiting, documents never called and one waiting: the
// estimated waits the service screen and the board show at 10:00 (queue/queue_position.hpp).
static Instant seed_calls(KioskModel& m, Store& store, Date day) {
    const std::string& room = m.config().room;
    Instant nine = local_instant(day, 9 * 60);
    auto queue = [&](const char* service, int called, int waiting, int every) {
        for (int i = 0; i < called + waiting; ++i)
            issue_ticket(store, m.profile(), {room, service, "", "kk", "demo"},
                         nine + std::chrono::minutes(i));
        for (int i = 0; i < called; ++i) {
            Instant at = nine + std::chrono::minutes(every * i);
            Ticket t = *call_next(store, room, day, {service}, "1", "demo", at);
            finish_ticket(store, start_ticket(store, t.uuid, "demo", at).uuid, "demo", at);
        }
    };
    queue("same_day", 8, 6, 6);
    queue("consultation", 4, 2, 10);
    queue("documents", 0, 1, 0);
    return local_instant(day, 10 * 60);
}

// Screenshots: every screen in kk and ru, on a store of its own.
void screenshot_tour(GLFWwindow* window, ui::Ui& ui, KioskModel& m, BoardState& board,
                     const Catalog& texts, Store& store, const std::string& dir) {
    ScreenState st;
    auto shot = [&](const std::string& name, const std::function<void()>& draw) {
        std::string file = dir + "/" + name + ".png";
        bool saved = false;
        // Three frames: ImGui lays out windows and tables on the first ones.
        for (int i = 0; i < 3; ++i)
            ui::render_frame(
                window,
                [&] {
                    ui.begin_frame();
                    draw();
                    if (m.config().demo && name < "15") // the kiosk's screens, 01 to 14
                        demo_banner(texts, ui);
                },
                i == 2 ? &file : nullptr, &saved);
        std::printf("%s %s\n", saved ? "wrote" : "FAILED", file.c_str());
    };
    // A working day's morning: a tour run on a weekend shows the room open, as on a weekday.
    Instant now =
        local_instant(m.calendar().working_day_on_or_after(local_date(now_utc())), 10 * 60 + 30);
    std::string official = list_officials(store).front().uuid;
    for (Lang lang : {Lang::kk, Lang::ru}) {
        std::string l = lang_code(lang);
        auto kiosk = [&] {
            m.refresh_print();
            draw_kiosk(m, ui, st, now);
        };
        auto at_screen = [&](const char* name, const std::function<void()>& setup) {
            m.reset();
            m.set_lang(lang);
            m.touched(now);
            st = ScreenState{};
            setup();
            shot(std::string(name) + "-" + l, kiosk);
        };
        at_screen("01-start", [] {});
        at_screen("02-service", [&] { m.start_ticket(); });
        at_screen("03-category", [&] {
            m.start_ticket();
            m.choose_service("same_day");
        });
        at_screen("04-ticket", [&] {
            m.start_ticket();
            m.choose_service("same_day");
            m.choose_category("wwii_veteran", now);
        });
        // "Text me when my turn is near": offered under a ticket with people ahead, the number
        // typed, and the ticket again saying where the text goes.
        auto plain_ticket = [&] {
            m.start_ticket();
            m.choose_service("same_day");
            m.choose_category("", now);
        };
        for (int i = 0; i < 3; ++i) // more than two ahead: the text is worth offering
            issue_ticket(store, m.profile(), {m.config().room, "same_day", "", "kk", "demo"}, now);
        at_screen("04b-ticket-sms-offer", plain_ticket);
        at_screen("04c-ticket-sms-number", [&] {
            plain_ticket();
            m.start_turn_text();
            m.turn_phone() = "+7701123";
        });
        at_screen("04d-ticket-sms-landline", [&] {
            plain_ticket();
            m.start_turn_text();
            m.turn_phone() = "+77172123456";
            m.ask_turn_text(now);
        });
        at_screen("04e-ticket-sms-taken", [&] {
            plain_ticket();
            m.start_turn_text();
            m.turn_phone() = "+77011234567";
            m.ask_turn_text(now);
        });
        auto fill = [&] {
            m.start_signup();
            m.choose_official(official);
            m.form().essence = lang == Lang::kk ? "Ауылдағы жолды жөндеу туралы өтініш"
                                                : "Просьба отремонтировать дорогу в посёлке";
        };
        at_screen("05-signup-official", [&] { m.start_signup(); });
        at_screen("06-signup-essence", [&] { fill(); });
        at_screen("07-signup-applicant", [&] {
            fill();
            m.next_step();
            m.form().representative = true;
            m.form().bin = "940140000385";
            m.form().entity_name = "«Хромтау Құрылыс» ЖШС";
        });
        auto person = [&] {
            fill();
            m.next_step();
            m.next_step();
            m.form().surname = "Сәрсенбаева";
            m.form().name = "Әйгерім";
            m.form().patronymic = "Қайратқызы";
            m.form().phone = "+7 701 123 45 67";
            m.form().address = "Хромтау, Әйтеке би к-сі, 12";
        };
        // reg-28, 12: the first date proposed chosen, and an out-of-turn category.
        auto options = [&] {
            auto sessions = m.sessions_to_choose(now);
            if (!sessions.empty()) m.form().chosen_session = sessions.front().uuid;
            m.form().category = "labour_veteran";
        };
        at_screen("08-signup-person-error", [&] {
            person();
            m.form().iin = "871008401428";
            m.next_step(); // shows the checksum error next to the field
        });
        at_screen("09-signup-options", [&] {
            person();
            m.form().iin = "871008401427";
            m.next_step();
            options();
        });
        at_screen("10-signup-review", [&] {
            person();
            m.form().iin = "871008401427";
            m.next_step();
            options();
            m.next_step();
        });
        at_screen("11-signup-done", [&] {
            person();
            m.form().iin = "871008401427";
            m.next_step();
            options();
            m.next_step();
            m.submit(now);
        });
        at_screen("12-schedule", [&] { m.go(Screen::Schedule); });
        at_screen("13-countdown", [&] {
            m.start_ticket();
            m.touched(now - std::chrono::seconds(m.config().inactivity_seconds + 3));
        });
        at_screen("14-keyboard-kk-layout", [&] {
            person();
            st.focused_field = "surname";
            st.keyboard.layout = lang == Lang::kk ? ui::Layout::Kazakh : ui::Layout::Russian;
        });
        // For who cannot read the screen: speech on (Repeat at the top right, the volume
        // buttons), then large text on the start screen and on the tightest screens.
        at_screen("14a-start-speech", [&] { m.set_speech(true); });
        at_screen("14b-start-large-text", [&] { m.set_large_text(true); });
        at_screen("14c-ticket-large-text", [&] {
            m.set_large_text(true);
            m.start_ticket();
            m.choose_service("same_day");
            m.choose_category("wwii_veteran", now);
        });
        at_screen("14d-signup-person-large-text", [&] {
            person();
            m.set_large_text(true);
            m.set_speech(true);
            m.form().iin = "871008401428";
            m.next_step();
        });
    }
    // The board in the board's own sizes.
    m.reset();
    ui.use_large_text(false);
    board_tour(shot, ui, m, board, texts, store);
    Date busy =
        m.calendar().next_working_day(m.calendar().working_day_on_or_after(local_date(now_utc())));
    Instant ten = seed_calls(m, store, busy);
    for (Lang lang : {Lang::kk, Lang::ru}) {
        m.reset();
        m.set_lang(lang);
        m.touched(ten);
        st = ScreenState{};
        m.start_ticket();
        shot(std::string("02a-service-wait-") + lang_code(lang),
             [&] { draw_kiosk(m, ui, st, ten); });
    }
    board.refresh(store, m.profile(), m.calendar(), m.config().room, ten);
    shot("19-board-wait", [&] { draw_board(texts, ui, board, ten); });
    OutOfOrder broken;
    broken.fail("store_full", "database or disk is full (a screenshot, not a failure)",
                local_instant(local_date(now_utc()), 10 * 60 + 30));
    shot("18-out-of-order", [&] { draw_out_of_order(texts, ui, broken); });
}

} // namespace reception::kiosk
