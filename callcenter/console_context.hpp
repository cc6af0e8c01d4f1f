// What every part of the console works with: the store, the rules, the texts, and this
// console's settings. The models (intake, lookup, desk, record) hold a reference to it.
#pragma once

#include "base/i18n.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "store/store.hpp"

#include <functional>
#include <map>
#include <string>

namespace reception::console {

struct ConsoleConfig {
    std::string room = "main"; // the room whose queue the desks call
    std::string accepted_where = "Қоғамдық қабылдау бөлмесі / Общественная приёмная";
    // The server's public pages (https://host/p), as the kiosks print them: the operator reads
    // a phone applicant the status page and its check code. "" when the room serves none.
    std::string public_url;
};

struct ConsoleContext {
    Store& store;
    const RegulationProfile& profile;
    const WorkCalendar& cal;
    const Catalog& texts;
    ConsoleConfig cfg;
};

// field -> error code, shown next to the field ("error." + code is the text).
using FieldErrors = std::map<std::string, std::string>;

// The text of an error code for a field: "error.<field>.<code>" when the catalogue has a
// sharper message for that field, else "error.<code>", else a general message naming the code.
std::string error_text(const Catalog& texts, Lang lang, const std::string& field,
                       const std::string& code);

// Runs one user action. A refusal (InputError) goes into errors as field -> code, a store that
// is busy, full or damaged (StoreError) under store_field; then it returns false, and nothing
// was written: every action is one transaction in the core.
bool run_action(FieldErrors& errors, const std::function<void()>& action,
                const char* store_field = "store");

} // namespace reception::console
