#include "regulation/terminal_data.hpp"

#include "base/assets.hpp"

#include <cstdlib>
#include <iostream>

namespace reception {

TerminalData load_terminal_data(Instant now) {
    TerminalData d;
    auto profiles = load_profiles(assets_dir() / "regulations");
    d.profile = profile_for(profiles, local_date(now), &d.profile_expired);
    // Each application keeps the profile it was registered under (terms.md): all of them stay.
    d.profile.loaded_with = std::make_shared<const std::vector<RegulationProfile>>(profiles);
    d.cal = WorkCalendar::load_dir(assets_dir() / "calendar");
    d.texts = Catalog::load_dir(assets_dir() / "i18n");
    d.warnings = rule_warnings(d.profile, d.cal, local_date(now));
    for (const auto& w : d.warnings)
        std::cerr << "warning: " << warning_text(w, d.texts, Lang::en) << "\n";
    return d;
}

std::filesystem::path default_store_path() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base = xdg && *xdg ? std::filesystem::path(xdg)
                                 : home      ? std::filesystem::path(home) / ".local/share"
                                             : std::filesystem::path("/tmp");
    return base / "reception" / "kiosk.db";
}

std::unique_ptr<Store> open_terminal_store(const std::filesystem::path& file) {
    // "--store kiosk.db" has no folder to make (create_directories("") throws).
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    return Store::open(file, OpenMode::CreateIfMissing);
}

} // namespace reception
