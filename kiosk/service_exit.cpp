#include "service_exit.hpp"

namespace reception::kiosk {

void ServiceExit::tap(float x, float y, float corner, Instant now) {
    if (pin.empty()) return;
    if (x > corner || y > corner) {
        taps = 0;
        return;
    }
    if (taps == 0 || now - first_tap > std::chrono::seconds(3)) {
        taps = 0;
        first_tap = now;
    }
    if (++taps >= 5) {
        taps = 0;
        pad_open = true;
        typed.clear();
    }
}

} // namespace reception::kiosk
