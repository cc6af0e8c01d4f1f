// Speech mode and large text (kiosk/speech.hpp): what a visitor who cannot read the screen
// hears on each screen, in Kazakh and Russian, driven by taps on the headless kiosk; the voice
// that says it (espeak-ng to memory, no sound device); the text that grows and still fits.
#include "kiosk_fixture.hpp"

#include "announce.hpp"
#include "kiosk_model.hpp"
#include "queue/ticket_queue.hpp"
#include "schedule/schedule.hpp"
#include "screens/screens.hpp"
#include "speech.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <fstream>
#include <functional>
#include <imgui.h>
#include <thread>

using namespace reception;
using namespace reception::kiosk;
using namespace reception::test;
using namespace std::chrono_literals;

namespace {

const std::string& kk(const std::string& key) {
    return catalog().text(Lang::kk, key);
}
const std::string& ru(const std::string& key) {
    return catalog().text(Lang::ru, key);
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Every button of the screen on a 1920x1080 screen, none over another; in a list that
// scrolls (scrolls = true) those below the screen's edge are reached by dragging.
void check_buttons_fit(const Kiosk& k, const std::string& screen, bool scrolls) {
    const auto& taps = k.ui.tappables;
    REQUIRE_MESSAGE(!taps.empty(), screen);
    for (size_t i = 0; i < taps.size(); ++i) {
        const ui::Tappable& a = taps[i];
        if (a.hidden) continue; // scrolled out of a list's view
        CHECK_MESSAGE(a.min.x >= 0, screen << ": " << a.label);
        CHECK_MESSAGE(a.max.x <= 1920, screen << ": " << a.label << " ends at x " << a.max.x);
        if (!scrolls)
            CHECK_MESSAGE(a.max.y <= 1080, screen << ": " << a.label << " ends at y " << a.max.y);
        for (size_t j = i + 1; j < taps.size(); ++j) {
            const ui::Tappable& b = taps[j];
            if (b.hidden) continue;
            bool apart = a.max.x <= b.min.x || b.max.x <= a.min.x || a.max.y <= b.min.y ||
                         b.max.y <= a.min.y;
            CHECK_MESSAGE(apart, screen << ": " << a.label << " covers " << b.label);
        }
    }
}

} // namespace

// A kiosk with speech on, in each language in turn: every spoken screen must speak kk and ru.
static void speaking_in_both(const std::function<void(Kiosk&, Lang)>& body) {
    for (Lang l : {Lang::kk, Lang::ru}) {
        CAPTURE(std::string(lang_code(l)));
        Kiosk k;
        k.m->set_lang(l);
        k.m->set_speech(true);
        body(k, l);
    }
}

TEST_CASE("kiosk speech: the start screen's button turns it on and names the choices, kk and ru") {
    Kiosk k;
    CHECK_FALSE(k.m->speech().on);
    CHECK(k.said.empty()); // silent until asked
    REQUIRE(k.tap(kk("ui.speech")));
    CHECK(k.m->speech().on);
    std::string heard = k.heard(Lang::kk);
    CHECK(has(heard, kk("speech.on")));
    for (const char* choice : {"ui.take_ticket", "ui.sign_up", "ui.schedule"})
        CHECK_MESSAGE(has(heard, kk(choice)), choice);
    CHECK(has(heard, kk("ui.repeat")));    // where to hear it again
    CHECK(has(heard, kk("ui.volume_up"))); // and how to make it louder
    // A visitor who has no Kazakh hears, in Russian, where Russian is.
    CHECK(has(k.heard(Lang::ru), "«Русский»"));
    // Russian: the language button on the right, the same screen again in Russian.
    k.frame();
    REQUIRE(k.tap("Русский"));
    CHECK(k.m->lang() == Lang::ru);
    heard = k.heard(Lang::ru);
    for (const char* choice : {"ui.take_ticket", "ui.sign_up", "ui.schedule"})
        CHECK_MESSAGE(has(heard, ru(choice)), choice);
    CHECK(has(k.heard(Lang::kk), "«Қазақша»"));
    // Repeat, where the language in use was, says it again.
    k.said.clear();
    REQUIRE(k.tap(ru("ui.repeat")));
    CHECK(has(k.heard(Lang::ru), ru("ui.take_ticket")));
    // And the same button turns it off.
    REQUIRE(k.tap(ru("ui.speech")));
    CHECK_FALSE(k.m->speech().on);
    CHECK(has(k.heard(Lang::ru), ru("speech.off")));
    k.frame();
    CHECK(k.ui.find(ru("ui.repeat")) == nullptr); // shown only while speech is on
    CHECK(k.ui.find("Қазақша") != nullptr);
}

TEST_CASE("kiosk speech: the service and category screens name every choice, kk and ru") {
    speaking_in_both([](Kiosk& k, Lang l) {
        k.m->start_ticket();
        std::string heard = k.heard(l);
        CHECK(has(heard, catalog().text(l, "ui.choose_service")));
        for (const auto& sv : profile().services) CHECK(has(heard, sv.name(lang_code(l))));
        CHECK(has(heard, catalog().text(l, "ui.back"))); // and where Back is
        k.m->choose_service("same_day");
        heard = k.heard(l);
        CHECK(has(heard, catalog().text(l, "ui.no_category")));
        for (const auto& c : profile().out_of_turn) CHECK(has(heard, c.name(lang_code(l))));
        CHECK_FALSE(has(heard, catalog().text(l, "ui.choose_service"))); // the last screen's
    });
}

TEST_CASE("kiosk speech: the ticket's number is said as the board says it, with people ahead") {
    speaking_in_both([](Kiosk& k, Lang l) {
        // Someone is already waiting for the same service.
        issue_ticket(*k.s, profile(), {"main", "same_day", "", "kk", "kiosk-2"}, k.now);
        k.m->start_ticket();
        k.m->choose_service("same_day");
        k.m->choose_category("", k.now);
        REQUIRE(k.m->ticket());
        REQUIRE(k.m->ticket()->number == "A-002");
        std::string heard = k.heard(l);
        CHECK(has(heard, catalog().text(l, "ui.your_number") + ": А, 2"));
        CHECK(has(heard, catalog().format(l, "speech.people_ahead", {{"count", "1"}})));
        CHECK_FALSE(has(heard, "чел.")); // an abbreviation a voice reads as it stands
        CHECK(has(heard, catalog().text(l, "speech.take_printout")));
        CHECK(has(heard, catalog().text(l, "ui.done")));
        CHECK_FALSE(has(heard, "A-002")); // never the printed form, which a voice spells
    });
    // A printer that failed: the number to note down, said.
    Kiosk k;
    k.printer_works = false;
    k.m->set_speech(true);
    k.m->start_ticket();
    k.m->choose_service("consultation");
    k.m->choose_category("", k.now);
    CHECK(has(k.heard(Lang::kk),
              catalog().format(Lang::kk, "error.printer_failed", {{"number", "Бэ, 1"}})));
}

TEST_CASE(
    "kiosk speech: the sign-up steps name the officials and the fields, never what is typed") {
    speaking_in_both([](Kiosk& k, Lang l) {
        k.m->start_signup();
        std::string heard = k.heard(l);
        CHECK(has(heard, catalog().text(l, "ui.not_sure")));
        for (const auto& o : list_officials(*k.s))
            if (o.active) CHECK(has(heard, full_name(o)));
        k.m->choose_official("");
        CHECK(has(k.heard(l), catalog().text(l, "ui.essence_hint")));
        CHECK(has(k.heard(l), catalog().text(l, "ui.next"))); // where Next is
        k.m->form().essence = "Жолды жөндеу керек";
        REQUIRE(k.m->next_step());
        CHECK(has(k.heard(l), catalog().text(l, "ui.individual")));
        REQUIRE(k.m->next_step());
        k.m->form().iin = "871008401427";
        k.m->form().surname = "Сәрсенбаева";
        k.m->repeat_speech();
        heard = k.heard(l);
        for (const char* field :
             {"ui.iin", "ui.phone_any", "ui.surname", "ui.name", "ui.patronymic"})
            CHECK_MESSAGE(has(heard, catalog().text(l, field)), field);
        CHECK(has(heard, catalog().text(l, "ui.iin") + ": " + catalog().text(l, "speech.filled")));
        CHECK(has(heard,
                  catalog().text(l, "ui.phone_any") + ": " + catalog().text(l, "speech.empty")));
        // The room hears what the kiosk says: no IIN, no name.
        CHECK_FALSE(has(heard, "871008401427"));
        CHECK_FALSE(has(heard, "Сәрсенбаева"));
    });
}

TEST_CASE("kiosk speech: every error that appears is said") {
    Kiosk k;
    k.m->set_speech(true);
    k.m->start_signup();
    k.m->choose_official("");
    k.frame();
    REQUIRE(k.tap(kk("ui.next") + " →")); // nothing typed
    REQUIRE(k.m->errors().count("essence"));
    std::string heard = k.heard(Lang::kk);
    CHECK(has(heard, k.m->error_text("essence")));
    CHECK_FALSE(has(heard, kk("ui.essence_hint"))); // the error alone: the screen is the same
    // An error found at the end takes the visitor to its step, and is said there first.
    k.m->form().essence = "Жолды жөндеу керек";
    REQUIRE(k.m->next_step());
    REQUIRE(k.m->next_step());
    k.m->form().iin = "871008401428"; // a wrong check digit
    k.m->form().surname = "Ахметов";
    k.m->form().name = "Қанат";
    CHECK_FALSE(k.m->next_step());
    heard = k.heard(Lang::kk);
    CHECK(has(heard, kk("ui.iin") + ": " + k.m->error_text("iin")));
    CHECK_FALSE(has(heard, "871008401428"));
}

TEST_CASE("kiosk speech: the receipt says the registration number, kk and ru") {
    speaking_in_both([](Kiosk& k, Lang l) {
        k.m->start_signup();
        k.m->choose_official("");
        k.m->form().essence = "Жер учаскесін беру туралы";
        k.m->form().surname = "Ахметов";
        k.m->form().name = "Қанат";
        k.m->form().iin = "871008401427";
        k.m->form().phone = "+77011234567";
        REQUIRE(k.m->submit(k.now));
        REQUIRE(k.m->receipt()->reg_number == "K1-2026-00001");
        std::string heard = k.heard(l);
        CHECK(has(heard, catalog().text(l, "ui.reg_number") + ": Ка 1, 2026, 1"));
        CHECK(has(heard, catalog().text(l, "ui.signup_next_steps")));
    });
    CHECK(spoken_reg_number("K1-2026-00042") == "Ка 1, 2026, 42");
    CHECK(spoken_reg_number("AB12-2026-10000") == "А Бэ 12, 2026, 10000");
}

TEST_CASE("kiosk speech: the schedule says who receives in the coming days") {
    Kiosk k;
    k.m->set_lang(Lang::ru);
    k.m->set_speech(true);
    k.m->go(Screen::Schedule);
    std::string heard = k.heard(Lang::ru);
    CHECK(has(heard, ru("ui.schedule")));
    int named = 0;
    for (const auto& o : list_officials(*k.s)) named += has(heard, full_name(o));
    CHECK(named > 0);
    CHECK(has(heard, ", в ")); // "понедельник, в 10: ..."
}

TEST_CASE("kiosk speech: moving to another screen stops what was being said") {
    Kiosk k;
    k.m->set_speech(true);
    int before = k.hushes;
    REQUIRE(k.tap(kk("ui.take_ticket")));
    CHECK(k.hushes == before + 1);
    CHECK_FALSE(has(k.heard(Lang::kk), kk("ui.sign_up"))); // the start screen's list is gone
    k.frame();
    REQUIRE(k.tap("← " + kk("ui.back")));
    CHECK(k.hushes == before + 2);
    CHECK(k.m->speech().on); // Back to the start is the same visitor
    CHECK(has(k.heard(Lang::kk), kk("ui.sign_up")));
    // Speech off: screens change in silence.
    k.m->set_speech(false);
    k.said.clear();
    k.m->start_ticket();
    CHECK(k.said.empty());
}

TEST_CASE("kiosk speech: volume - and + change the voice within bounds, said at the new volume") {
    Kiosk k;
    REQUIRE(k.tap(kk("ui.speech")));
    CHECK(k.m->speech().volume == SpeechState::kNormal);
    k.frame();
    REQUIRE(k.tap("+ " + kk("ui.volume_up")));
    CHECK(k.m->speech().volume == SpeechState::kNormal + SpeechState::kStep);
    REQUIRE(k.said.size() == 1);
    CHECK(k.said[0].text == kk("ui.volume_up"));
    CHECK(k.said[0].volume == k.m->speech().volume);
    for (int i = 0; i < 20; ++i) k.m->change_volume(+1);
    CHECK(k.m->speech().volume == SpeechState::kMax);
    CHECK(k.said.back().text == kk("speech.loudest"));
    for (int i = 0; i < 20; ++i) k.m->change_volume(-1);
    CHECK(k.m->speech().volume == SpeechState::kMin);
    CHECK(k.said.back().text == kk("speech.quietest"));
    // Every screen after is said at the volume chosen.
    k.m->start_ticket();
    for (const auto& a : k.said) CHECK(a.volume == SpeechState::kMin);
}

TEST_CASE("kiosk speech: the next visitor finds speech and large text off, at normal volume") {
    SUBCASE("Done on the ticket screen") {
        Kiosk k;
        k.m->set_speech(true);
        k.m->change_volume(+1);
        k.m->set_large_text(true);
        k.m->start_ticket();
        k.m->choose_service("same_day");
        k.m->choose_category("", k.now);
        k.frame();
        int before = k.hushes;
        REQUIRE(k.tap(kk("ui.done")));
        CHECK(k.m->screen() == Screen::Start);
        CHECK_FALSE(k.m->speech().on);
        CHECK(k.m->speech().volume == SpeechState::kNormal);
        CHECK_FALSE(k.m->large_text());
        CHECK(k.hushes > before); // the ticket is no longer being said
        CHECK(k.said.empty());
    }
    SUBCASE("the inactivity reset, after 'need more time?' was said") {
        Kiosk k;
        k.m->set_speech(true);
        k.m->start_signup();
        // A listener gets twice the time before the question.
        CHECK(k.m->countdown(k.now + std::chrono::seconds(k.cfg.inactivity_seconds + 5)) == -1);
        Instant asked = k.now + std::chrono::seconds(2 * k.cfg.inactivity_seconds + 2);
        CHECK(k.m->countdown(asked) >= 0);
        CHECK_FALSE(k.m->tick(asked));
        CHECK(has(k.heard(Lang::kk), kk("ui.more_time_question")));
        CHECK(has(k.heard(Lang::kk), kk("speech.tap_anywhere")));
        k.said.clear();
        CHECK_FALSE(k.m->tick(asked + std::chrono::seconds(1)));
        CHECK(k.said.empty()); // asked once
        CHECK(k.m->tick(asked + std::chrono::seconds(k.cfg.countdown_seconds)));
        CHECK(k.m->screen() == Screen::Start);
        CHECK_FALSE(k.m->speech().on);
    }
    SUBCASE("left on at the start screen, which otherwise waits for no one") {
        Kiosk k;
        k.m->set_large_text(true);
        Instant later = k.now + std::chrono::seconds(k.cfg.inactivity_seconds + 1);
        CHECK(k.m->countdown(later) >= 0);
        CHECK(k.m->tick(later + std::chrono::seconds(k.cfg.countdown_seconds)));
        CHECK_FALSE(k.m->large_text());
        CHECK(k.m->countdown(later + std::chrono::hours(1)) == -1); // and then it waits again
    }
    SUBCASE("staff's reset") {
        Kiosk k;
        k.m->set_speech(true);
        k.m->reset();
        CHECK_FALSE(k.m->speech().on);
    }
}

TEST_CASE("kiosk speech: the speech key turns it on, then says the screen again") {
    Kiosk k;
    k.m->start_ticket();
    k.m->speech_key();
    CHECK(k.m->speech().on);
    CHECK(has(k.heard(Lang::kk), kk("ui.choose_service")));
    k.said.clear();
    k.m->speech_key();
    CHECK(k.m->speech().on);
    CHECK(has(k.heard(Lang::kk), kk("ui.choose_service")));
    CHECK_FALSE(has(k.heard(Lang::kk), kk("speech.on")));
    // The key is the configuration's.
    CHECK(speech_key_code("F1") > 0);
    CHECK(speech_key_code("kp_enter") > 0);
    CHECK(speech_key_code("F12") == speech_key_code("F1") + 11);
    CHECK(speech_key_code("none") == 0);
    CHECK(speech_key_code("F13") == -1);
    TempDir dir;
    std::ofstream(dir / "kiosk.conf") << "speech_key = KP_ENTER\nspeech_key = F99\n";
    KioskConfig c;
    auto errors = read_config_file(dir / "kiosk.conf", c);
    REQUIRE(errors.size() == 1);
    CHECK(has(errors[0], ":2: bad value for speech_key"));
}

TEST_CASE("kiosk speech: espeak synthesises the Kazakh and Russian prompts") {
    speaking_in_both([](Kiosk& k, Lang l) {
        k.m->start_ticket();
        k.m->choose_service("same_day");
        k.m->choose_category("", k.now);
        for (const auto& a : screen_speech(*k.m)) {
            CAPTURE(a.text);
            // At 22,050 samples a second, the ticket screen is several seconds of speech.
            CHECK(synthesised_samples(a.text, a.lang, a.volume) > 3 * 22050);
        }
        k.m->reset();
        k.m->set_lang(l);
        for (const auto& a : screen_speech(*k.m)) CHECK(synthesised_samples(a.text, a.lang) > 0);
    });
}

TEST_CASE("kiosk speech: louder is louder") {
    int quiet = 0, loud = 0;
    CHECK(synthesised_samples(kk("ui.choose_service"), Lang::kk, SpeechState::kMin, &quiet) > 0);
    CHECK(synthesised_samples(kk("ui.choose_service"), Lang::kk, SpeechState::kMax, &loud) > 0);
    CHECK(loud > quiet * 2);
}

TEST_CASE("kiosk speech: Kazakh names are said with Russian letters by the Russian voice") {
    CHECK(speakable("Жұмабаев Ерлан Серікұлы", Lang::ru) == "Жумабаев Ерлан Серикулы");
    CHECK(speakable("ӘҒҚҢӨҰҮҺІ әғқңөұүһі", Lang::ru) == "АГКНОУУХИ агкноуухи");
    CHECK(speakable("Жұмабаев", Lang::kk) == "Жұмабаев"); // the Kazakh voice has them all
}

TEST_CASE("kiosk speech: cancel stops the voice mid-sentence and drops what waits") {
    // A sink as slow as a loudspeaker would be, so there is an utterance to stop.
    std::atomic<long> samples{0};
    Announcer voice([&](const short*, int n) {
        samples += n;
        std::this_thread::sleep_for(20ms);
    });
    std::string list;
    for (int i = 0; i < 6; ++i)
        list += kk("speech.welcome") + " " + kk("speech.tap_anywhere") + " ";
    voice.say({list, Lang::kk});
    voice.say({kk("ui.choose_service"), Lang::kk});
    auto until = std::chrono::steady_clock::now() + 10s;
    while (samples == 0 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(5ms);
    REQUIRE(samples > 0);
    auto t0 = std::chrono::steady_clock::now();
    voice.cancel();
    CHECK(std::chrono::steady_clock::now() - t0 < 50ms); // the screen's thread never waits
    while (voice.busy() && std::chrono::steady_clock::now() < t0 + 2s)
        std::this_thread::sleep_for(5ms);
    CHECK(std::chrono::steady_clock::now() - t0 < 500ms); // stopped within a chunk or two
    long at_cancel = samples;
    std::this_thread::sleep_for(300ms);
    CHECK(samples == at_cancel);   // neither the rest of the first nor the second
    CHECK(at_cancel < 20 * 22050); // the list is far longer than what was said of it
    // And it speaks again.
    voice.say({kk("ui.repeat"), Lang::kk});
    until = std::chrono::steady_clock::now() + 10s;
    while (voice.busy() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(5ms);
    CHECK(samples > at_cancel);
}

TEST_CASE("kiosk speech: large text makes text and buttons bigger, and every screen still fits") {
    for (Lang l : {Lang::kk, Lang::ru}) {
        CAPTURE(std::string(lang_code(l)));
        Kiosk k;
        k.m->set_lang(l);
        k.frame();
        float body = k.ui.fonts.body->FontSize;
        float button_h = k.ui.find(catalog().text(l, "ui.take_ticket"))->max.y -
                         k.ui.find(catalog().text(l, "ui.take_ticket"))->min.y;
        REQUIRE(k.tap("Aa " + catalog().text(l, "ui.large_text")));
        CHECK(k.m->large_text());
        k.frame();
        CHECK(k.ui.fonts.body->FontSize == doctest::Approx(body * ui::kLargeText));
        CHECK(ImGui::GetFontSize() == doctest::Approx(body * ui::kLargeText));
        CHECK(k.ui.scale == doctest::Approx(ui::kLargeText));
        const ui::Tappable* lang_button = k.ui.find(l == Lang::kk ? "Русский" : "Қазақша");
        REQUIRE(lang_button);
        // Taller; as wide as before, or as its words now need.
        CHECK(lang_button->max.y - lang_button->min.y == doctest::Approx(84 * ui::kLargeText));
        CHECK(lang_button->max.x - lang_button->min.x >= 220);
        CHECK(k.ui.find(catalog().text(l, "ui.take_ticket"))->max.y -
                  k.ui.find(catalog().text(l, "ui.take_ticket"))->min.y >
              button_h * 0.65f); // the choices give some height to the row below and the hours line
        // Each screen, with speech on too (its buttons take the most room).
        k.m->set_speech(true);
        auto at = [&](const char* name, const std::function<void()>& go, bool scrolls = false) {
            go();
            k.frame();
            k.frame();
            check_buttons_fit(k, name, scrolls);
        };
        at("start", [] {});
        at("service", [&] { k.m->start_ticket(); });
        at(
            "category", [&] { k.m->choose_service("same_day"); }, true);
        at("ticket", [&] { k.m->choose_category("wwii_veteran", k.now); });
        k.printer_works = false; // one more line, large and red
        at("ticket, the printer failed", [&] {
            k.m->start_ticket();
            k.m->choose_service("same_day");
            k.m->choose_category("wwii_veteran", k.now);
        });
        k.printer_works = true;
        k.m->set_large_text(true);
        k.m->set_speech(true);
        k.st = ScreenState{};
        at(
            "official", [&] { k.m->start_signup(); }, true);
        at("essence", [&] { k.m->choose_official(""); });
        k.m->form().essence = "Жолды жөндеу керек";
        at("applicant", [&] {
            k.m->next_step();
            k.m->form().representative = true;
        });
        k.m->form().representative = false;
        at("person", [&] { k.m->next_step(); });
        at("person with an error", [&] { k.m->next_step(); });
        k.m->form().surname = "Ахметов";
        k.m->form().name = "Қанат";
        k.m->form().iin = "871008401427";
        k.m->form().phone = "+77011234567";
        at("options", [&] { k.m->next_step(); });
        at(
            "review", [&] { k.m->next_step(); }, true);
        at("receipt", [&] { k.m->submit(k.now); });
        at(
            "schedule",
            [&] {
                k.m->go(Screen::Schedule);
                k.m->set_large_text(true);
            },
            true);
        // The large text set is the visitor's: the next one reads the usual size.
        k.m->reset();
        k.frame();
        k.frame();
        CHECK(k.ui.fonts.body->FontSize == doctest::Approx(body));
    }
}

TEST_CASE("kiosk speech: a visitor who cannot see the keys hears each one, and a second tap types "
          "it, kk and ru") {
    speaking_in_both([](Kiosk& k, Lang l) {
        k.m->start_signup();
        k.m->choose_official("");
        k.frame();
        CHECK(has(k.heard(l), catalog().text(l, "speech.keyboard")));
        std::string& essence = k.m->form().essence;
        // A first touch names the key and types nothing.
        REQUIRE(k.tap("Ж"));
        CHECK(essence.empty());
        CHECK(k.heard(l) == "Ж.\n");
        // The same key again types it, and says so with the field's length.
        REQUIRE(k.tap("Ж"));
        CHECK(essence == "Ж");
        CHECK(has(k.heard(l), catalog().format(l, "speech.typed", {{"key", "Ж"}, {"count", "1"}})));
        // Feeling along the row: each key named, none typed.
        REQUIRE(k.tap("о"));
        REQUIRE(k.tap("л"));
        CHECK(k.heard(l) == "л.\n");
        CHECK(essence == "Ж");
        // A key found again after a long pause is named again, not typed.
        for (int i = 0; i < 180; ++i) k.frame(); // 3 s at 60 Hz
        REQUIRE(k.tap("л"));
        CHECK(essence == "Ж");
        REQUIRE(k.tap("л"));
        CHECK(essence == "Жл");
        // Signs and keys by their names.
        REQUIRE(k.tap("␣"));
        CHECK(k.heard(l) == catalog().text(l, "speech.key.space") + ".\n");
        REQUIRE(k.tap(","));
        CHECK(k.heard(l) == catalog().text(l, "speech.key.comma") + ".\n");
        REQUIRE(k.tap("⌫"));
        REQUIRE(k.tap("⌫"));
        CHECK(essence == "Ж");
        CHECK(has(k.heard(l), catalog().format(l, "speech.erased", {{"count", "1"}})));
    });
}

TEST_CASE("kiosk speech: a field touched says its name and whether it is empty, never its text") {
    Kiosk k;
    k.m->set_speech(true);
    k.m->start_signup();
    k.m->choose_official("");
    k.m->form().essence = "Жолды жөндеу керек";
    REQUIRE(k.m->next_step());
    REQUIRE(k.m->next_step());
    k.m->form().iin = "871008401427";
    k.frame();
    REQUIRE(k.tap(kk("ui.phone_any")));
    std::string heard = k.heard(Lang::kk);
    CHECK(has(heard, kk("ui.phone_any") + ": " + kk("speech.empty")));
    CHECK(has(heard, kk("speech.field_chosen")));
    REQUIRE(k.tap(kk("ui.iin")));
    heard = k.heard(Lang::kk);
    CHECK(has(heard, kk("ui.iin") + ": " + kk("speech.filled")));
    CHECK(has(heard, catalog().format(Lang::kk, "speech.field_count", {{"count", "12"}})));
    CHECK_FALSE(has(heard, "871008401427"));
    // The screen's speech names the phone as the screen labels it.
    k.m->repeat_speech();
    CHECK(has(k.heard(Lang::kk), kk("ui.phone_any")));
}

TEST_CASE("kiosk speech: with speech off one tap types, as before") {
    Kiosk k;
    k.m->start_signup();
    k.m->choose_official("");
    k.frame();
    REQUIRE(k.tap("Ж"));
    CHECK(k.m->form().essence == "Ж");
    CHECK(k.said.empty());
}

TEST_CASE("kiosk speech: with large text the ticket screen shows the wait and the SMS offer "
          "whole, beside Done and not under it, in kk and ru") {
    for (Lang l : {Lang::kk, Lang::ru}) {
        CAPTURE(std::string(lang_code(l)));
        Kiosk k([](kiosk::KioskConfig& c) { c.turn_texts = true; });
        for (int i = 0; i < 3; ++i) // three ahead: the SMS is offered, its button the lowest
            issue_ticket(*k.s, k.m->profile(), {"main", "same_day", "", "kk", "kiosk-1"}, k.now);
        k.m->set_lang(l);
        k.m->set_large_text(true);
        k.m->start_ticket();
        k.m->choose_service("same_day");
        k.m->choose_category("", k.now);
        k.frame();
        k.frame();
        REQUIRE(k.m->screen() == kiosk::Screen::TicketDone);
        const ui::Tappable* sms = k.ui.find(catalog().text(l, "ui.turn_text_offer"));
        const ui::Tappable* done = k.ui.find(catalog().text(l, "ui.done"));
        REQUIRE(sms);
        REQUIRE(done);
        // Whole, not cut by its column: what is above it (the people ahead, the wait) is too.
        CHECK(sms->max.y - sms->min.y == doctest::Approx(110 * ui::kLargeText));
        CHECK(sms->max.y <= 1080);
        CHECK((sms->min.x >= done->max.x || sms->max.y <= done->min.y));
        check_buttons_fit(k, "ticket, large text", false);
    }
}
