// The waiting-room board (kiosk/board.hpp) read from a store and drawn headless at the board's
// real sizes: what a visitor in the room reads, and that it fits the screen.
#include "headless_ui.hpp"
#include "test_support.hpp"

#include "base/validation.hpp"
#include "board.hpp"
#include "queue/ticket_queue.hpp"
#include "schedule/schedule.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <imgui.h>

using namespace reception;
using namespace reception::kiosk;
using namespace reception::test;

namespace {

// A room with the demo schedule (its name) and a board on it, on Monday 16 March 2026.
struct BoardRoom {
    TestStore s;
    BoardState board;
    Instant now = at(2026, 3, 16, 10, 0);
    BoardRoom() {
        std::ifstream in(assets() / "demo/schedule.json");
        load_schedule(*s, profile(), calendar(), nlohmann::json::parse(in), now);
    }
    Ticket take(const std::string& service, const std::string& category = "") {
        now += std::chrono::seconds(30);
        return issue_ticket(*s, profile(), {"main", service, category, "kk", "kiosk-1"}, now);
    }
    Ticket call(const std::string& desk) {
        now += std::chrono::seconds(30);
        auto t = call_next(*s, "main", local_date(now), {}, desk, "clerk", now);
        REQUIRE(t);
        return *t;
    }
    void refresh() { board.refresh(*s, profile(), calendar(), "main", now); }
};

// The board drawn headless on a screen of this size, as the kiosk scales it.
struct Screen {
    ui::Ui ui;
    HeadlessScreen screen;
    Screen(float w, float h) : screen(ui, w, h, std::min(w, h) / 1080.0f, true) {
        ui::apply_theme(ui.scale);
    }
    void draw(BoardState& b, Instant now) {
        draw_headless_frame(ui, [&] { draw_board(catalog(), ui, b, now); });
    }
};

bool shows(const BoardState& b, const std::string& text) {
    for (const auto& t : b.drawn)
        if (t.text.find(text) != std::string::npos) return true;
    return false;
}

int times_shown(const BoardState& b, const std::string& text) {
    int n = 0;
    for (const auto& t : b.drawn) n += t.text == text;
    return n;
}

std::string kk(const std::string& key,
               const std::vector<std::pair<std::string, std::string>>& args = {}) {
    return catalog().format(Lang::kk, key, args);
}
std::string ru(const std::string& key,
               const std::vector<std::pair<std::string, std::string>>& args = {}) {
    return catalog().format(Lang::ru, key, args);
}

std::vector<std::string> numbers(const std::vector<Ticket>& ts) {
    std::vector<std::string> out;
    for (const auto& t : ts) out.push_back(t.number);
    return out;
}

} // namespace

TEST_CASE("board: a ticket served, marked no-show or transferred leaves the being-called place "
          "at once") {
    BoardRoom r;
    for (int i = 0; i < 4; ++i) r.take("same_day");
    Ticket a = r.call("1"), b = r.call("2"), c = r.call("3");
    r.refresh();
    CHECK(numbers(r.board.calls.calling) == std::vector<std::string>{c.number, b.number, a.number});
    Screen screen(1920, 1080);
    screen.draw(r.board, r.now);
    CHECK(times_shown(r.board, c.number) == 1); // on the card, in the huge font
    // A visitor at the desk is no longer called: the clerk started, then finished.
    start_ticket(*r.s, a.uuid, "clerk", r.now);
    r.refresh();
    CHECK(numbers(r.board.calls.calling) == std::vector<std::string>{c.number, b.number});
    finish_ticket(*r.s, a.uuid, "clerk", r.now);
    no_show_ticket(*r.s, QueuePolicy{0, 0, 30}, b.uuid, "clerk", r.now);
    transfer_ticket(*r.s, profile(), c.uuid, "consultation", "", "clerk", r.now);
    r.refresh();
    CHECK(r.board.calls.calling.empty());
    // They are the last calls now; the transferred one says where the visitor waits.
    REQUIRE(r.board.calls.recent.size() == 3);
    CHECK(r.board.calls.recent[0].ticket.number == c.number);
    CHECK(r.board.calls.recent[0].moved_to == "consultation");
    screen.draw(r.board, r.now);
    CHECK(shows(r.board, kk("ui.board_wait")));
    for (const auto& t : r.board.drawn) // the huge digits count the queues now, no ticket
        if (t.font == screen.ui.fonts.huge) CHECK(t.text.find('-') == std::string::npos);
}

