// The kiosk driven headless: an ImGui context with no renderer and no window. A test taps
// buttons by their label, as a visitor would, and checks the store and the printout.
#include "kiosk_fixture.hpp"

#include "base/validation.hpp"
#include "cases/applications.hpp"
#include "cases/casework.hpp"
#include "cases/notice_channel.hpp"
#include "kiosk_model.hpp"
#include "print/escpos.hpp"
#include "queue/ticket_queue.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"
#include "screens/screens.hpp"
#include "service_exit.hpp"
#include "ui/fonts.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <fstream>
#include <imgui.h>

using namespace reception;
using namespace reception::kiosk;
using namespace reception::test;

namespace {

const Catalog& texts() {
    return catalog();
}

std::string utf8(char32_t c) {
    std::string out;
    if (c < 0x80)
        out += char(c);
    else {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    }
    return out;
}

// Types text on the on-screen keyboard, key by key.
void type_on_keyboard(Kiosk& k, const std::string& text) {
    for (char32_t c : utf8_decode(text)) {
        std::string letter = utf8(c);
        if (c == U' ') {
            REQUIRE(k.tap("␣"));
            continue;
        }
        if (!k.tap(letter)) {
            // A capital: shift, then the key (the keyboard shows capitals while shift is on).
            REQUIRE(k.tap("⇧"));
            REQUIRE_MESSAGE(k.tap(letter), "no key " << letter);
        }
    }
}

long long count(Store& s, const char* sql) {
    Stmt st = s.prepare(sql);
    st.step();
    return st.integer(0);
}

} // namespace

TEST_CASE("kiosk: the font atlas has every Kazakh letter and the signs people read") {
    Kiosk k;
    for (const char* text : {"ӘәҒғҚқҢңӨөҰұҮүҺһІі", "АаЯяЁё", "AaZz09", "—–«»…№₸", "←→⇧⌫␣☐☑✓"})
        for (char32_t c : utf8_decode(text)) {
            CHECK_MESSAGE(k.ui.fonts.body->FindGlyphNoFallback(ImWchar(c)) != nullptr,
                          "body font lacks U+" << std::hex << unsigned(c));
            CHECK(k.ui.fonts.large->FindGlyphNoFallback(ImWchar(c)) != nullptr);
        }
    for (char32_t c : utf8_decode("ABC-0123456789"))
        CHECK(k.ui.fonts.huge->FindGlyphNoFallback(ImWchar(c)) != nullptr);
    CHECK(k.ui.fonts.body->FontSize >= 28.0f); // body text at least 28 px on 1080p
}

TEST_CASE("reg-12: a visitor takes an out-of-turn ticket by tapping, in Kazakh") {
    Kiosk k;
    CHECK(k.tap("Талон алу"));
    CHECK(k.m->screen() == Screen::Service);
    CHECK(k.tap("Бүгінгі жеке қабылдау"));
    CHECK(k.m->screen() == Screen::Category);
    CHECK(k.tap("Ұлы Отан соғысының ардагерлері"));
    REQUIRE(k.m->screen() == Screen::TicketDone);
    REQUIRE(k.m->ticket());
    CHECK(k.m->ticket()->number == "A-001");
    CHECK(k.m->ticket()->category == "wwii_veteran");
    CHECK(count(*k.s, "SELECT count(*) FROM tickets WHERE category = 'wwii_veteran'") == 1);
    k.frame();
    CHECK(k.ui.find("A-001") == nullptr); // the number is text, not a button...
    REQUIRE(k.printed.size() == 1);       // ...and it was printed
    CHECK(k.m->print_state().ok);
    CHECK(k.tap("Дайын"));
    CHECK(k.m->screen() == Screen::Start);
}

TEST_CASE("kiosk: the language switch is on every screen and changes the words") {
    Kiosk k;
    CHECK(k.tap("Русский"));
    CHECK(k.tap("Получить талон"));
    CHECK(k.tap("Қазақша"));
    CHECK(k.tap("Бүгінгі жеке қабылдау"));
    CHECK(k.tap("Русский"));
    CHECK(k.tap("Ожидаю в общей очереди"));
    REQUIRE(k.m->ticket());
    CHECK(k.m->ticket()->language == "ru");
    CHECK(k.tap("Қазақша"));
}

