// The real reception-kiosk in a real X server (Xvfb), driven by XTest taps and key presses as a
// visitor's finger and staff would, and judged by what the window shows (pixels, the trace of
// drawn frames) and what the store holds. No model is driven directly here.
#include "x_session.hpp"

#include "queue/ticket_queue.hpp"
#include "schedule/schedule.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <thread>

using namespace reception;
using namespace reception::xtest;
using reception::test::TempDir;

namespace {

// A Monday at 10:00 in Khromtau, whenever the tests run, so the room is open: for the programs
// the tests start and for this process (set before main, so before its clock is first read).
const bool kMondayMorning = setenv("RECEPTION_CLOCK_START", "2026-03-16T05:00:00Z", 1) == 0;

const std::string& kk(const std::string& key) {
    return test::catalog().text(Lang::kk, key);
}

// A kiosk as installed on its first run: no configuration, its own data folder, demo mode.
struct KioskOnScreen {
    TempDir dir;
    XServer x;
    std::filesystem::path trace = dir / "trace.json";
    std::unique_ptr<Program> app;

    KioskOnScreen(int w, int h, std::vector<std::string> args = {}) : x(w, h) {
        start(std::move(args));
    }
    void start(std::vector<std::string> args) {
        std::vector<std::string> argv{KIOSK_BIN,    "--windowed",
                                      "--size",     std::to_string(x.width),
                                      "--height",   std::to_string(x.height),
                                      "--trace-ui", trace.string()};
        argv.insert(argv.end(), args.begin(), args.end());
        setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
        app = std::make_unique<Program>(x, argv, dir / "kiosk.log");
        REQUIRE_MESSAGE(wait_frame(
                            trace, 0, [](const Frame&) { return true; }, milliseconds(15000)),
                        log());
    }
    std::string log() {
        std::ifstream in(dir / "kiosk.log");
        return std::string((std::istreambuf_iterator<char>(in)), {});
    }
    std::filesystem::path store() { return dir / "data/reception/kiosk.db"; }
    Frame idle() {
        auto f = wait_idle(trace, milliseconds(1200), milliseconds(10000));
        REQUIRE(f);
        return *f;
    }
    // Taps a label on an idle kiosk; the frame that shows the screen wanted, within 1 s.
    std::optional<Frame> tap_to(const std::string& label, const std::string& screen) {
        Frame before = idle();
        REQUIRE_MESSAGE(before.shows(label), "not on screen " << before.screen << ": " << label);
        tap(x, trace, label);
        auto f = wait_frame(
            trace, before.number, [&](const Frame& f) { return f.screen == screen; },
            milliseconds(1000));
        // What the screen showed instead, for whoever reads the failure.
        if (!f) grab(x).save_png("failed-" + before.screen + "-to-" + screen + ".png");
        return f;
    }
    // Types on the on-screen keyboard, letter by letter, as a finger would.
    void type(const std::string& text) {
        // A screen that just appeared ignores taps for a moment (a double tap's second half).
        idle();
        size_t i = 0;
        while (i < text.size()) {
            size_t n = 1;
            unsigned char c = (unsigned char)text[i];
            if (c >= 0xC0) n = c >= 0xE0 ? 3 : 2;
            std::string letter = text.substr(i, n);
            if (letter == " ") letter = "␣";
            auto f = wait_idle(trace, milliseconds(150), milliseconds(5000));
            REQUIRE(f);
            REQUIRE_MESSAGE(f->shows(letter), "no key " << letter);
            tap(x, trace, letter);
            i += n;
        }
    }
    // Start, "sign up", "not sure": the essence screen, as its frame.
    Frame to_essence() {
        REQUIRE(tap_to(kk("ui.sign_up"), "signup-official"));
        auto f = tap_to(kk("ui.not_sure"), "signup-essence");
        REQUIRE(f);
        return *f;
    }
    bool field_filled(const Frame& f, const std::string& label) {
        for (const auto& t : f.json["tappables"])
            if (t["label"] == label) return t.value("filled", false);
        return false;
    }
};

// Whether the board's frame shows a text (the trace lists the board's texts).
bool board_shows(const Frame& f, const std::string& text) {
    for (const auto& t : f.json.value("board", nlohmann::json::array()))
        if (t.get<std::string>().find(text) != std::string::npos) return true;
    return false;
}

long long count(const std::filesystem::path& store, const std::string& sql) {
    auto s = Store::open(store, OpenMode::Existing);
    Stmt q = s->prepare(sql.c_str());
    q.step();
    return q.integer(0);
}

} // namespace