TEST_CASE("board: a transferred visitor reads the new service and 'please wait', for a while, "
          "until called again") {
    BoardRoom r;
    Ticket a = r.take("same_day");
    Ticket b = r.take("same_day");
    r.call("1");
    Ticket called_b = r.call("2");
    // The desk sends the first visitor to a consultation after the second was called.
    r.now += std::chrono::minutes(1);
    transfer_ticket(*r.s, profile(), a.uuid, "consultation", "", "clerk", r.now);
    r.refresh();
    REQUIRE(r.board.calls.recent.size() == 1);
    CHECK(r.board.calls.recent[0].ticket.number == a.number);
    CHECK(numbers(r.board.calls.calling) == std::vector<std::string>{b.number});
    Screen screen(1920, 1080);
    screen.draw(r.board, r.now);
    const Service& consult = *profile().service("consultation");
    CHECK(shows(r.board, kk("ui.board_moved", {{"service", consult.kk}})));
    CHECK(shows(r.board, ru("ui.board_moved", {{"service", consult.ru}})));
    CHECK(shows(r.board, "Кеңес алу, шақыруды күтіңіз"));
    CHECK(shows(r.board, "Консультация, ожидайте вызова"));
    CHECK_FALSE(shows(r.board, ru("ui.desk", {{"desk", "1"}}))); // not the desk it left
    // After a while the row goes, even with nothing new in the store.
    Instant later = r.now + std::chrono::minutes(kTransferShownMinutes) + std::chrono::seconds(1);
    screen.draw(r.board, later);
    CHECK_FALSE(shows(r.board, ru("ui.board_moved", {{"service", consult.ru}})));
    CHECK(shows(r.board, b.number));
    // Called again for the new service: the number is on the board once, at its new desk.
    finish_ticket(*r.s, start_ticket(*r.s, called_b.uuid, "clerk", r.now).uuid, "clerk", r.now);
    Ticket again = r.call("3");
    CHECK(again.number == a.number);
    r.refresh();
    CHECK(numbers(r.board.calls.calling) == std::vector<std::string>{a.number});
    for (const auto& c : r.board.calls.recent) CHECK(c.moved_to.empty());
    screen.draw(r.board, r.now);
    CHECK(times_shown(r.board, a.number) == 1);
    CHECK(shows(r.board, ru("ui.desk", {{"desk", "3"}})));
}

TEST_CASE("board: a desk that calls again no longer shows its older call as being called") {
    BoardRoom r;
    r.take("same_day");
    r.take("same_day");
    Ticket first = r.call("1");
    Ticket second = r.call("1"); // the core lets it; a desk in the console finishes first
    r.refresh();
    CHECK(numbers(r.board.calls.calling) == std::vector<std::string>{second.number});
    REQUIRE(r.board.calls.recent.size() == 1);
    CHECK(r.board.calls.recent[0].ticket.number == first.number);
}

TEST_CASE("board: a new call is announced and highlighted, one already over when read is not") {
    BoardRoom r;
    int announced = 0;
    r.board.on_new_call = [&](const Ticket&) { ++announced; };
    Ticket a = r.take("same_day");
    r.take("same_day");
    r.refresh();
    r.call("1");
    r.refresh();
    CHECK(announced == 1);
    CHECK(r.now < r.board.highlight_until);
    Ticket quick = r.call("2");
    no_show_ticket(*r.s, QueuePolicy{0, 0, 30}, quick.uuid, "clerk", r.now);
    r.now += std::chrono::seconds(20);
    r.refresh();
    CHECK(announced == 1);
    CHECK(r.board.highlight_until <= r.now);
    recall_ticket(*r.s, QueuePolicy{1, 0, 30}, a.uuid, "clerk", r.now); // called again: said again
    r.refresh();
    CHECK(announced == 2);
}