TEST_CASE("kiosk: a printer that fails loses no ticket and the screen says to note the number") {
    Kiosk k;
    k.printer_works = false;
    k.tap("Талон алу");
    k.tap("Кеңес алу");
    k.tap("Жалпы кезекпен күтемін");
    REQUIRE(k.m->ticket());
    CHECK(k.m->ticket()->number == "B-001");
    CHECK_FALSE(k.m->print_state().ok);
    CHECK(count(*k.s, "SELECT count(*) FROM tickets") == 1);
    k.frame();
    CHECK(texts().format(Lang::kk, "error.printer_failed", {{"number", "B-001"}}).find("B-001") !=
          std::string::npos);
}

TEST_CASE("reg-5: signing up by tapping, with the essence typed on the on-screen keyboard") {
    Kiosk k;
    CHECK(k.tap("Қабылдауға жазылу"));
    CHECK(k.tap("Жұмабаев Ерлан Серікұлы"));
    CHECK(k.m->screen() == Screen::SignupEssence);
    // Next with no essence: refused with the reason, nothing saved.
    CHECK(k.tap("Әрі қарай →"));
    CHECK(k.m->screen() == Screen::SignupEssence);
    CHECK(k.m->errors().at("essence") == "empty");
    type_on_keyboard(k, "Жол жөндеу қажет");
    CHECK(k.m->form().essence == "Жол жөндеу қажет");
    CHECK(k.tap("Әрі қарай →"));
    CHECK(k.m->screen() == Screen::SignupApplicant);
    CHECK(k.tap("Әрі қарай →")); // for myself
    REQUIRE(k.m->screen() == Screen::SignupPerson);
    type_on_keyboard(k, "871008401428"); // the IIN field has the focus; a wrong last digit
    k.m->form().phone = "87011234567";
    k.m->form().surname = "Сәрсенбаева";
    k.m->form().name = "Әйгерім";
    CHECK(k.tap("Әрі қарай →"));
    CHECK(k.m->screen() == Screen::SignupPerson); // the wrong IIN keeps the visitor here
    CHECK(k.m->errors().at("iin") == "bad_checksum");
    CHECK(k.m->form().surname == "Сәрсенбаева"); // and everything typed stays
    CHECK(k.tap("ЖСН"));
    CHECK(k.tap("⌫"));
    CHECK(k.tap("7"));
    CHECK(k.m->form().iin == "871008401427");
    CHECK(k.tap("Әрі қарай →"));
    CHECK(k.m->screen() == Screen::SignupOptions);
    CHECK(k.tap("☐ Маған аудармашы керек"));
    CHECK(k.tap("Әрі қарай →"));
    CHECK(k.m->screen() == Screen::SignupReview);
    CHECK(count(*k.s, "SELECT count(*) FROM applications") == 0);
    CHECK(k.tap("Жіберу →"));
    REQUIRE(k.m->screen() == Screen::SignupDone);
    REQUIRE(k.m->receipt());
    Application a = *find_application(*k.s, k.m->receipt()->uuid);
    CHECK(a.channel == Channel::Kiosk);
    CHECK(a.essence == "Жол жөндеу қажет");
    CHECK(a.applicant.phone == "+77011234567");
    CHECK(a.interpreter_needed);
    CHECK(a.official_uuid == "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d01");
    CHECK(a.reg_number == "K1-2026-00001");
    CHECK(a.accepted_by == "kiosk-1");
    REQUIRE(k.printed.size() == 1); // the receipt of APPC art. 64
}

