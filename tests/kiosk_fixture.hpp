// One kiosk as the headless kiosk tests drive it: a fresh store with the demo officials, a
// 1080p screen with no window (both sets of fonts, so large text can be tried), a printer
// that works until told otherwise, and a voice that records what it is told to say.
#pragma once

#include "headless_ui.hpp"
#include "test_support.hpp"

#include "announce.hpp"
#include "kiosk_model.hpp"
#include "screens/screens.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace reception::test {

// The demo officials' schedule loaded into s at now, and a kiosk model on s with cfg.
std::unique_ptr<kiosk::KioskModel>
kiosk_on_demo_schedule(TestStore& s, const kiosk::KioskConfig& cfg, Instant now);

struct Kiosk {
    TestStore s;
    kiosk::KioskConfig cfg;
    std::unique_ptr<kiosk::KioskModel> m;
    std::vector<print::Raster> printed;
    bool printer_works = true;
    std::vector<kiosk::Announcement> said; // since the last hush
    int hushes = 0;
    ui::Ui ui;
    HeadlessScreen screen{ui, 1920, 1080, 1.0f, false, true};
    kiosk::ScreenState st;
    Instant now = at(2026, 3, 16, 10, 0);

    // configure: what the test changes of the kiosk's configuration before it starts.
    explicit Kiosk(const std::function<void(kiosk::KioskConfig&)>& configure = {});
    void frame();
    // Press and release on the button with this label; false when no such button is shown.
    bool tap(const std::string& label);
    // A finger's drag up the middle of the screen by dy pixels: a long screen scrolls down.
    void scroll_down(float dy);
    // Everything said since the last hush, in one language, a line per announcement.
    std::string heard(Lang l) const;
};

} // namespace reception::test
