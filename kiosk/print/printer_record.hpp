// The printer's state kept in the store for staff: the kiosk's small grey line and the console
// read it. One meta row per kiosk, "printer.<kiosk_id>", holding what the last job found:
// {"state": "paper_out", "detail": "paper out", "paper_near_end": false, "time": "...Z"}.
// state is a status code (printer.hpp: ready, paper_out, cover_open, offline, no_answer) or
// "failed" (the printer took part of a job and then stopped).
#pragma once

#include "base/i18n.hpp"
#include "print/print_worker.hpp"
#include "store/store.hpp"

#include <string>

namespace reception::kiosk {

std::string printer_meta_key(const std::string& kiosk_id);
// The state a finished job leaves for staff: "failed" or the status's code.
std::string printer_record_state(const print::JobReport& r);
// Writes the row when the state or paper_near_end changed, so "time" says since when; true
// when it wrote.
bool record_printer(Store& store, const std::string& kiosk_id, const print::JobReport& r,
                    Instant at);
// The staff line, "Принтерде қағаз бітті (10:42)"; "" when the printer is fine, answers no
// status, or was never used.
std::string printer_staff_text(Store& store, const std::string& kiosk_id, const Catalog& texts,
                               Lang lang);

} // namespace reception::kiosk
