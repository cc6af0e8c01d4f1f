// The console's screenshot tour (--screenshot DIR): every screen in Kazakh and Russian as PNG,
// on the demo store, at 10:30 of today, for people to look at and for the screenshot test.
#pragma once

#include "console_model.hpp"
#include "ui/touch.hpp"

#include <string>

struct GLFWwindow;

namespace reception::console {

void screenshot_tour(GLFWwindow* window, ui::Ui& ui, ConsoleModel& m, Store& store,
                     const RegulationProfile& profile, const std::string& dir);

} // namespace reception::console
