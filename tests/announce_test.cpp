// The board calls a ticket aloud in the visitor's language (kiosk/announce.hpp).
#include "test_support.hpp"

#include "announce.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::kiosk;
using namespace reception::test;

static Ticket called(const std::string& number, const std::string& desk, const std::string& lang) {
    Ticket t;
    t.number = number;
    t.desk = desk;
    t.language = lang;
    t.state = TicketState::Called;
    return t;
}

TEST_CASE("board: a ticket number is said as people say it") {
    CHECK(spoken_number("A-012") == "А, 12");
    CHECK(spoken_number("B-100") == "Бэ, 100");
    CHECK(spoken_number("C2-007") == "Цэ 2, 7"); // a kiosk's own series
    CHECK(spoken_number("A-000") == "А, 0");
    CHECK(spoken_number("17") == "17");
}

TEST_CASE("board: the call is said in the language the visitor chose at the kiosk") {
    Announcement kk = announcement(catalog(), called("A-012", "2", "kk"));
    CHECK(kk.text == "А, 12 нөмірлі талон, 2-үстелге өтіңіз");
    CHECK(kk.lang == Lang::kk);
    Announcement ru = announcement(catalog(), called("B-003", "4", "ru"));
    CHECK(ru.text == "Талон Бэ, 3, пройдите к окну 4");
    CHECK(ru.lang == Lang::ru);
}

TEST_CASE("board: the Kazakh and Russian voices make sound for a call") {
    Announcement kk_call = announcement(catalog(), called("A-012", "2", "kk"));
    Announcement ru_call = announcement(catalog(), called("A-012", "2", "ru"));
    long kk = synthesised_samples(kk_call.text, kk_call.lang);
    long ru = synthesised_samples(ru_call.text, ru_call.lang);
    // At 22,050 samples a second, a call is a second or more of speech.
    CHECK(kk > 22050);
    CHECK(ru > 22050);
}

TEST_CASE("board: the speaker starts and stops without a sound device, and never blocks") {
    auto t0 = std::chrono::steady_clock::now();
    {
        Announcer a;
        a.say({"А, 12 нөмірлі талон, 2-үстелге өтіңіз", Lang::kk});
    }
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
}