TEST_CASE("reg-6: the kiosk's sign-up asks for the postal address: without it the application "
          "is still taken, and needs correction") {
    Kiosk k;
    k.m->start_signup();
    k.m->choose_official("");
    k.m->form().essence = "Жер учаскесін беру туралы";
    REQUIRE(k.m->next_step());
    REQUIRE(k.m->next_step()); // for myself
    REQUIRE(k.m->screen() == Screen::SignupPerson);
    k.frame();
    CHECK(k.ui.find(texts().text(Lang::kk, "ui.postal_address"))); // a field of the form
    SignupForm& f = k.m->form();
    f.surname = "Ахметов";
    f.name = "Қанат";
    f.iin = "871008401427";
    f.phone = "+77011234567";
    f.address = "Хромтау, Абай к-сі, 7";
    REQUIRE(k.m->submit(at(2026, 3, 16)));
    Application a = *find_application(*k.s, k.m->receipt()->uuid);
    CHECK(a.applicant.address == "Хромтау, Абай к-сі, 7");
    CHECK(a.state == AppState::Registered);

    k.m->start_signup();
    k.m->choose_official("");
    k.m->form() = f;
    k.m->form().address = "";
    REQUIRE(k.m->submit(at(2026, 3, 16)));
    CHECK(find_application(*k.s, k.m->receipt()->uuid)->state == AppState::NeedsCorrection);
}

// The server sends SMS only to an applicant who agreed (docs/notices.md): at the kiosk that is
// the visitor's own tap, offered for a mobile number only, and in the history as the operator's
// tick is.
TEST_CASE("kiosk: a visitor agrees to SMS about the application by a tap, offered only for a "
          "mobile number, and the consent is in the history") {
    Kiosk k;
    auto to_options = [&](const std::string& phone) {
        k.m->reset(); // the next visitor: the form wiped
        k.m->start_signup();
        k.m->choose_official("");
        k.m->form().essence = "Жер учаскесін беру туралы";
        REQUIRE(k.m->next_step());
        REQUIRE(k.m->next_step()); // for myself
        SignupForm& f = k.m->form();
        f.surname = "Ахметов";
        f.name = "Қанат";
        f.iin = "871008401427";
        f.phone = phone;
        f.address = "Хромтау, Абай к-сі, 7";
        REQUIRE(k.m->next_step());
        REQUIRE(k.m->screen() == Screen::SignupOptions);
        k.frame();
    };
    std::string tick =
        "☐ " + texts().format(Lang::kk, "ui.notice_consent", {{"phone", "+7 701 123 45 67"}});
    to_options("8 701 123 45 67");
    CHECK_FALSE(k.m->form().notice_consent); // asked, not assumed
    REQUIRE(k.tap(tick));
    CHECK(k.m->form().notice_consent);
    REQUIRE(k.m->next_step());
    REQUIRE(k.m->submit(at(2026, 3, 16)));
    Application a = *find_application(*k.s, k.m->receipt()->uuid);
    CHECK(a.notice_consent);
    CHECK(notice_channel_for(a) == "sms");
    auto events = history(*k.s, a.uuid);
    CHECK(std::any_of(events.begin(), events.end(),
                      [](const HistoryEvent& e) { return e.kind == "notice_consent"; }));
    CHECK(k.m->notices_text() ==
          texts().format(Lang::kk, "ui.notices_by_sms", {{"phone", "+7 701 123 45 67"}}));

    // Not ticked: staff ring the mobile.
    to_options("8 701 123 45 67");
    REQUIRE(k.m->submit(at(2026, 3, 16)));
    a = *find_application(*k.s, k.m->receipt()->uuid);
    CHECK_FALSE(a.notice_consent);
    CHECK(notice_channel_for(a) == "phone");

    // A landline: no tick offered, and one left from a mobile typed before gives no consent.
    to_options("8 7132 55 66 77");
    CHECK_FALSE(k.ui.find(tick));
    for (const auto& t : k.ui.tappables) CHECK(t.label.find("SMS") == std::string::npos);
    k.m->form().notice_consent = true;
    REQUIRE(k.m->submit(at(2026, 3, 16)));
    a = *find_application(*k.s, k.m->receipt()->uuid);
    CHECK_FALSE(a.notice_consent);
    CHECK(k.m->notices_text() == texts().format(Lang::kk, "ui.notices_by_call",
                                                {{"phone", format_phone("+77132556677")}}));
}

