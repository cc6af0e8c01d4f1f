// The board calls a ticket aloud: "A-012 нөмірлі талон, 2-үстелге өтіңіз" in the language the
// visitor chose at the kiosk (the ticket's), spoken by espeak-ng (Debian libespeak-ng-dev, which
// has Kazakh and Russian voices). A visitor who is not looking at the board still hears the
// call; the board shows the same number and desk.
#pragma once

#include "domain.hpp"
#include "i18n.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace reception::kiosk {

// A ticket number as it is said: the service letter by its name, the series digit, then the
// number as a number ("A-012" -> "А, 12"; "A2-017" -> "А 2, 17").
std::string spoken_number(const std::string& number);
// What the board says for a call, and in which language: the ticket's ("board.announce").
struct Announcement {
    std::string text;
    Lang lang = Lang::kk;
};
Announcement announcement(const Catalog& texts, const Ticket& t);

// Speaks calls one after another on a thread of its own: the board never waits for a voice.
// Without a sound device or voice data it says nothing, and the board works as before.
class Announcer {
  public:
    Announcer();
    ~Announcer();
    Announcer(const Announcer&) = delete;
    Announcer& operator=(const Announcer&) = delete;
    void say(Announcement a);

  private:
    void run();
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Announcement> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

// The samples espeak-ng makes for text in lang, without a sound device (tests): -1 when the
// synthesiser or the voice cannot be started.
long synthesised_samples(const std::string& text, Lang lang);

} // namespace reception::kiosk