TEST_CASE("kiosk window: a ticket by three taps on an idle kiosk, each answered within a second") {
    KioskOnScreen k(1920, 1080);
    Image start = grab(k.x);
    auto service = k.tap_to(kk("ui.take_ticket"), "service");
    REQUIRE_MESSAGE(service, k.log());
    CHECK(grab(k.x).difference(start) > 0.05); // the screen really changed
    const Service& consult = *test::profile().service("consultation");
    REQUIRE(k.tap_to(consult.name("kk"), "category"));
    REQUIRE(k.tap_to(kk("ui.no_category"), "ticket"));
    CHECK(count(k.store(), "SELECT count(*) FROM tickets WHERE service = 'consultation'") == 1);
    // Done, and the start screen again for the next visitor.
    REQUIRE(k.tap_to(kk("ui.done"), "start"));
    CHECK(k.app->running());
}

TEST_CASE("kiosk window: sign-up typed on the on-screen keyboard keeps the Kazakh letters, and "
          "the SMS consent is the visitor's tap") {
    KioskOnScreen k(1920, 1080);
    k.to_essence();
    k.type("Жолды жөндеу керек");
    REQUIRE(k.tap_to(kk("ui.next") + " →", "signup-applicant"));
    REQUIRE(k.tap_to(kk("ui.next") + " →", "signup-person"));
    // The IIN field has the focus first (digits), then each field is tapped and typed.
    k.type("871008401427");
    REQUIRE(tap(k.x, k.trace, kk("ui.phone_any")));
    k.type("+77011234567");
    REQUIRE(tap(k.x, k.trace, kk("ui.surname")));
    k.type("Сәрсенбаева");
    REQUIRE(tap(k.x, k.trace, kk("ui.name")));
    k.type("Әйгерім");
    REQUIRE(k.tap_to(kk("ui.next") + " →", "signup-options"));
    // SMS about the application: offered for the mobile typed, given by the visitor's tap.
    std::string sms =
        test::catalog().format(Lang::kk, "ui.notice_consent", {{"phone", "+7 701 123 45 67"}});
    Frame options = k.idle();
    REQUIRE_MESSAGE(tap(k.x, k.trace, "☐ " + sms), "no SMS tick on " << options.screen);
    REQUIRE(wait_frame(
        k.trace, options.number, [&](const Frame& f) { return f.shows("☑ " + sms); },
        milliseconds(1000)));
    REQUIRE(k.tap_to(kk("ui.next") + " →", "signup-review"));
    REQUIRE(k.tap_to(kk("ui.submit") + " →", "signup-done"));
    auto s = Store::open(k.store(), OpenMode::Existing);
    Stmt q = s->prepare("SELECT surname, name, essence, notice_consent FROM applications");
    REQUIRE(q.step());
    CHECK(q.text(0) == "Сәрсенбаева");
    CHECK(q.text(1) == "Әйгерім");
    CHECK(q.text(2) == "Жолды жөндеу керек");
    CHECK(q.integer(3) == 1);
}

