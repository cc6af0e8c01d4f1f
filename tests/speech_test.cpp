// The kiosk's voice (kiosk/announce.hpp): stopped mid-sentence when the visitor moves on,
// louder or quieter, Kazakh names said by the Russian voice, registration numbers said whole.
#include "announce.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <thread>

using namespace reception;
using namespace reception::kiosk;
using namespace std::chrono_literals;

TEST_CASE("kiosk speech: a registration number is said as people say it") {
    CHECK(spoken_reg_number("K1-2026-00042") == "Ка 1, 2026, 42");
    CHECK(spoken_reg_number("AB12-2026-10000") == "А Бэ 12, 2026, 10000");
}

TEST_CASE("kiosk speech: louder is louder") {
    int quiet = 0, loud = 0;
    CHECK(synthesised_samples(std::string("Қызметті таңдаңыз"), Lang::kk, 40, &quiet) > 0);
    CHECK(synthesised_samples(std::string("Қызметті таңдаңыз"), Lang::kk, 200, &loud) > 0);
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
        list += "Сәлеметсіз бе! Не қажет екенін таңдаңыз. Жалғастыру үшін экранның кез келген "
                "жерін басыңыз. ";
    voice.say({list, Lang::kk});
    voice.say({std::string("Қызметті таңдаңыз"), Lang::kk});
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
    voice.say({"Қайталау", Lang::kk});
    until = std::chrono::steady_clock::now() + 10s;
    while (voice.busy() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(5ms);
    CHECK(samples > at_cancel);
}