TEST_CASE("board: the room's name and today's hours, and 'closed today' on a weekend or holiday") {
    BoardRoom r;
    Screen screen(1920, 1080);
    r.refresh();
    screen.draw(r.board, r.now);
    CHECK(shows(r.board, "Қоғамдық қабылдау бөлмесі"));
    CHECK(shows(r.board, "Общественная приёмная"));
    CHECK(shows(r.board, "Бүгін 09:00–18:30, түскі үзіліс 13:00–14:30"));
    CHECK(shows(r.board, "Сегодня 09:00–18:30, обед 13:00–14:30"));
    for (Date closed : {day(2026, 3, 21), day(2026, 3, 23)}) { // Saturday; Nauryz, a Monday
        r.now = local_instant(closed, 10 * 60);
        CHECK(r.board.stale(r.now));
        r.refresh();
        CHECK_FALSE(r.board.stale(r.now));
        screen.draw(r.board, r.now);
        CHECK(shows(r.board, kk("ui.board_closed")));
        CHECK(shows(r.board, ru("ui.board_closed")));
        CHECK_FALSE(shows(r.board, "Бүгін 09:00"));
        // And when it opens again: Nauryz lasts until Wednesday 25 March.
        CHECK(shows(r.board, "Келесі қабылдау: 26.03.2026, 09:00–18:30"));
        CHECK(shows(r.board, "Следующий приём: 26.03.2026, 09:00–18:30"));
    }
    // A room the store does not know: no name, the rest as usual.
    r.board.refresh(*r.s, profile(), calendar(), "annex", at(2026, 3, 16, 10, 0));
    screen.draw(r.board, at(2026, 3, 16, 10, 0));
    CHECK_FALSE(shows(r.board, "Қоғамдық"));
    CHECK(shows(r.board, "09:00–18:30"));
}

TEST_CASE("board: how many wait for each service, every service shown, no category, no name") {
    BoardRoom r;
    r.take("same_day");
    r.take("same_day", "disability");
    r.take("same_day");
    r.take("documents");
    r.take("documents");
    r.call("1"); // the out-of-turn ticket is called first and waits no more
    r.refresh();
    REQUIRE(r.board.queues.size() == profile().services.size());
    CHECK(r.board.queues[0].service == "same_day");
    CHECK(r.board.queues[0].waiting == 2);
    CHECK(r.board.queues[1].waiting == 0);
    CHECK(r.board.queues[2].waiting == 2);
    for (auto [w, h] : {std::pair{1920.0f, 1080.0f}, {1080.0f, 1920.0f}}) {
        Screen screen(w, h);
        screen.draw(r.board, r.now);
        for (const auto& s : profile().services) {
            CHECK(shows(r.board, s.kk));
            CHECK(shows(r.board, s.ru));
        }
        CHECK(times_shown(r.board, "2") == 2);
        CHECK(times_shown(r.board, "0") == 1);
        CHECK(shows(r.board, kk("ui.board_waiting")));
        const NamedCode& category = *profile().category("disability");
        CHECK_FALSE(shows(r.board, category.kk));
        CHECK_FALSE(shows(r.board, category.ru));
        for (const auto& o : list_officials(*r.s)) CHECK_FALSE(shows(r.board, o.surname));
    }
}

