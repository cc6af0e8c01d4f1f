// When the store fails under the kiosk (disk full, a read-only file, a damaged page, a store
// locked too long): the visitor sees "out of order, please ask staff" in Kazakh and Russian,
// staff read the reason on the same screen and in the log, and the kiosk tries a small write
// every few seconds and comes back by itself when the store works again. Nothing a visitor
// did is half-written: every intent is one transaction, rolled back on the error.
#pragma once

#include "base/date.hpp"
#include "base/i18n.hpp"
#include "store/store.hpp"
#include "ui/touch.hpp"

#include <string>

namespace reception::kiosk {

struct OutOfOrder {
    static constexpr std::chrono::seconds kProbeEvery{3};
    bool active = false;
    std::string code;   // store_full, store_read_only, store_corrupt, store_busy, store_io, ...
    std::string detail; // SQLite's own words, for staff
    Instant since{}, next_probe{};

    // Records the failure (once per failure) and logs it for staff.
    void fail(const std::string& error_code, const std::string& what, Instant now);
    // A small write in a transaction; true (and inactive) when the store works again.
    bool probe(Store& store, const std::string& kiosk_id, Instant now);
};

void draw_out_of_order(const Catalog& texts, ui::Ui& ui, const OutOfOrder& o);

} // namespace reception::kiosk
