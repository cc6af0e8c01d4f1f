// What the tests share: a fresh temporary folder, the real profile and calendar.
#pragma once

#include "base/i18n.hpp"
#include "cases/reception_protocol.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace reception::test {

// A folder under /tmp removed when the object goes away.
struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
    std::filesystem::path operator/(const std::string& name) const { return path / name; }
};

const RegulationProfile& profile(); // assets/regulations/khromtau-2023-133.json
const WorkCalendar& calendar();     // assets/calendar/*.json
const Catalog& catalog();           // assets/i18n/*.json
std::filesystem::path assets();

// A new store in a temp folder, with terminal id "K1".
struct TestStore {
    TempDir dir;
    std::unique_ptr<Store> store;
    TestStore();
    Store& operator*() { return *store; }
    Store* operator->() { return store.get(); }
};

// A local (UTC+5) date and time as an instant: at(2026, 3, 20, 10, 30).
Instant at(int y, unsigned m, unsigned d, int hour = 10, int minute = 0);
Date day(int y, unsigned m, unsigned d);
// A reception held with the identity document seen (reg-10) and the protocol's own fields
// (reg-23) filled, no instructions: what hold_reception needs for an application in a session.
ReceptionHeld checked_reception(const std::string& application_uuid);

// Runs a command, returns its exit code; its stdout goes to *out when given.
int run_command(const std::string& cmd, std::string* out = nullptr);

} // namespace reception::test
