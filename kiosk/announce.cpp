#include "announce.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
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

std::string spoken_reg_number(const std::string& number) {
    // Each part between hyphens: letters by name, digits as a number ("00042" is "42").
    std::string out, digits;
    auto flush_digits = [&] {
        if (digits.empty()) return;
        size_t first = digits.find_first_not_of('0');
        if (!out.empty() && out.back() != ' ') out += ' ';
        out += first == std::string::npos ? "0" : digits.substr(first);
        digits.clear();
    };
    for (char c : number) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
            continue;
        }
        flush_digits();
        if (c == '-') {
            out += ", ";
        } else if (std::isalpha(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            out += letter_name(c);
        }
    }
    flush_digits();
    return out;
}

std::string speakable(const std::string& text, Lang lang) {
    if (lang != Lang::ru) return text;
    static const char* const folds[][2] = {
        {"ә", "а"}, {"Ә", "А"}, {"ғ", "г"}, {"Ғ", "Г"}, {"қ", "к"}, {"Қ", "К"},
        {"ң", "н"}, {"Ң", "Н"}, {"ө", "о"}, {"Ө", "О"}, {"ұ", "у"}, {"Ұ", "У"},
        {"ү", "у"}, {"Ү", "У"}, {"һ", "х"}, {"Һ", "Х"}, {"і", "и"}, {"І", "И"}};
    std::string out = text;
    for (const auto& f : folds)
        for (size_t at = out.find(f[0]); at != std::string::npos; at = out.find(f[0], at))
            out.replace(at, std::string(f[0]).size(), f[1]);
    return out;
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
// stopped. The lock is held from a text's start to its end, also while espeak-ng's own thread
// (started by espeak_ng_Initialize, asleep when nothing is said) speaks it.
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

// With g_synthesiser held: the output, voice and volume for a. The volume is set each time:
// it stays with the synthesiser.
static bool prepare(const Announcement& a, int mode) {
    if (!synthesiser_ready()) return false;
    const char* voice = a.lang == Lang::ru ? "ru" : a.lang == Lang::en ? "en" : "kk";
    return espeak_ng_InitializeOutput(espeak_ng_OUTPUT_MODE(mode), 0, nullptr) == ENS_OK &&
           espeak_ng_SetVoiceByName(voice) == ENS_OK &&
           espeak_ng_SetParameter(espeakVOLUME, std::clamp(a.volume, 0, 200), 0) == ENS_OK;
}

static bool synthesize(const Announcement& a) {
    std::string text = speakable(a.text, a.lang);
    return espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8, nullptr, nullptr) == ENS_OK;
}

// A test's sink, called from espeak-ng's own thread (with g_synthesiser held by the announcer).
// espeak_Cancel stops a sound device's output by itself; a sink is stopped by its answer.
static SampleSink* g_sink = nullptr;
static std::atomic<bool> g_sink_stop{false};

static int to_sink(short* samples, int n, espeak_EVENT*) {
    if (g_sink_stop) return 1;
    if (samples && n > 0 && g_sink) (*g_sink)(samples, n);
    return 0;
}

// With g_synthesiser held: hands a to espeak-ng's own thread and returns at once. Not the
// synchronous mode: there a sentence being spoken cannot be stopped (espeak_Cancel only stops
// espeak-ng's thread), and a visitor who moved on would hear the last screen to its end.
static bool start_speaking(const Announcement& a, SampleSink* sink) {
    if (sink) {
        g_sink = sink;
        g_sink_stop = false;
        espeak_SetSynthCallback(to_sink);
    }
    return prepare(a, sink ? 0 : ENOUTPUT_MODE_SPEAK_AUDIO) && synthesize(a);
}

Announcer::Announcer(SampleSink sink) : sink_(std::move(sink)), thread_([this] { run(); }) {}

Announcer::~Announcer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear(); // a call not yet said is not worth keeping the board from closing
    }
    wake_.notify_one();
    thread_.join();
    std::lock_guard synthesiser(g_synthesiser);
    if (g_sink == &sink_) g_sink = nullptr;
}

void Announcer::say(Announcement a) {
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= 8) queue_.pop_front(); // a burst of calls: the newest matter
        queue_.push_back(std::move(a));
    }
    wake_.notify_one();
}

// Only asks: the screen's thread never waits for a sound device. run() stops espeak-ng.
void Announcer::cancel() {
    {
        std::lock_guard lock(mutex_);
        queue_.clear();
        ++cancels_;
    }
    wake_.notify_one();
}

bool Announcer::busy() {
    std::lock_guard lock(mutex_);
    return speaking_ || !queue_.empty();
}

void Announcer::run() {
    using namespace std::chrono_literals;
    for (;;) {
        Announcement next;
        unsigned cancels = 0;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            next = std::move(queue_.front());
            queue_.pop_front();
            speaking_ = true;
            cancels = cancels_;
        }
        std::lock_guard synthesiser(g_synthesiser);
        // No sound device or no voice: it fails, and the screens show what they always do.
        bool started = start_speaking(next, sink_ ? &sink_ : nullptr);
        std::unique_lock lock(mutex_);
        // Until said, or stopped by a cancel() made since the text left the queue. Polled as
        // espeak_ng_Synchronize does, only while something is being said; espeak_Cancel is
        // called here, under g_synthesiser, as it also resets the synthesiser's parameters.
        while (started && espeak_IsPlaying()) {
            if (stopping_ || cancels != cancels_) {
                g_sink_stop = true;
                lock.unlock();
                espeak_Cancel();
                lock.lock();
                break;
            }
            wake_.wait_for(lock, 20ms);
        }
        speaking_ = false;
    }
}

// Tests
static long g_samples = 0;
static int g_peak = 0;

static int count_samples(short* samples, int n, espeak_EVENT*) {
    g_samples += n;
    for (int i = 0; samples && i < n; ++i) g_peak = std::max(g_peak, std::abs(int(samples[i])));
    return 0;
}

long synthesised_samples(const std::string& text, Lang lang, int volume, int* peak) {
    std::lock_guard lock(g_synthesiser);
    espeak_SetSynthCallback(count_samples);
    g_samples = 0;
    g_peak = 0;
    Announcement a{text, lang, volume};
    bool ok = prepare(a, ENOUTPUT_MODE_SYNCHRONOUS) && synthesize(a);
    if (peak) *peak = g_peak;
    return ok ? g_samples : -1;
}

} // namespace reception::kiosk
