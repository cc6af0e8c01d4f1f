// The only way out of the kiosk: a staff gesture (five taps within three seconds in the top-left
// corner, on no button) opens a PIN pad; the configured PIN opens a small staff menu (leave the
// program, print a test page, reprint the last printout, the paper state). With no PIN
// configured the gesture does nothing: the visitor can never leave the program. Three wrong
// PINs in a row lock the pad for five minutes, so a PIN cannot be found by trying.
#pragma once

#include "base/date.hpp"

#include <string>

namespace reception::kiosk {

struct ServiceExit {
    static constexpr int kTries = 3;
    static constexpr std::chrono::seconds kLockout{300};

    std::string pin;
    bool pad_open = false, menu_open = false;
    bool leave = false; // staff chose "leave the program"
    std::string typed;
    int taps = 0;
    Instant first_tap{};
    int wrong = 0; // wrong PINs in a row
    Instant locked_until{};
    bool last_wrong = false; // the pad says the PIN was wrong

    // A tap anywhere; x, y in pixels from the top-left corner of the screen. on_button: the tap
    // hit a button or field, which never counts toward the gesture.
    void tap(float x, float y, float corner, bool on_button, Instant now);
    bool locked(Instant now) const { return now < locked_until; }
    // OK on the pad: the right PIN opens the menu; a wrong one counts toward the lockout.
    void submit(Instant now);
    void close_pad() {
        pad_open = false;
        typed.clear();
        last_wrong = false;
    }
};

} // namespace reception::kiosk
