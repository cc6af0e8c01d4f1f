// The board calls a ticket aloud: "A-012 нөмірлі талон, 2-үстелге өтіңіз" in the language the
// visitor chose at the kiosk (the ticket's), spoken by espeak-ng (Debian libespeak-ng-dev, which
// has Kazakh and Russian voices). A visitor who is not looking at the board still hears the
// call; the board shows the same number and desk. The kiosk's speech mode says its screens
// with the same voice (kiosk/speech.hpp).
#pragma once

#include "base/domain.hpp"
#include "base/i18n.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace reception::kiosk {

// A ticket number as it is said: the service letter by its name, the series digit, then the
// number as a number ("A-012" -> "А, 12"; "A2-017" -> "А 2, 17").
std::string spoken_number(const std::string& number);
// A registration number as it is said: "K1-2026-00042" -> "Ка 1, 2026, 42".
std::string spoken_reg_number(const std::string& number);
// Text as the voice of lang can say it. The Russian voice spells a Kazakh letter out ("Қ" as
// the name of a letter), so Kazakh names in Russian speech get the nearest Russian letters, as
// Russian speakers say them: "Жұмабаев Серікұлы" -> "Жумабаев Серикулы".
std::string speakable(const std::string& text, Lang lang);
// What is said, in which language, how loud (espeak-ng's volume: 100 is normal).
struct Announcement {
    std::string text;
    Lang lang = Lang::kk;
    int volume = 100;
};
// What the board says for a call, in the ticket's language ("board.announce").
Announcement announcement(const Catalog& texts, const Ticket& t);

// Where samples go instead of the sound device (tests): called on espeak-ng's thread with each
// piece of an utterance as it is made; it may take as long as playing would.
using SampleSink = std::function<void(const short* samples, int count)>;

// Speaks one text after another on a thread of its own: the board and the kiosk never wait for
// a voice. Without a sound device or voice data it says nothing, and they work as before. One
// per process: espeak-ng has one synthesiser.
class Announcer {
  public:
    explicit Announcer(SampleSink sink = {});
    ~Announcer();
    Announcer(const Announcer&) = delete;
    Announcer& operator=(const Announcer&) = delete;
    void say(Announcement a);
    // Drops what waits and stops what is being said (espeak_Cancel, within ~20 ms and one
    // buffer of sound): the visitor moved on. Returns at once.
    void cancel();
    // Something waits or is being said (tests).
    bool busy();

  private:
    void run();
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Announcement> queue_;
    bool stopping_ = false;
    bool speaking_ = false; // a text is out of the queue and not yet said
    unsigned cancels_ = 0;  // a text taken from the queue before a cancel is stopped
    SampleSink sink_;
    std::thread thread_;
};

// The samples espeak-ng makes for text in lang, without a sound device (tests): -1 when the
// synthesiser or the voice cannot be started. peak, when given, gets the loudest sample.
long synthesised_samples(const std::string& text, Lang lang, int volume = 100, int* peak = nullptr);

} // namespace reception::kiosk
