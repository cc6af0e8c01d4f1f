// The kiosk's and the board's life on the screen: the window, the event loop that draws a frame
// only when something on the screen changes, the staff gesture and PIN, and a window destroyed
// from outside opened again. main.cpp wires the parts together and calls run_on_screen.
#pragma once

#include "board.hpp"
#include "kiosk_model.hpp"
#include "ui/touch.hpp"

#include <functional>
#include <memory>
#include <string>

struct GLFWwindow;

namespace reception::kiosk {

struct ScreenSetup {
    int width = 1920, height = 0; // with cfg.windowed (0: 9/16 of the width); full screen
                                  // takes the monitor's size
    bool report_startup = false;  // print the time to the first frame (bench/kiosk_idle)
    std::string trace_file;       // write what each drawn frame shows here (tests, bench)
};

// Opens the window and loads the fonts at the window's scale; nullptr with *error set.
GLFWwindow* open_kiosk_window(const KioskConfig& cfg, ScreenSetup& setup, ui::Ui& ui,
                              bool board_fonts, std::string* error);

// With no store at start: the out-of-order screen, an attempt to open the store every few
// seconds; the store once it opens (nullptr when the window was lost: the supervisor starts
// the program again).
std::unique_ptr<Store> wait_for_store(const KioskConfig& cfg, ScreenSetup setup,
                                      const Catalog& texts,
                                      const std::function<std::unique_ptr<Store>()>& open_store,
                                      const StoreError& first);

// Runs until staff leave with the PIN. Returns the program's exit code.
int run_on_screen(KioskModel& model, BoardState& board, const Catalog& texts, Store& store,
                  ScreenSetup setup);

} // namespace reception::kiosk
