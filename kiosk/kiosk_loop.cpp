#include "kiosk_loop.hpp"
#include "base/log.hpp"

#include "announce.hpp"
#include "out_of_order.hpp"
#include "screens/screens.hpp"
#include "service_exit.hpp"
#include "ui/fonts.hpp"
#include "ui/window.hpp"

#include <GLFW/glfw3.h>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unistd.h>

namespace reception::kiosk {

// The window
GLFWwindow* open_kiosk_window(const KioskConfig& cfg, ScreenSetup& setup, ui::Ui& ui,
                              bool board_fonts, std::string* error) {
    if (setup.height <= 0) setup.height = setup.width * 9 / 16;
    ui::WindowSpec spec{"reception-kiosk", setup.width, setup.height,
                        cfg.windowed ? -1 : cfg.monitor};
    GLFWwindow* window = ui::open_window(spec, error);
    if (!window) return nullptr;
    setup.width = spec.width;
    setup.height = spec.height;
    // A new window has a new ImGui context, whose clock starts at zero again.
    ui.armed_at = 0;
    ui.last_press = -1;
    // 1.0 on a 1080p screen; a portrait 1080x1920 screen keeps the same sizes (its short side
    // is as wide), a 1280x1024 one a little smaller.
    ui.scale = float(std::min(spec.width, spec.height)) / 1080.0f;
    if (spec.width < spec.height) ui.scale = float(spec.width) / 1080.0f;
    // The kiosk's large text needs a second set of fonts; the board alone does not.
    if (!ui::load_ui_fonts(ui, ui.scale, board_fonts, !cfg.board)) {
        *error = "font not found: " + ui::text_font_file().string();
        ui::close_window(window);
        return nullptr;
    }
    ui::apply_theme(ui.scale);
    return window;
}

// The PIN pad and the staff menu
static void begin_centered(const char* id, float width) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), 0,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::Begin(id, nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
}

// Over everything, when the staff gesture opened it.
static void draw_pin_pad(KioskModel& m, ui::Ui& ui, ServiceExit& exit_, ui::Keyboard& kb,
                         Instant now) {
    begin_centered("pin", ui.px(700));
    ui.centered_text(m.t("staff.pin"));
    ui.centered_text(std::string(exit_.typed.size(), '*') + " ", ui.fonts.large);
    if (exit_.last_wrong)
        ui.centered_text(
            m.tf("staff.pin_wrong", {{"tries", std::to_string(ServiceExit::kTries - exit_.wrong)}}),
            nullptr, ui::colors::kError);
    kb.layout = ui::Layout::Digits;
    kb.draw(ui, exit_.typed, 12);
    float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (ui.button(m.t("staff.cancel") + "##pin", ImVec2(w, ui.px(100)), false, false))
        exit_.close_pad();
    ImGui::SameLine();
    if (ui.button("OK##pin", ImVec2(w, ui.px(100)))) exit_.submit(now);
    ImGui::End();
}

static void draw_staff_menu(KioskModel& m, ui::Ui& ui, ServiceExit& exit_, Instant now) {
    begin_centered("staff", ui.px(900));
    ui.centered_text(m.t("staff.menu"), ui.fonts.large);
    ImVec2 size(-1, ui.px(100));
    if (ui.button(m.t("staff.test_print"), size, false, false)) m.print_test_page(now);
    if (ui.button(m.t("staff.reprint"), size, false, false)) m.reprint_last(now);
    // What the printer said last: for staff, in words.
    const PrintState& p = m.print_state();
    if (p.tried)
        ui.text(m.t("staff.printer") + ": " + (p.ok ? m.t("staff.printer_ok") : p.error), nullptr,
                p.ok ? ui::colors::kMuted : ui::colors::kError);
    if (ui.button(m.t("staff.leave"), size)) exit_.leave = true;
    if (ui.button(m.t("staff.close") + "##staff", size, false, false)) exit_.menu_open = false;
    ImGui::End();
}