TEST_CASE("reg-10: a representative gives a valid BIN and the authority document") {
    Kiosk k;
    k.m->start_signup();
    k.m->choose_official("");
    k.m->form().essence = "Жер учаскесін беру туралы";
    REQUIRE(k.m->next_step());
    k.tap("Ұйым атынан");
    CHECK(k.m->form().representative);
    k.m->form().bin = "940140000386";
    CHECK_FALSE(k.m->next_step());
    CHECK(k.m->errors().count("bin"));
    CHECK(k.m->errors().count("entity_name"));
    CHECK(k.m->errors().count("authority_document"));
    k.m->form().bin = "940140000385";
    k.m->form().entity_name = "«Хромтау Құрылыс» ЖШС";
    k.m->form().authority_document = "Сенімхат № 15";
    CHECK(k.m->next_step());
}

// Under restriction (reg-14) the visitor is told receptions are by video only; the consent is
// recorded only when the visitor taps it (reg-13), never put in for them.
static void restriction_case(bool by_config) {
    Kiosk k;
    KioskConfig cfg;
    cfg.restriction_mode = by_config;
    if (!by_config) set_restriction_mode(*k.s, true, "admin", "Әкімнің шешімі", at(2026, 3, 16, 9));
    KioskModel m(*k.s, profile(), calendar(), texts(), cfg);
    m.printer = [](const print::Raster&) { return print::PrintResult{true, ""}; };
    for (bool tapped : {false, true}) {
        m.start_signup();
        m.choose_official("");
        m.form().essence = "Жер учаскесін беру туралы";
        m.form().surname = "Ахметов";
        m.form().name = "Қанат";
        m.form().iin = "871008401427";
        m.form().phone = "+77011234567";
        m.go(Screen::SignupOptions);
        m.touched(k.now);
        draw_headless_frame(k.ui, [&] { kiosk::draw_kiosk(m, k.ui, k.st, k.now); });
        REQUIRE(k.ui.find("☐ " + texts().text(Lang::kk, "ui.video_consent")));
        if (tapped) m.form().video = true;
        CHECK(m.next_step());
        CHECK(m.submit(at(2026, 3, 16)));
        CHECK(find_application(*k.s, m.receipt()->uuid)->video_consent == tapped);
    }
}

TEST_CASE("reg-13, reg-14: in restriction mode the kiosk records video consent only when the "
          "visitor gives it") {
    SUBCASE("set in this kiosk's configuration") {
        restriction_case(true);
    }
    SUBCASE("set for the room by staff, in the store") {
        restriction_case(false);
    }
}

TEST_CASE("kiosk: after a minute without a touch, \"need more time?\", then the start with every "
          "field wiped") {
    Kiosk k;
    k.m->touched(k.now);
    k.m->start_signup();
    k.m->choose_official("");
    k.m->form().essence = "Менің жеке мәселем";
    k.m->form().iin = "871008401427";
    CHECK(k.m->countdown(k.now + std::chrono::seconds(30)) == -1);
    // "Need more time?" with 20 s to answer.
    CHECK(k.m->countdown(k.now + std::chrono::seconds(62)) == 18);
    CHECK_FALSE(k.m->tick(k.now + std::chrono::seconds(75)));
    CHECK(k.m->tick(k.now + std::chrono::seconds(81)));
    CHECK(k.m->screen() == Screen::Start);
    CHECK(k.m->form().essence.empty());
    CHECK(k.m->form().iin.empty());
    CHECK_FALSE(k.m->receipt());
}