TEST_CASE("kiosk window: staff leave by the corner gesture, the PIN and the staff menu") {
    TempDir conf;
    std::ofstream(conf / "kiosk.conf")
        << "service_pin = 2468\nstore = " << (conf / "k.db").string() << "\n";
    KioskOnScreen k(1920, 1080, {"--config", (conf / "kiosk.conf").string()});
    k.idle();
    for (int i = 0; i < 5; ++i) {
        tap_at(k.x, 12, 12);
        std::this_thread::sleep_for(milliseconds(150));
    }
    auto pad = wait_frame(
        k.trace, 0, [](const Frame& f) { return f.shows("OK"); }, milliseconds(1000));
    REQUIRE_MESSAGE(pad, "the PIN pad did not open");
    auto enter_pin = [&](const std::string& pin) {
        for (char d : pin + "#") {
            k.idle();
            tap(k.x, k.trace, d == '#' ? "OK" : std::string(1, d));
        }
    };
    // A wrong PIN: the pad stays, and so does the program.
    enter_pin("1111");
    CHECK(k.idle().shows("OK"));
    CHECK(k.app->running());
    enter_pin("2468");
    auto menu = wait_frame(
        k.trace, 0, [&](const Frame& f) { return f.shows(kk("staff.leave")); }, milliseconds(1000));
    REQUIRE_MESSAGE(menu, "the staff menu did not open");
    CHECK(k.app->running()); // a menu, not an instant exit
    k.idle();
    tap(k.x, k.trace, kk("staff.leave"));
    auto code = k.app->wait_exit(milliseconds(3000));
    REQUIRE(code);
    CHECK(*code == 0);
}

TEST_CASE("kiosk window: a kiosk left alone asks for more time, hides the details, then wipes") {
    KioskOnScreen k(1920, 1080, {"--inactivity", "10"});
    k.to_essence();
    k.type("Жол");
    Frame typed = k.idle();
    CHECK(k.field_filled(typed, kk("ui.essence_hint")));
    // After 10 s the question, with a large button and every field hidden.
    auto asked = wait_frame(
        k.trace, typed.number, [](const Frame& f) { return f.json.value("countdown", -1) >= 0; },
        milliseconds(13000));
    REQUIRE(asked);
    CHECK(asked->json["countdown"].get<int>() >= 18); // at least 20 s to answer
    CHECK(asked->shows(kk("ui.more_time")));
    CHECK_FALSE(asked->shows(kk("ui.essence_hint")));
    // "Yes": back to what was typed.
    REQUIRE(wait_idle(k.trace, milliseconds(300), milliseconds(3000)));
    tap(k.x, k.trace, kk("ui.more_time"));
    auto back = wait_frame(
        k.trace, asked->number, [&](const Frame& f) { return f.shows(kk("ui.essence_hint")); },
        milliseconds(1000));
    REQUIRE(back);
    CHECK(k.field_filled(*back, kk("ui.essence_hint")));
    // No answer: the start screen, and a new sign-up finds nothing of the last visitor.
    auto wiped = wait_frame(
        k.trace, back->number, [](const Frame& f) { return f.screen == "start"; },
        milliseconds(35000));
    REQUIRE(wiped);
    CHECK_FALSE(k.field_filled(k.to_essence(), kk("ui.essence_hint")));
}

// The height of the labelled button in a frame, 0 when not shown.
static float height_of(const Frame& f, const std::string& label) {
    for (const auto& t : f.json["tappables"])
        if (t["label"] == label) return t["y1"].get<float>() - t["y0"].get<float>();
    return 0;
}

TEST_CASE("kiosk window: the housing's speech key turns speech on, large text grows the buttons") {
    KioskOnScreen k(1920, 1080);
    Frame start = k.idle();
    REQUIRE(start.shows(kk("ui.speech")));
    CHECK_FALSE(start.shows(kk("ui.repeat")));
    // F1, pressed and let go at once, as a button wired to a key may send it.
    key_combo(k.x, {"F1"});
    auto on = wait_frame(
        k.trace, start.number, [](const Frame& f) { return f.shows(kk("ui.repeat")); },
        milliseconds(1000));
    REQUIRE_MESSAGE(on, k.log());
    CHECK(on->shows("+ " + kk("ui.volume_up")));
    float usual = height_of(*on, kk("ui.repeat"));
    REQUIRE(k.idle().shows("Aa " + kk("ui.large_text")));
    tap(k.x, k.trace, "Aa " + kk("ui.large_text"));
    auto large = wait_frame(
        k.trace, on->number,
        [&](const Frame& f) { return height_of(f, kk("ui.repeat")) > usual * 1.3f; },
        milliseconds(1000));
    REQUIRE(large);
    // Then at rest again, speaking or not (no sound device here), and still there.
    k.idle();
    CHECK(k.app->running());
}