// The trace
// What a drawn frame showed, for tests and the latency bench that drive the real window: the
// screen, and every tappable thing with its place in window pixels. Written whole and renamed,
// so a reader never sees half a file.
static void write_trace(const std::string& file, long frame, const KioskModel& m, const ui::Ui& ui,
                        const BoardState* board, bool broken) {
    nlohmann::json j;
    j["frame"] = frame;
    j["pid"] = getpid();
    // Monotonic, as CLOCK_MONOTONIC: a bench compares it with its own tap time.
    j["drawn_ns"] = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::steady_clock::now().time_since_epoch())
                        .count();
    j["screen"] = broken ? "out-of-order" : board ? "board" : screen_code(m.screen());
    j["lang"] = lang_code(m.lang());
    auto& taps = j["tappables"] = nlohmann::json::array();
    for (const auto& t : ui.tappables) {
        if (t.hidden) continue;
        nlohmann::json one = {
            {"label", t.label}, {"x0", t.min.x}, {"y0", t.min.y}, {"x1", t.max.x}, {"y1", t.max.y}};
        // Whether a field holds something, never what: the trace holds no personal data.
        if (t.field) one["filled"] = t.filled;
        taps.push_back(std::move(one));
    }
    // The board has nothing to tap: what it shows instead (numbers, desks, counts; no names).
    if (board)
        for (const auto& t : board->drawn) j["board"].push_back(t.text);
    j["countdown"] = m.countdown(now_utc());
    std::string tmp = file + ".tmp";
    {
        std::ofstream out(tmp);
        out << j.dump();
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
}

// The loop
namespace {

struct Loop {
    Loop(KioskModel& m, BoardState& b, const Catalog& t, Store& s, ScreenSetup& setup)
        : model(m), board(b), texts(t), store(s), setup(setup) {}
    KioskModel& model;
    BoardState& board;
    const Catalog& texts;
    Store& store;
    ScreenSetup& setup;
    ui::Ui ui;
    ScreenState st;
    ServiceExit exit_;
    ui::Keyboard pin_keys;
    OutOfOrder broken;
    long long data_version = -1;
    long frames = 0;
    std::tuple<long long, int, bool, int> last_shown{};
    int speech_key = speech_key_code(model.config().speech_key); // 0: none
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// One frame, drawn on the screen when present. Touches are read inside it: Dear ImGui's io holds
// this frame's input only now.
void draw_frame(Loop& l, GLFWwindow* window, Instant now, bool present) {
    bool board = l.model.config().board;
    std::vector<ui::Tappable> before = l.ui.tappables;
    auto frame = [&] {
        l.ui.begin_frame();
        if (ImGui::IsMouseClicked(0)) {
            ImVec2 p = ImGui::GetIO().MousePos;
            l.model.touched(now);
            // A tap on a button (Back sits in that corner) is never part of the gesture.
            bool on_button = false;
            for (const auto& t : before)
                on_button = on_button ||
                            (p.x >= t.min.x && p.x <= t.max.x && p.y >= t.min.y && p.y <= t.max.y);
            l.exit_.tap(p.x, p.y, l.ui.px(120), on_button, now);
        }
        if (l.broken.active)
            draw_out_of_order(l.texts, l.ui, l.broken);
        else if (board)
            draw_board(l.texts, l.ui, l.board, now);
        else
            draw_kiosk(l.model, l.ui, l.st, now);
        if (l.model.config().demo && !board && !l.broken.active) demo_banner(l.texts, l.ui);
        if (l.exit_.pad_open) draw_pin_pad(l.model, l.ui, l.exit_, l.pin_keys, now);
        if (l.exit_.menu_open) draw_staff_menu(l.model, l.ui, l.exit_, now);
    };
    // The one catch boundary of the program: whatever a screen's store work throws puts the
    // kiosk out of order (out_of_order.hpp) instead of ending it.
    try {
        if (!present) return ui::logic_frame(frame);
        ui::render_frame(window, frame);
    } catch (const StoreError& e) {
        return l.broken.fail(e.code, e.what(), now);
    } catch (const std::exception& e) {
        return l.broken.fail("store_io", e.what(), now);
    }
    ++l.frames;
    if (!l.setup.trace_file.empty())
        write_trace(l.setup.trace_file, l.frames, l.model, l.ui, board ? &l.board : nullptr,
                    l.broken.active);
    if (l.setup.report_startup) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - l.started);
        std::printf("first frame after %lld ms\n", (long long)ms.count());
        std::fflush(stdout);
        l.setup.report_startup = false;
    }
}

bool store_changed(Loop& l) {
    long long v = l.store.data_version();
    bool changed = v != l.data_version;
    l.data_version = v;
    return changed;
}

