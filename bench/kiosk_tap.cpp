// Tap-to-screen latency of the real kiosk: reception-kiosk in its own Xvfb (Mesa llvmpipe),
// XTest taps as a touchscreen's driver sends them, and the time from the finger's release
// (when a button acts) to (a) the frame that shows the next screen, from the kiosk's
// --trace-ui, and (b) the first change of the screen's pixels read back from the X server.
//   idle: the kiosk has slept (nothing drawn) for 1.5 s before each tap;
//   busy: a desk issues and calls tickets in the same store every 100 ms, and the taps come
//         400 ms apart: more than the 0.35 s after a new screen in which the kiosk ignores a
//         tap (a double tap must not hit what appears under the finger), so every tap counts.
// Usage: kiosk_tap [TAPS] (default 60 of each). Prints p50/p99/max and the kiosk's idle CPU.
#include "x_session.hpp"

#include "queue/ticket_queue.hpp"
#include "regulation/profile.hpp"
#include "regulation/terminal_data.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace reception;
using namespace reception::xtest;

namespace {

struct Figures {
    std::vector<double> frame_ms, pixels_ms;
    int missed = 0;
};

double pct(std::vector<double> v, double p) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

void print(const char* label, const Figures& f) {
    std::printf("%-5s %3zu taps  next screen drawn: p50 %6.1f  p99 %6.1f  max %6.1f ms   "
                "pixels changed: p50 %6.1f  p99 %6.1f  max %6.1f ms   missed %d\n",
                label, f.frame_ms.size(), pct(f.frame_ms, 0.5), pct(f.frame_ms, 0.99),
                pct(f.frame_ms, 1.0), pct(f.pixels_ms, 0.5), pct(f.pixels_ms, 0.99),
                pct(f.pixels_ms, 1.0), f.missed);
}

double ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

// One tap on label, from screen `from` to screen `to`; adds its figures.
void measure_tap(XServer& x, const std::filesystem::path& trace, const std::string& label,
                 const std::string& to, Figures& f) {
    auto before = read_frame(trace);
    auto c = before ? before->centre(label) : std::nullopt;
    if (!c) {
        ++f.missed;
        return;
    }
    // The middle band of the screen changes between the start and the service screens.
    Image band = grab(x, 0, 200, x.width, 600);
    move_to(x, c->first, c->second);
    std::this_thread::sleep_for(milliseconds(20));
    press(x);
    std::this_thread::sleep_for(milliseconds(60));
    release(x);
    Clock::time_point released = Clock::now();
    std::optional<Clock::time_point> changed;
    while (!changed && Clock::now() - released < milliseconds(3000)) {
        Image now = grab(x, 0, 200, x.width, 600);
        if (now.difference(band) > 0.02) changed = Clock::now();
    }
    auto drawn = wait_frame(
        trace, before->number, [&](const Frame& fr) { return fr.screen == to; },
        milliseconds(3000));
    if (!drawn || !changed) {
        ++f.missed;
        return;
    }
    Clock::time_point drawn_at{std::chrono::nanoseconds(drawn->drawn_ns)};
    f.frame_ms.push_back(ms_between(released, drawn_at));
    f.pixels_ms.push_back(ms_between(released, *changed));
}

double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(in)), {});
    size_t close = s.rfind(')');
    std::vector<std::string> fields;
    std::string cur;
    for (size_t i = close + 2; i < s.size(); ++i) {
        if (s[i] == ' ') {
            fields.push_back(cur);
            cur.clear();
        } else
            cur += s[i];
    }
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    return (std::stod(fields.at(11)) + std::stod(fields.at(12))) / double(sysconf(_SC_CLK_TCK));
}

} // namespace

int main(int argc, char** argv) {
    int taps = argc > 1 ? std::atoi(argv[1]) : 60;
    auto dir = std::filesystem::temp_directory_path() / ("kiosk_tap." + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
    XServer x(1920, 1080);
    auto trace = dir / "trace.json";
    Program kiosk(x,
                  {KIOSK_BIN, "--windowed", "--size", "1920", "--height", "1080", "--trace-ui",
                   trace.string(), "--inactivity", "3600"},
                  dir / "kiosk.log");
    if (!wait_idle(trace, milliseconds(1500), milliseconds(20000))) {
        std::fprintf(stderr, "kiosk_tap: the kiosk did not start\n");
        return 1;
    }
    TerminalData data = load_terminal_data(now_utc());
    std::string take = data.texts.text(Lang::kk, "ui.take_ticket");
    std::string back = "← " + data.texts.text(Lang::kk, "ui.back");

    // At rest: CPU over 10 s with nobody touching it.
    double c0 = cpu_seconds(kiosk.pid);
    std::this_thread::sleep_for(std::chrono::seconds(10));
    double idle_cpu = (cpu_seconds(kiosk.pid) - c0) / 10.0 * 100.0;

    Figures idle;
    for (int i = 0; i < taps; ++i) {
        wait_idle(trace, milliseconds(1500), milliseconds(10000));
        bool at_start = read_frame(trace)->screen == "start";
        measure_tap(x, trace, at_start ? take : back, at_start ? "service" : "start", idle);
    }

    // Busy: a desk on the same store issues and calls every 100 ms.
    std::atomic<bool> stop{false};
    std::thread desk([&] {
        auto store = open_terminal_store(dir / "data/reception/kiosk.db");
        while (!stop) {
            Instant now = now_utc();
            issue_ticket(*store, data.profile, {"main", "consultation", "", "kk", "kiosk-2"}, now);
            call_next(*store, "main", local_date(now), {}, "1", "bench", now);
            std::this_thread::sleep_for(milliseconds(100));
        }
    });
    Figures busy;
    for (int i = 0; i < taps; ++i) {
        std::this_thread::sleep_for(milliseconds(400)); // past the new screen's 0.35 s debounce
        auto f = read_frame(trace);
        bool at_start = f && f->screen == "start";
        measure_tap(x, trace, at_start ? take : back, at_start ? "service" : "start", busy);
    }
    stop = true;
    desk.join();
    std::printf("kiosk_tap: reception-kiosk 1920x1080 under Xvfb (llvmpipe); latency from the "
                "finger's release\n");
    print("idle", idle);
    print("busy", busy);
    std::printf("idle CPU %.2f%% of one core over 10 s\n", idle_cpu);
    kiosk.kill_now();
    std::filesystem::remove_all(dir);
    return idle.missed + busy.missed ? 1 : 0;
}
