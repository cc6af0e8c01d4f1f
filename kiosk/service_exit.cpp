#include "service_exit.hpp"

namespace reception::kiosk {

void ServiceExit::tap(float x, float y, float corner, bool on_button, Instant now) {
    if (pin.empty() || pad_open || menu_open) return;
    if (x > corner || y > corner || on_button) {
        taps = 0;
        return;
    }
    if (taps == 0 || now - first_tap > std::chrono::seconds(3)) {
        taps = 0;
        first_tap = now;
    }
    if (++taps >= 5) {
        taps = 0;
        if (locked(now)) return;
        pad_open = true;
        typed.clear();
        last_wrong = false;
    }
}

void ServiceExit::submit(Instant now) {
    if (locked(now)) {
        close_pad();
        return;
    }
    if (!pin.empty() && typed == pin) {
        wrong = 0;
        close_pad();
        menu_open = true;
        return;
    }
    typed.clear();
    last_wrong = true;
    if (++wrong >= kTries) {
        wrong = 0;
        locked_until = now + kLockout;
        close_pad();
    }
}

} // namespace reception::kiosk
