// The waiting-room board's state and drawing (screens/board.cpp).
#pragma once

#include "domain.hpp"
#include "i18n.hpp"
#include "store.hpp"
#include "ui/touch.hpp"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace reception::kiosk {

struct BoardState {
    std::vector<Ticket> calls; // newest first
    std::set<std::string> seen;
    bool primed = false; // the calls found at start are not "new"
    Instant highlight_until{};
    // Called once per new call: main.cpp says it aloud (announce.hpp).
    std::function<void(const Ticket&)> on_new_call;
    void refresh(Store& store, const std::string& room, Instant now);
};

void draw_board(const Catalog& texts, ui::Ui& ui, const BoardState& board, Instant now);

} // namespace reception::kiosk