TEST_CASE("kiosk window: Back to the start wipes what was typed") {
    KioskOnScreen k(1920, 1080);
    k.to_essence();
    k.type("Жол");
    REQUIRE(k.tap_to("← " + kk("ui.back"), "signup-official"));
    REQUIRE(k.tap_to("← " + kk("ui.back"), "start"));
    CHECK_FALSE(k.field_filled(k.to_essence(), kk("ui.essence_hint")));
}

TEST_CASE("kiosk window: a double tap on Back goes back one screen, not two") {
    KioskOnScreen k(1920, 1080);
    k.to_essence();
    Frame f = k.idle();
    auto c = f.centre("← " + kk("ui.back"));
    REQUIRE(c);
    tap_at(k.x, c->first, c->second);
    std::this_thread::sleep_for(milliseconds(80));
    tap_at(k.x, c->first, c->second); // the second tap lands on the next screen's Back
    Frame after = k.idle();
    CHECK(after.screen == "signup-official");
}

TEST_CASE("kiosk window: Alt+F4, the window manager's close and a destroyed window do not end it") {
    KioskOnScreen k(1920, 1080);
    k.idle();
    unsigned long w = window_of(k.x, k.app->pid, milliseconds(3000));
    REQUIRE(w != 0);
    key_combo(k.x, {"Alt_L", "F4"});
    send_close_request(k.x, w);
    std::this_thread::sleep_for(milliseconds(500));
    REQUIRE(k.app->running());
    REQUIRE(k.tap_to(kk("ui.take_ticket"), "service"));
    // Another client destroys the window: the kiosk opens a new one where it was.
    destroy_window(k.x, w);
    // (X may give the new window the old one's id: the client's id range is free again.)
    std::this_thread::sleep_for(milliseconds(300));
    REQUIRE_MESSAGE(window_of(k.x, k.app->pid, milliseconds(5000)), k.log());
    REQUIRE(k.app->running());
    REQUIRE(k.tap_to("← " + kk("ui.back"), "start"));
}

TEST_CASE("kiosk window: two kiosks on one store give out different numbers") {
    TempDir shared;
    std::string store = (shared / "room.db").string();
    KioskOnScreen a(1280, 1024, {"--store", store, "--kiosk-id", "kiosk-1"});
    KioskOnScreen b(1280, 1024, {"--store", store, "--kiosk-id", "kiosk-2"});
    const Service& consult = *test::profile().service("consultation");
    for (int round = 0; round < 2; ++round)
        for (KioskOnScreen* k : {&a, &b}) {
            REQUIRE(k->tap_to(kk("ui.take_ticket"), "service"));
            REQUIRE(k->tap_to(consult.name("kk"), "category"));
            REQUIRE(k->tap_to(kk("ui.no_category"), "ticket"));
            REQUIRE(k->tap_to(kk("ui.done"), "start"));
        }
    CHECK(count(store, "SELECT count(*) FROM tickets") == 4);
    CHECK(count(store, "SELECT count(DISTINCT number) FROM tickets") == 4);
}