// Until the window is lost or staff leave. Returns true when staff left.
bool run_window(Loop& l, GLFWwindow* window) {
    // The visitor cannot close the kiosk (Alt+F4, the window manager's close): only the staff
    // gesture with the PIN can.
    glfwSetWindowCloseCallback(window,
                               [](GLFWwindow* w) { glfwSetWindowShouldClose(w, GLFW_FALSE); });
    int frames_to_draw = 3;
    while (!l.exit_.leave) {
        if (ui::window_lost()) return false;
        Instant now = now_utc();
        // The housing's speech button: counted by GLFW, so a press too short for a frame counts.
        if (l.speech_key > 0 && ui::take_key_press(l.speech_key) && !l.model.config().board) {
            l.model.touched(now);
            l.model.speech_key();
        }
        bool changed = false;
        if (l.broken.active && l.broken.probe(l.store, l.model.config().kiosk_id, now)) {
            l.model.reset(); // whoever was at the screen has long gone
            l.st = ScreenState{};
            changed = true;
        }
        int printed = -1;
        try {
            if (!l.broken.active) changed = store_changed(l) || changed;
            if (!l.broken.active) printed = l.model.refresh_print();
            if (l.model.config().board && (changed || l.board.stale(now)))
                l.board.refresh(l.store, l.model.profile(), l.model.calendar(),
                                l.model.config().room, now);
        } catch (const StoreError& e) {
            l.broken.fail(e.code, e.what(), now);
            changed = true;
        }
        if (l.model.tick(now)) l.st = ScreenState{}; // wiped, back to the start
        // What changes on screen by itself: the clock's minute, the countdown's seconds, the
        // board's highlight of a new call, a print job's progress.
        auto shown = std::make_tuple(now.time_since_epoch().count() / 60, l.model.countdown(now),
                                     now < l.board.highlight_until, printed);
        if (shown != l.last_shown || changed) frames_to_draw = std::max(frames_to_draw, 2);
        l.last_shown = shown;
        // A press and its release may come in one wake-up: ImGui sees the press in the first
        // frame, the release (the tap) in the second, and the screen it leads to in the third.
        // Only the last is drawn: under Mesa's software renderer a 1080p frame costs ~40 ms.
        // Every press and release gets a frame of its own (ui::pointer_events_pending).
        while (frames_to_draw > 0 || ui::pointer_events_pending()) {
            if (ui::pointer_events_pending()) frames_to_draw = std::max(frames_to_draw, 2);
            draw_frame(l, window, now_utc(), frames_to_draw == 1);
            --frames_to_draw;
        }
        frames_to_draw = 0;
        if (ui::window_lost()) return false;
        // Sleep until an event or the next second (clock, countdown, store changes).
        if (ui::wait_events(1.0)) frames_to_draw = 3;
    }
    return true;
}

} // namespace

std::unique_ptr<Store> wait_for_store(const KioskConfig& cfg, ScreenSetup setup,
                                      const Catalog& texts,
                                      const std::function<std::unique_ptr<Store>()>& open_store,
                                      const StoreError& first) {
    ui::Ui ui;
    std::string error;
    GLFWwindow* window = open_kiosk_window(cfg, setup, ui, false, &error);
    if (!window) {
        log_error(error);
        return nullptr;
    }
    glfwSetWindowCloseCallback(window,
                               [](GLFWwindow* w) { glfwSetWindowShouldClose(w, GLFW_FALSE); });
    OutOfOrder broken;
    broken.fail(first.code, first.what(), now_utc());
    std::unique_ptr<Store> store;
    while (!store) {
        ui::render_frame(window, [&] {
            ui.begin_frame();
            draw_out_of_order(texts, ui, broken);
        });
        ui::wait_events(double(OutOfOrder::kProbeEvery.count()));
        try {
            store = open_store();
        } catch (const StoreError& e) {
            broken.fail(e.code, e.what(), now_utc());
            log_debug("the store still cannot be opened: " + std::string(e.what()));
        }
        if (ui::window_lost()) break;
    }
    ui::close_window(window);
    if (store) log_notice("the store opened");
    return store;
}

int run_on_screen(KioskModel& model, BoardState& board, const Catalog& texts, Store& store,
                  ScreenSetup setup) {
    Loop l(model, board, texts, store, setup);
    // A print job that ends wakes the loop from the worker's thread (glfw allows this call there).
    model.on_print_change = [] { glfwPostEmptyEvent(); };
    l.exit_.pin = model.config().service_pin;
    bool board_fonts = model.config().board;
    for (;;) {
        std::string error;
        GLFWwindow* window = open_kiosk_window(model.config(), setup, l.ui, board_fonts, &error);
        if (!window) {
            log_error(error);
            return 2;
        }
        bool left = run_window(l, window);
        ui::close_window(window);
        if (left) return 0;
        // The visitor's screen goes on where it was, in a new window.
        log_warning("the window was destroyed from outside; opening a new one");
        l.st = ScreenState{};
    }
}

} // namespace reception::kiosk
