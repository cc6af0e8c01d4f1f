#include "console_context.hpp"

#include "cases/applications.hpp"

#include <cstdio>

namespace reception::console {

bool run_action(FieldErrors& errors, const std::function<void()>& action, const char* store_field) {
    try {
        action();
        return true;
    } catch (const InputError& e) {
        errors[e.field] = e.code;
    } catch (const StoreError& e) {
        errors[store_field] = e.code;
    }
    return false;
}

std::string error_text(const Catalog& texts, Lang lang, const std::string& field,
                       const std::string& code) {
    std::string sharp = "error." + field + "." + code;
    if (!field.empty() && texts.has(Lang::en, sharp)) return texts.text(lang, sharp);
    std::string plain = "error." + code;
    if (texts.has(Lang::en, plain)) return texts.text(lang, plain);
    // A code nobody translated yet: say something true, and name the code for the log.
    return texts.format(lang, "error.unexpected", {{"code", code}});
}

} // namespace reception::console