TEST_CASE("kiosk window: the board repaints when uncovered and shows a call within a second") {
    TempDir shared;
    std::string store = (shared / "room.db").string();
    Store::open(store, OpenMode::CreateIfMissing);
    KioskOnScreen k(1920, 1080, {"--store", store, "--board"});
    k.idle();
    Image before = grab(k.x);
    unsigned long other = cover(k.x, 300, 200, 900, 500);
    std::this_thread::sleep_for(milliseconds(300));
    CHECK(grab(k.x).difference(before) > 0.1); // the other window is on top
    destroy_window(k.x, other);
    auto restored = Clock::now() + milliseconds(1000);
    bool same = false;
    while (!same && Clock::now() < restored) same = grab(k.x) == before;
    CHECK_MESSAGE(same, "the uncovered part of the board was not drawn again within 1 s");
    // A desk calls a ticket (another process would; the store is the same file).
    {
        auto s = Store::open(store, OpenMode::Existing);
        Instant now = now_utc();
        issue_ticket(*s, test::profile(), {"main", "consultation", "", "kk", "kiosk-1"}, now);
        REQUIRE(call_next(*s, "main", local_date(now), {}, "3", "clerk", now));
    }
    CHECK(wait_pixels_change(k.x, before, 0.01, milliseconds(1500)));
}

TEST_CASE("kiosk window: a store locked too long puts the kiosk out of order, and it comes back") {
    TempDir shared;
    std::string store = (shared / "room.db").string();
    auto other = Store::open(store, OpenMode::CreateIfMissing);
    KioskOnScreen k(1920, 1080, {"--store", store});
    const Service& consult = *test::profile().service("consultation");
    REQUIRE(k.tap_to(kk("ui.take_ticket"), "service"));
    REQUIRE(k.tap_to(consult.name("kk"), "category"));
    // Another program holds the store's write lock longer than the kiosk waits (10 s).
    other->exec("BEGIN IMMEDIATE");
    Frame before = k.idle();
    REQUIRE(tap(k.x, k.trace, kk("ui.no_category")));
    auto broken = wait_frame(
        k.trace, before.number, [](const Frame& f) { return f.screen == "out-of-order"; },
        milliseconds(15000));
    REQUIRE_MESSAGE(broken, k.log());
    CHECK(k.app->running());
    CHECK(k.log().find("store_busy") != std::string::npos); // staff read why in the log
    other->exec("ROLLBACK");
    auto back = wait_frame(
        k.trace, broken->number, [](const Frame& f) { return f.screen == "start"; },
        milliseconds(6000));
    REQUIRE(back);
    CHECK(count(store, "SELECT count(*) FROM tickets") == 0); // nothing half-written
    REQUIRE(k.tap_to(kk("ui.take_ticket"), "service"));
}

TEST_CASE("kiosk window: a damaged store at start shows out of order, and the kiosk starts once "
          "it is replaced") {
    TempDir shared;
    auto file = shared / "room.db";
    std::ofstream(file) << std::string(8192, 'x'); // not a store at all
    XServer x(1920, 1080);
    auto trace = shared / "trace.json";
    Program app(x,
                {KIOSK_BIN, "--windowed", "--size", "1920", "--height", "1080", "--store",
                 file.string(), "--trace-ui", trace.string()},
                shared / "kiosk.log");
    std::this_thread::sleep_for(milliseconds(3000));
    REQUIRE(app.running()); // no black screen: the window is there, out of order
    CHECK(window_of(x, app.pid, milliseconds(2000)) != 0);
    std::ifstream log(shared / "kiosk.log");
    std::string text((std::istreambuf_iterator<char>(log)), {});
    CHECK(text.find("store_corrupt") != std::string::npos);
    // The administrator moves the damaged file away: a new store is made and the kiosk starts.
    std::filesystem::rename(file, shared / "room.db.damaged");
    auto started = wait_frame(
        trace, 0, [](const Frame& f) { return f.screen == "start"; }, milliseconds(8000));
    CHECK(started);
}