TEST_CASE("board: nothing is cut off or overlaps at 1920x1080 and 1080x1920, the screen is used "
          "and every letter is in its font") {
    BoardRoom r;
    for (int i = 0; i < 14; ++i) r.take(i % 3 ? "same_day" : "consultation");
    std::vector<Ticket> called;
    for (int i = 0; i < 9; ++i) called.push_back(r.call(std::to_string(i % 6 + 1)));
    for (int i = 0; i < 6; ++i) {
        Ticket t = start_ticket(*r.s, called[i].uuid, "clerk", r.now);
        if (i < 4) finish_ticket(*r.s, t.uuid, "clerk", r.now);
    }
    transfer_ticket(*r.s, profile(), called[4].uuid, "documents", "", "clerk", r.now);
    transfer_ticket(*r.s, profile(), called[5].uuid, "same_day", "", "clerk", r.now);
    r.refresh();
    CHECK(r.board.calls.calling.size() == 3);
    for (auto [w, h] : {std::pair{1920.0f, 1080.0f}, {1080.0f, 1920.0f}}) {
        CAPTURE(w);
        Screen screen(w, h);
        screen.draw(r.board, r.now);
        const auto& drawn = r.board.drawn;
        REQUIRE(drawn.size() > 20);
        float lowest = 0;
        for (const auto& t : drawn) {
            CAPTURE(t.text);
            CHECK(t.min.x >= 0);
            CHECK(t.min.y >= 0);
            CHECK(t.max.x <= w);
            CHECK(t.max.y <= h);
            lowest = std::max(lowest, t.max.y);
            // Read from 5 m: nothing smaller than a heading.
            CHECK(t.font->FontSize >= screen.ui.fonts.large->FontSize);
            for (char32_t c : utf8_decode(t.text))
                CHECK_MESSAGE(t.font->FindGlyphNoFallback(ImWchar(c)), "no glyph U+" << int(c));
        }
        for (size_t i = 0; i < drawn.size(); ++i)
            for (size_t j = i + 1; j < drawn.size(); ++j) {
                const BoardText &a = drawn[i], &b = drawn[j];
                bool apart = a.max.x <= b.min.x || b.max.x <= a.min.x || a.max.y <= b.min.y ||
                             b.max.y <= a.min.y;
                CHECK_MESSAGE(apart, "'" << a.text << "' overlaps '" << b.text << "'");
            }
        CHECK(lowest > h * 0.8f); // the screen is filled down to its bottom
        for (const auto& t : r.board.calls.calling) CHECK(shows(r.board, t.number));
        for (const auto& s : profile().services) CHECK(shows(r.board, s.ru)); // every queue
        CHECK(shows(r.board, ru("ui.last_calls")));
        CHECK(shows(r.board,
                    ru("ui.board_moved", {{"service", profile().service("documents")->ru}})));
        // Ticket numbers in the board's big fonts.
        for (const auto& t : drawn)
            if (t.text.size() == 5 && t.text[1] == '-')
                CHECK(t.font->FontSize >= screen.ui.fonts.board->FontSize);
    }
}

TEST_CASE("board: with nobody called yet the board says so and still shows the queues") {
    BoardRoom r;
    r.take("consultation");
    r.refresh();
    for (auto [w, h] : {std::pair{1920.0f, 1080.0f}, {1080.0f, 1920.0f}}) {
        Screen screen(w, h);
        screen.draw(r.board, r.now);
        CHECK(shows(r.board, kk("ui.board_empty")));
        CHECK(shows(r.board, ru("ui.board_take_ticket")));
        CHECK(times_shown(r.board, "1") == 1);
        CHECK(times_shown(r.board, "0") == 2);
    }
}

TEST_CASE("reg-3: in the room's last hour the board tells same-day visitors when it closes and "
          "that they are received today") {
    BoardRoom r;
    r.now = at(2026, 3, 16, 17, 20);
    r.take("same_day");
    r.take("consultation");
    const Service& same_day = *profile().service("same_day");
    for (auto [w, h] : {std::pair{1920.0f, 1080.0f}, {1080.0f, 1920.0f}}) {
        CAPTURE(w);
        Screen screen(w, h);
        // 70 minutes before closing: not yet.
        r.refresh();
        screen.draw(r.board, r.now);
        CHECK_FALSE(r.board.same_day);
        CHECK_FALSE(shows(r.board, "бүгін қабылданады"));
        // 17:40: the last hour (the room closes at 18:30), one same-day visitor waits.
        Instant last_hour = at(2026, 3, 16, 17, 40);
        r.board.refresh(*r.s, profile(), calendar(), "main", last_hour);
        screen.draw(r.board, last_hour);
        CHECK(shows(r.board, "Қабылдау бөлмесінің жабылу уақыты — 18:30"));
        CHECK(
            shows(r.board, "«" + same_day.kk + "» кезегінде тұрғандардың бәрі бүгін қабылданады"));
        CHECK(shows(r.board, "Приёмная закрывается в 18:30"));
        CHECK(shows(r.board, "«" + same_day.ru + "», будут приняты сегодня"));
        for (const auto& t : r.board.drawn) {
            CAPTURE(t.text);
            CHECK(t.max.x <= w); // the longer header still fits
            CHECK(t.max.y <= h);
        }
    }
    // Once the same-day visitor is received, nothing more to say (the consultation is not reg-3).
    Instant later = at(2026, 3, 16, 17, 45);
    auto t = call_next(*r.s, "main", local_date(later), {"same_day"}, "1", "clerk", later);
    REQUIRE(t);
    finish_ticket(*r.s, start_ticket(*r.s, t->uuid, "clerk", later).uuid, "clerk", later);
    r.board.refresh(*r.s, profile(), calendar(), "main", later);
    CHECK_FALSE(r.board.same_day);
}