TEST_CASE("kiosk: the printed ticket decodes back from ESC/POS to the same picture") {
    Kiosk k;
    k.m->start_ticket();
    k.m->choose_service("documents");
    k.m->choose_category("pregnant", k.now);
    REQUIRE(k.printed.size() == 1);
    const print::Raster& r = k.printed[0];
    CHECK(r.width == print::kPaperDots);
    CHECK(r.black_dots() > 5000); // text was drawn, Kazakh letters included
    std::string stream = print::encode_escpos(r);
    CHECK(stream.substr(0, 2) == "\x1b@");
    CHECK(stream.find("\x1dv0") != std::string::npos);
    auto back = print::decode_escpos(stream);
    REQUIRE(back);
    CHECK(back->width == r.width);
    CHECK(back->height == r.height);
    CHECK(back->dots == r.dots);
    bool has_kazakh = false;
    for (const auto& line : k.m->last_printout())
        has_kazakh = has_kazakh || line.text.find("Жүкті") != std::string::npos;
    CHECK(has_kazakh);
    CHECK_FALSE(print::decode_escpos("\x1b@\x1dv0\x00\x48\x00\x10\x00")); // cut short
}

TEST_CASE("kiosk: a printer on a file target receives the ESC/POS stream") {
    TempDir dir;
    std::string target = "file:" + (dir / "printer.bin").string();
    print::Raster r = print::blank_raster(64, 8);
    r.set(0, 0);
    CHECK(print::send_to_printer(target, print::encode_escpos(r)).ok);
    std::ifstream in(dir / "printer.bin", std::ios::binary);
    std::string got((std::istreambuf_iterator<char>(in)), {});
    auto back = print::decode_escpos(got);
    REQUIRE(back);
    CHECK(back->at(0, 0));
    CHECK_FALSE(print::send_to_printer("/nonexistent/lp0", "x").ok);
    CHECK_FALSE(print::send_to_printer("127.0.0.1:1", "x").ok); // nothing listens: told, no hang
}

TEST_CASE("kiosk: the visitor cannot leave — five taps in the corner and the staff PIN can") {
    Instant t = at(2026, 3, 16);
    ServiceExit none;
    for (int i = 0; i < 10; ++i) none.tap(5, 5, 120, false, t);
    CHECK_FALSE(none.pad_open); // no PIN configured: no way out at all
    ServiceExit e;
    e.pin = "2468";
    for (int i = 0; i < 4; ++i) e.tap(5, 5, 120, false, t);
    CHECK_FALSE(e.pad_open);
    e.tap(500, 500, 120, false, t); // a tap elsewhere starts over
    for (int i = 0; i < 5; ++i) e.tap(5, 5, 120, true, t);
    CHECK_FALSE(e.pad_open); // taps on Back, which sits in that corner, never count
    for (int i = 0; i < 5; ++i) e.tap(5, 5, 120, false, t);
    CHECK(e.pad_open);
    e.typed = "1111";
    e.submit(t);
    CHECK(e.last_wrong);
    CHECK_FALSE(e.menu_open);
    e.typed = "2468";
    e.submit(t);
    CHECK(e.menu_open); // a menu for staff, not an instant exit
    CHECK_FALSE(e.leave);
}

TEST_CASE("kiosk: three wrong PINs lock the staff pad for five minutes") {
    Instant t = at(2026, 3, 16);
    ServiceExit e;
    e.pin = "2468";
    auto open_pad = [&](Instant now) {
        for (int i = 0; i < 5; ++i) e.tap(5, 5, 120, false, now);
    };
    open_pad(t);
    for (const char* guess : {"0000", "1111", "2222"}) {
        REQUIRE(e.pad_open);
        e.typed = guess;
        e.submit(t);
    }
    CHECK_FALSE(e.pad_open); // locked: the pad closed
    open_pad(t + std::chrono::seconds(60));
    CHECK_FALSE(e.pad_open); // and does not open again while locked...
    open_pad(t + std::chrono::seconds(301));
    REQUIRE(e.pad_open); // ...until the lockout is over
    e.typed = "2468";
    e.submit(t + std::chrono::seconds(302));
    CHECK(e.menu_open);
}

TEST_CASE("kiosk: a configuration file with a mistake is reported line by line") {
    TempDir dir;
    std::ofstream(dir / "kiosk.conf")
        << "# kiosk\nroom = main\nlanguage = en\ninactivity_seconds = 5\n"
           "colour = blue\nprinter = 10.0.0.5:9100\n";
    KioskConfig c;
    auto errors = read_config_file(dir / "kiosk.conf", c);
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].find(":3: bad value for language") != std::string::npos);
    CHECK(errors[1].find(":4: bad value for inactivity_seconds") != std::string::npos);
    CHECK(errors[2].find(":5: unknown key \"colour\"") != std::string::npos);
    CHECK(c.printer == "10.0.0.5:9100");
}

