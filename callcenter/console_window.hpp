// The console on the screen: the window, its fonts and theme, and the loop that sleeps until an
// event or the next second and draws again. main.cpp wires the parts together and calls it.
#pragma once

#include "console_model.hpp"

#include <string>

namespace reception::console {

struct ConsoleWindowSpec {
    int width = 1600, height = 900;
    Lang lang = Lang::kk;
    std::string screenshot_dir; // not empty: write every screen here as PNG, then return
};

// Runs until the window is closed (signing the clerk out). Returns the program's exit code:
// 0, or 2 when the window or the font could not be opened (the reason on stderr).
int run_console_window(const ConsoleWindowSpec& spec, Store& store,
                       const RegulationProfile& profile, const WorkCalendar& cal,
                       const Catalog& texts, const ConsoleConfig& cfg);

} // namespace reception::console
