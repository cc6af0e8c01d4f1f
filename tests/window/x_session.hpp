// The real program on a real X display, as a person meets it: a private Xvfb server, the
// program started in it, input sent with XTest (the same events a touchscreen's driver makes),
// and what the screen shows read back as pixels. The programs' --trace-ui file says which
// screen a frame showed and where each button is, so a test taps a button by its label.
#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

typedef struct _XDisplay Display;

namespace reception::xtest {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A private Xvfb of the given size, on a free display number; stopped by the destructor.
struct XServer {
    XServer(int width, int height);
    ~XServer();
    XServer(const XServer&) = delete;
    XServer& operator=(const XServer&) = delete;
    std::string display; // ":12"
    Display* dpy = nullptr;
    pid_t pid = -1;
    int width, height;
};

// A program started on that display; killed by the destructor if still running.
struct Program {
    Program(const XServer& x, const std::vector<std::string>& argv,
            const std::filesystem::path& log);
    ~Program();
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;
    bool running();
    // Waits for the program to end; its exit code, or nullopt after the timeout.
    std::optional<int> wait_exit(milliseconds timeout);
    void kill_now();
    pid_t pid = -1;
    int status = -1;
};

// One drawn frame, as the program's trace file says.
struct Frame {
    long number = 0;
    std::string screen;
    nlohmann::json json;
    long long drawn_ns = 0; // CLOCK_MONOTONIC
    // The middle of the button or field with this visible label; nullopt when not drawn.
    std::optional<std::pair<int, int>> centre(const std::string& label) const;
    bool shows(const std::string& label) const { return centre(label).has_value(); }
};

// Reads the trace (nullopt while the program has drawn nothing yet).
std::optional<Frame> read_frame(const std::filesystem::path& trace);
// The first frame newer than `after` for which pred holds, waiting at most timeout.
std::optional<Frame> wait_frame(const std::filesystem::path& trace, long after,
                                const std::function<bool(const Frame&)>& pred,
                                milliseconds timeout);
// Waits until the program has drawn nothing for `quiet` (it sleeps: an idle kiosk).
std::optional<Frame> wait_idle(const std::filesystem::path& trace, milliseconds quiet,
                               milliseconds timeout);

// Input through XTest
void move_to(XServer& x, int px, int py);
void press(XServer& x);
void release(XServer& x);
void tap_at(XServer& x, int px, int py); // move, press, release, as a finger's tap
// Taps the labelled thing of the newest frame; false when it is not on the screen.
bool tap(XServer& x, const std::filesystem::path& trace, const std::string& label);
void key_combo(XServer& x, const std::vector<std::string>& keysyms); // {"Alt_L", "F4"}

// Windows
// The top-level window of a process (by _NET_WM_PID), 0 when none is mapped.
unsigned long window_of(XServer& x, pid_t pid, milliseconds timeout);
// What a window manager's close button sends: WM_DELETE_WINDOW.
void send_close_request(XServer& x, unsigned long window);
void destroy_window(XServer& x, unsigned long window);
// A plain window of another client over a rectangle, mapped; destroy_window removes it.
unsigned long cover(XServer& x, int px, int py, int w, int h);

// Pixels
struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
    bool operator==(const Image& o) const { return rgb == o.rgb; }
    // Share of pixels that differ from o (same size), 0..1.
    double difference(const Image& o) const;
    bool save_png(const std::filesystem::path& file) const;
};
Image grab(XServer& x, int px = 0, int py = 0, int w = 0, int h = 0); // 0: the whole screen
// Polls the screen until it differs from `before` (at least `share` of the pixels); the time
// it first did, or nullopt after the timeout.
std::optional<Clock::time_point> wait_pixels_change(XServer& x, const Image& before, double share,
                                                    milliseconds timeout);

} // namespace reception::xtest