TEST_CASE("reg-8: the schedule screen lists the month's sessions and leads back to the start") {
    Kiosk k;
    CHECK(k.tap("Қабылдау кестесі"));
    CHECK(k.m->screen() == Screen::Schedule);
    // Every official with a session this month is on the screen: the demo schedule gives each
    // of them weekly sessions, so March 2026 has at least four per official.
    Date first{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{1}};
    Date last{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{31}};
    auto sessions = sessions_between(*k.s, first, last);
    CHECK(sessions.size() >= 4 * list_officials(*k.s).size() - 4);
    CHECK(k.tap("Русский"));
    CHECK(k.m->screen() == Screen::Schedule); // switching language keeps the screen
    CHECK(k.tap("← Назад"));
    CHECK(k.m->screen() == Screen::Start);
}

TEST_CASE("reg-28: the visitor chooses one of the proposed dates, and the receipt says it") {
    Kiosk k; // Monday 16 March 2026
    CHECK(k.tap("Қабылдауға жазылу"));
    CHECK(k.tap("Жұмабаев Ерлан Серікұлы"));
    SignupForm& f = k.m->form();
    f.essence = "Жер учаскесін беру туралы";
    f.surname = "Ахметов";
    f.name = "Қанат";
    f.iin = "871008401427";
    f.phone = "+77011234567";
    k.m->go(Screen::SignupOptions);
    k.frame();
    // The akim's Wednesdays that leave the 5 working days of the note (reg-26) and lie in the
    // 15 working days of reg-29: 1 and 8 April (25 March is Nauryz).
    auto offered = k.m->sessions_to_choose(k.now);
    REQUIRE(offered.size() == 2);
    CHECK(offered[0].date == day(2026, 4, 1));
    CHECK(offered[1].date == day(2026, 4, 8));
    CHECK(k.tap("Күнін қызметкер таңдасын"));
    CHECK(k.tap("08.04.2026 15:00"));
    CHECK(f.chosen_session == offered[1].uuid);
    CHECK(f.category.empty());
    // The categories are further down: the visitor drags the screen up, which taps nothing.
    k.scroll_down(500);
    CHECK(f.category.empty());
    CHECK(k.tap("Еңбек ардагерлері"));
    CHECK(f.category == "labour_veteran");
    CHECK(k.tap("Әрі қарай →"));
    CHECK(k.tap("Жіберу →"));
    REQUIRE(k.m->receipt());
    Application a = *find_application(*k.s, k.m->receipt()->uuid);
    CHECK(a.chosen_session == offered[1].uuid);
    CHECK(a.category == "labour_veteran");
    CHECK(k.m->chosen_session_text().find("08.04.2026") != std::string::npos);
    bool on_receipt = false;
    for (const auto& line : k.m->last_printout())
        on_receipt |= line.text.find("Таңдалған күн: 08.04.2026") != std::string::npos;
    CHECK(on_receipt);
    // Staff find the chosen session first when booking.
    auto offers = sessions_to_offer(*k.s, profile(), calendar(), a, day(2026, 3, 17));
    REQUIRE_FALSE(offers.empty());
    CHECK(offers[0].session.uuid == a.chosen_session);
    CHECK(offers[0].chosen);
}

