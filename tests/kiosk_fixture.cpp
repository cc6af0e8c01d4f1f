#include "kiosk_fixture.hpp"

#include "schedule/schedule.hpp"

#include <fstream>

namespace reception::test {

std::unique_ptr<kiosk::KioskModel>
kiosk_on_demo_schedule(TestStore& s, const kiosk::KioskConfig& cfg, Instant now) {
    std::ifstream in(assets() / "demo/schedule.json");
    load_schedule(*s, profile(), calendar(), nlohmann::json::parse(in), now);
    return std::make_unique<kiosk::KioskModel>(*s, profile(), calendar(), catalog(), cfg);
}

Kiosk::Kiosk(const std::function<void(kiosk::KioskConfig&)>& configure) {
    if (configure) configure(cfg);
    m = kiosk_on_demo_schedule(s, cfg, now);
    m->printer = [this](const print::Raster& r) {
        printed.push_back(r);
        return printer_works ? print::PrintResult{true, ""}
                             : print::PrintResult{false, "paper out"};
    };
    m->say = [this](const kiosk::Announcement& a) { said.push_back(a); };
    m->hush = [this] {
        ++hushes;
        said.clear();
    };
    ui::apply_theme(1.0f);
    m->touched(now); // the visitor is at the screen from the first step
    frame();
}

void Kiosk::frame() {
    m->refresh_print(); // the print worker's news, as the kiosk's loop takes it
    draw_headless_frame(ui, [this] { kiosk::draw_kiosk(*m, ui, st, now); });
}

bool Kiosk::tap(const std::string& label) {
    if (!tap_label(ui, label, [this] { frame(); })) return false;
    m->touched(now);
    return true;
}

void Kiosk::scroll_down(float dy) {
    drag_up(960, 800, dy, [this] { frame(); });
    m->touched(now);
}

std::string Kiosk::heard(Lang l) const {
    std::string out;
    for (const auto& a : said)
        if (a.lang == l) out += a.text + "\n";
    return out;
}

} // namespace reception::test
