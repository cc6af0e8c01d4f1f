// The screenshot tour (reception-kiosk --screenshot DIR): every screen of the kiosk in kk and
// ru, and the board after a few calls, as PNG files on a store of its own.
#pragma once

#include "board.hpp"
#include "kiosk_model.hpp"
#include "ui/touch.hpp"

#include <string>

struct GLFWwindow;

namespace reception::kiosk {

void screenshot_tour(GLFWwindow* window, ui::Ui& ui, KioskModel& m, BoardState& board,
                     const Catalog& texts, Store& store, const std::string& dir);

} // namespace reception::kiosk