TEST_CASE("kiosk: turn text: a visitor leaves a mobile number for a text when the turn is near, by "
          "tapping, and a landline is refused in words and nothing is written") {
    Kiosk k([](KioskConfig& c) { c.turn_texts = true; });
    for (int i = 0; i < 3; ++i) // three wait before this visitor: the text is worth offering
        issue_ticket(*k.s, k.m->profile(), {"main", "same_day", "", "kk", "kiosk-1"}, k.now);
    REQUIRE(k.tap("Талон алу"));
    REQUIRE(k.tap("Бүгінгі жеке қабылдау"));
    REQUIRE(k.tap(k.m->t("ui.no_category")));
    REQUIRE(k.m->screen() == Screen::TicketDone);
    CHECK(k.m->people_ahead() == 3);
    REQUIRE(k.tap("Кезегім жақындағанда SMS жіберу"));
    REQUIRE(k.m->screen() == Screen::TicketText);
    CHECK(k.m->turn_phone() == "+7");

    // A landline: told why in Kazakh, on the same screen, nothing stored.
    type_on_keyboard(k, "7172123456");
    REQUIRE(k.tap("SMS күту →"));
    CHECK(k.m->screen() == Screen::TicketText);
    CHECK(k.m->error_text("phone") == k.m->t("error.landline_not_allowed"));
    CHECK(count(*k.s, "SELECT count(*) FROM turn_texts") == 0);
    CHECK(count(*k.s, "SELECT count(*) FROM outbox WHERE entity = 'turn_text'") == 0);

    // The mobile number: stored with its outbox row, the ticket screen says where the text goes
    // without showing the whole number, and the offer is gone.
    k.m->turn_phone() = "+7";
    type_on_keyboard(k, "7011234567");
    REQUIRE(k.tap("SMS күту →"));
    REQUIRE(k.m->screen() == Screen::TicketDone);
    CHECK(count(*k.s, "SELECT count(*) FROM turn_texts WHERE phone = '+77011234567' AND "
                      "language = 'kk'") == 1);
    CHECK(count(*k.s, "SELECT count(*) FROM outbox WHERE entity = 'turn_text'") == 1);
    CHECK(k.m->turn_phone() == "+7"); // not kept on the screen for the next visitor to read
    k.frame();
    CHECK_FALSE(k.tap("Кезегім жақындағанда SMS жіберу"));
    // The ticket row carries no phone: the board and the public page never see it.
    CHECK(count(*k.s, "SELECT count(*) FROM outbox WHERE entity = 'ticket' AND payload LIKE "
                      "'%7011234567%'") == 0);
}

TEST_CASE(
    "kiosk: turn text: the turn text is not offered when the server sends no SMS or the visitor "
    "is about to be called") {
    {
        Kiosk off; // turn_texts off by default
        REQUIRE(off.tap("Талон алу"));
        REQUIRE(off.tap("Бүгінгі жеке қабылдау"));
        REQUIRE(off.tap(off.m->t("ui.no_category")));
        CHECK_FALSE(off.m->turn_text_offered());
    }
    Kiosk near([](KioskConfig& c) { c.turn_texts = true; }); // one ImGui context at a time
    REQUIRE(near.tap("Талон алу"));
    REQUIRE(near.tap("Бүгінгі жеке қабылдау"));
    REQUIRE(near.tap(near.m->t("ui.no_category")));
    CHECK(near.m->people_ahead() == 0);
    CHECK_FALSE(near.m->turn_text_offered()); // two or fewer ahead: it would come at once
}

TEST_CASE("kiosk: body text has capitals at least 4.8 mm tall on a 21.5-inch 1080p panel, the "
          "smallest a kiosk has") {
    Kiosk k;
    // 21.5" of 16:9 is 476 mm across 1920 pixels.
    const double mm_per_px = 21.5 * 25.4 * 16.0 / std::sqrt(16.0 * 16.0 + 9.0 * 9.0) / 1920.0;
    for (ImFont* font : {k.ui.fonts.body, ImGui::GetIO().FontDefault}) {
        REQUIRE(font);
        // The glyph as rasterised: the ink from the top of the capital to the baseline.
        const ImFontGlyph* h = font->FindGlyphNoFallback(ImWchar('H'));
        const ImFontGlyph* kk_capital = font->FindGlyphNoFallback(ImWchar(0x049A)); // Қ
        REQUIRE(h);
        REQUIRE(kk_capital);
        double cap_mm = double(h->Y1 - h->Y0) * mm_per_px;
        MESSAGE("capital H: " << (h->Y1 - h->Y0) << " px = " << cap_mm << " mm");
        CHECK(cap_mm >= 4.8);
    }
}
