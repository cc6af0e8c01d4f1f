// The demo room: on a demo store (a file named demo.db, as scripts/demo makes, or --demo) with
// no staff the console makes one account per role with the documented password "demo-<login>"
// (docs/console.md); on a store with no officials it loads assets/demo/schedule.json, as the
// kiosk does. A production store never gets these accounts without being asked.
#pragma once

#include "staff/staff.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace reception {
struct RegulationProfile;
class WorkCalendar;
} // namespace reception

namespace reception::console {

struct DemoAccount {
    std::string login, password;
    StaffRole role;
};

// Whether a store file is the demo room's (its name is demo.db).
bool is_demo_store(const std::filesystem::path& file);
// Creates the demo accounts when the store has no staff at all; returns what it created (empty
// when there were accounts already).
std::vector<DemoAccount> create_demo_accounts(Store& store, Instant now);
void load_demo_schedule_if_empty(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, Instant now);
// A password of 12 letters and digits without look-alikes (no 0/O, 1/l/I).
std::string random_password();

} // namespace reception::console
