#include "announce.hpp"

#include <cctype>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

namespace reception::kiosk {

// Latin letters as people in Kazakhstan name them aloud (the Russian names, used in both
// languages for Latin letters): a voice reading "B" in Kazakh would otherwise guess.
static const char* letter_name(char c) {
    static const char* const names[26] = {
        "А",  "Бэ", "Цэ", "Дэ", "Е",  "Эф", "Гэ", "Аш", "И",  "Йот",      "Ка",  "Эль",   "Эм",
        "Эн", "О",  "Пэ", "Ку", "Эр", "Эс", "Тэ", "У",  "Вэ", "Дубль-вэ", "Икс", "Игрек", "Зэт"};
    c = char(std::toupper(static_cast<unsigned char>(c)));
    return c >= 'A' && c <= 'Z' ? names[c - 'A'] : "";
}

std::string spoken_number(const std::string& number) {
    size_t dash = number.rfind('-');
    std::string prefix = dash == std::string::npos ? "" : number.substr(0, dash);
    std::string digits = dash == std::string::npos ? number : number.substr(dash + 1);
    std::string out;
    for (char c : prefix) {
        if (!out.empty()) out += ' ';
        if (std::isalpha(static_cast<unsigned char>(c)))
            out += letter_name(c);
        else
            out += c;
    }
    // "012" is said "12": the leading zeros are only for the printed width.
    size_t first = digits.find_first_not_of('0');
    std::string n = first == std::string::npos ? (digits.empty() ? "" : "0") : digits.substr(first);
    if (!out.empty() && !n.empty()) out += ", ";
    return out + n;
}

Announcement announcement(const Catalog& texts, const Ticket& t) {
    Announcement a;
    parse_lang(t.language, &a.lang);
    a.text = texts.format(a.lang, "board.announce",
                          {{"number", spoken_number(t.number)}, {"desk", t.desk}});
    return a;
}

// Speaking
// espeak-ng has one synthesiser per process. It is started once, on first use, and kept to the
// end of the process, used under this lock: espeak-ng 1.51 waits forever in espeak_ng_Terminate
// once it has been started a second time (seen in this project's tests), so it is never
// stopped. The espeak_ng_* calls in synchronous mode start no thread of their own.
static std::mutex g_synthesiser;

static bool synthesiser_ready() {
    static const bool ready = [] {
        espeak_ng_InitializePath(nullptr);
        espeak_ng_ERROR_CONTEXT context = nullptr;
        if (espeak_ng_Initialize(&context) == ENS_OK) return true;
        espeak_ng_ClearErrorContext(&context);
        return false;
    }();
    return ready;
}

// With g_synthesiser held. to_speaker: played on the sound device (false: samples go to the
// synth callback only).
static bool speak(const std::string& text, Lang lang, bool to_speaker) {
    if (!synthesiser_ready()) return false;
    int mode = ENOUTPUT_MODE_SYNCHRONOUS | (to_speaker ? ENOUTPUT_MODE_SPEAK_AUDIO : 0);
    const char* voice = lang == Lang::ru ? "ru" : lang == Lang::en ? "en" : "kk";
    return espeak_ng_InitializeOutput(espeak_ng_OUTPUT_MODE(mode), 0, nullptr) == ENS_OK &&
           espeak_ng_SetVoiceByName(voice) == ENS_OK &&
           espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8, nullptr, nullptr) == ENS_OK;
}

Announcer::Announcer() : thread_([this] { run(); }) {}

Announcer::~Announcer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear(); // a call not yet said is not worth keeping the board from closing
    }
    wake_.notify_one();
    thread_.join();
}

void Announcer::say(Announcement a) {
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= 8) queue_.pop_front(); // a burst of calls: the newest matter
        queue_.push_back(std::move(a));
    }
    wake_.notify_one();
}

void Announcer::run() {
    for (;;) {
        Announcement next;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            next = std::move(queue_.front());
            queue_.pop_front();
        }
        // No sound device or no voice: the call fails, and the board shows it as always.
        std::lock_guard lock(g_synthesiser);
        speak(next.text, next.lang, true);
    }
}

// Tests
static long g_samples = 0;

static int count_samples(short*, int n, espeak_EVENT*) {
    g_samples += n;
    return 0;
}

long synthesised_samples(const std::string& text, Lang lang) {
    std::lock_guard lock(g_synthesiser);
    espeak_SetSynthCallback(count_samples);
    g_samples = 0;
    return speak(text, lang, false) ? g_samples : -1;
}

} // namespace reception::kiosk
