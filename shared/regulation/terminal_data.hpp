// What a terminal app (kiosk, board, console) opens at start: the regulation profile in force,
// the working-day calendar, the texts, and its store. One place, so the apps cannot drift apart
// (the kiosk once failed on "--store kiosk.db" where the console did not).
#pragma once

#include "base/date.hpp"
#include "base/i18n.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "regulation/rule_warnings.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <memory>

namespace reception {

struct TerminalData {
    RegulationProfile profile; // the one in force on the day of start, else the newest
    bool profile_expired = false;
    WorkCalendar cal;
    Catalog texts;
    std::vector<RuleWarning> warnings; // on the day of start (rule_warnings.hpp)
};

// From assets_dir(). Throws (std::exception) naming the file that is missing or wrong. Each
// warning is also written to standard error, so a kiosk's or a board's log has it; the console
// shows them to staff.
TerminalData load_terminal_data(Instant now);

// The store a terminal uses unless told otherwise: $XDG_DATA_HOME/reception/kiosk.db (else
// ~/.local/share/..., else /tmp/...). A kiosk and a console on one machine share it.
std::filesystem::path default_store_path();

// Opens the store, creating it and its folder when missing. Throws StoreError, or
// std::filesystem::filesystem_error when the folder cannot be made.
std::unique_ptr<Store> open_terminal_store(const std::filesystem::path& file);

} // namespace reception
