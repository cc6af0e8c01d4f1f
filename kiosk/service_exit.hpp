// The only way out of the kiosk: a staff gesture (five taps in the top-left corner within
// three seconds) opens a PIN pad; the configured PIN closes the program. With no PIN
// configured the gesture does nothing: the visitor can never leave the program.
#pragma once

#include "date.hpp"

#include <string>

namespace reception::kiosk {

struct ServiceExit {
    std::string pin;
    bool pad_open = false;
    std::string typed;
    int taps = 0;
    Instant first_tap{};

    // A tap anywhere; x, y in pixels from the top-left corner of the screen.
    void tap(float x, float y, float corner, Instant now);
    // Returns true when the PIN typed so far is the right one (then the program closes).
    bool check() const { return !pin.empty() && typed == pin; }
    void close_pad() {
        pad_open = false;
        typed.clear();
    }
};

} // namespace reception::kiosk
