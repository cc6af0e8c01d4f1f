#include "console_context.hpp"

#include <cstdio>

namespace reception::console {

std::string error_text(const Catalog& texts, Lang lang, const std::string& field,
                       const std::string& code) {
    std::string sharp = "error." + field + "." + code;
    if (!field.empty() && texts.has(Lang::en, sharp)) return texts.text(lang, sharp);
    std::string plain = "error." + code;
    if (texts.has(Lang::en, plain)) return texts.text(lang, plain);
    // A code nobody translated yet: say something true, and name the code for the log.
    return texts.format(lang, "error.unexpected", {{"code", code}});
}

std::string dotted_date(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", unsigned(d.day()), unsigned(d.month()),
                  int(d.year()));
    return buf;
}

std::string hhmm(int minute_of_day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return buf;
}

std::string local_time_text(Instant t) {
    return dotted_date(local_date(t)) + " " + hhmm(local_minute_of_day(t));
}

} // namespace reception::console