TEST_CASE("kiosk window: the portrait board drops a served call within a second and shows where "
          "a transferred visitor waits") {
    TempDir shared;
    std::string store = (shared / "room.db").string();
    {
        auto s = Store::open(store, OpenMode::CreateIfMissing);
        std::ifstream in(test::assets() / "demo/schedule.json");
        load_schedule(*s, test::profile(), test::calendar(), nlohmann::json::parse(in), now_utc());
    }
    KioskOnScreen k(1080, 1920, {"--store", store, "--board"});
    Frame first = k.idle();
    CHECK(board_shows(first, "Қоғамдық қабылдау бөлмесі"));
    CHECK(board_shows(first, kk("ui.board_waiting")));
    auto s = Store::open(store, OpenMode::Existing);
    Instant now = now_utc();
    Date today = local_date(now);
    for (int i = 0; i < 2; ++i)
        issue_ticket(*s, test::profile(), {"main", "same_day", "", "kk", "kiosk-1"}, now);
    // A desk calls: the number and the desk within a second.
    Ticket a = *call_next(*s, "main", today, {}, "3", "clerk", now);
    auto called = wait_frame(
        k.trace, first.number,
        [&](const Frame& f) { return board_shows(f, a.number) && board_shows(f, "3-үстел"); },
        milliseconds(1500));
    REQUIRE_MESSAGE(called, k.log());
    Image calling = grab(k.x);
    // Served: the place is free at once, the number goes to the last calls.
    finish_ticket(*s, start_ticket(*s, a.uuid, "clerk", now).uuid, "clerk", now);
    auto served = wait_frame(
        k.trace, called->number,
        [&](const Frame& f) { return board_shows(f, kk("ui.board_wait")); }, milliseconds(1500));
    REQUIRE(served);
    CHECK(board_shows(*served, a.number));
    CHECK(grab(k.x).difference(calling) > 0.01);
    // Called and sent to a consultation: where the visitor waits now, in both languages.
    Ticket b = *call_next(*s, "main", today, {}, "2", "clerk", now);
    transfer_ticket(*s, test::profile(), b.uuid, "consultation", "", "clerk", now);
    auto moved = wait_frame(
        k.trace, served->number,
        [&](const Frame& f) {
            return board_shows(f, "Кеңес алу, шақыруды күтіңіз") &&
                   board_shows(f, "Консультация, ожидайте вызова");
        },
        milliseconds(1500));
    REQUIRE(moved);
    CHECK_FALSE(board_shows(*moved, "2-үстел"));
    // And then it sleeps again: no drawing while nothing changes.
    CHECK(wait_idle(k.trace, milliseconds(1200), milliseconds(5000)));
}

TEST_CASE("kiosk window: turn text: a visitor taps \"text me\", types a mobile number on the digit "
          "keyboard, and the kiosk keeps it for the server") {
    TempDir room;
    std::filesystem::path store = room / "room.db";
    {
        // Three visitors already wait: the text is worth offering.
        auto s = Store::open(store, OpenMode::CreateIfMissing);
        for (int i = 0; i < 3; ++i)
            issue_ticket(*s, test::profile(), {"main", "same_day", "", "kk", "kiosk-1"}, now_utc());
    }
    std::ofstream(room / "kiosk.conf") << "store = " << store.string() << "\nturn_texts = true\n";
    KioskOnScreen k(1920, 1080, {"--config", (room / "kiosk.conf").string()});
    const Service& same_day = *test::profile().service("same_day");
    REQUIRE(k.tap_to(kk("ui.take_ticket"), "service"));
    REQUIRE(k.tap_to(same_day.name("kk"), "category"));
    REQUIRE(k.tap_to(kk("ui.no_category"), "ticket"));
    REQUIRE_MESSAGE(k.tap_to(kk("ui.turn_text_offer"), "ticket-text"), k.log());
    k.type("7011234567"); // after the "+7" already in the field
    auto back = k.tap_to(kk("ui.turn_text_save") + " →", "ticket");
    REQUIRE(back);
    CHECK(count(store, "SELECT count(*) FROM turn_texts WHERE phone = '+77011234567'") == 1);
    CHECK(count(store, "SELECT count(*) FROM outbox WHERE entity = 'turn_text'") == 1);
    // The screen says where the text goes, never the whole number.
    Frame f = k.idle();
    CHECK_FALSE(f.shows(kk("ui.turn_text_offer")));
    REQUIRE(k.tap_to(kk("ui.done"), "start"));
}
