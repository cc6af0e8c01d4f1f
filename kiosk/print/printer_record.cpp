#include "printer_record.hpp"

#include <nlohmann/json.hpp>

namespace reception::kiosk {

std::string printer_meta_key(const std::string& kiosk_id) {
    return "printer." + kiosk_id;
}

std::string printer_record_state(const print::JobReport& r) {
    return r.state == print::JobState::Failed ? "failed" : print::status_code(r.status.state);
}

// A row that is not JSON (written by hand, or by a later version) reads as empty.
static nlohmann::json read_row(Store& store, const std::string& kiosk_id) {
    auto row = store.meta(printer_meta_key(kiosk_id));
    nlohmann::json j = row ? nlohmann::json::parse(*row, nullptr, false) : nlohmann::json{};
    return j.is_object() ? j : nlohmann::json::object();
}

bool record_printer(Store& store, const std::string& kiosk_id, const print::JobReport& r,
                    Instant at) {
    std::string state = printer_record_state(r);
    bool near_end = r.status.paper_near_end;
    nlohmann::json old = read_row(store, kiosk_id);
    if (old.value("state", "") == state && old.value("paper_near_end", false) == near_end)
        return false;
    nlohmann::json row = {{"state", state},
                          {"detail", state == "failed" ? r.error : r.status.detail},
                          {"paper_near_end", near_end},
                          {"time", format_instant(at)}};
    store.set_meta(printer_meta_key(kiosk_id), row.dump());
    return true;
}

std::string printer_staff_text(Store& store, const std::string& kiosk_id, const Catalog& texts,
                               Lang lang) {
    nlohmann::json row = read_row(store, kiosk_id);
    std::string state = row.value("state", "");
    if (state != "paper_out" && state != "cover_open" && state != "offline" && state != "failed") {
        if (!row.value("paper_near_end", false)) return "";
        state = "paper_near_end";
    }
    std::string line =
        texts.format(lang, "printer.state." + state, {{"detail", row.value("detail", "")}});
    if (auto since = parse_instant(row.value("time", "")))
        line += " (" + hhmm(local_minute_of_day(*since)) + ")";
    return line;
}

} // namespace reception::kiosk
