// The project's one error vocabulary. Two kinds, one meaning each; every program catches them at
// its one boundary (the console's run_action, the kiosk's loop, the server's request handler)
// and says them in the user's language from their code.
//
//  - InputError: what a person or a terminal gave is refused. It names the field and a
//    translation code ("error." + code). Nothing has been written when it is thrown.
//  - StoreError: the store, or a data file the program runs on (a regulation profile, a
//    calendar year, the translations), could not do what was asked: a full disk, a damaged
//    page, a busy lock, a file that is not what it should be. code is a translation key suffix
//    ("error." + code), args fill its placeholders, what() is for the log.
//
// A bug (a broken invariant) is neither: it stays std::logic_error and ends the program.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace reception {

struct InputError : std::runtime_error {
    std::string field, code;
    InputError(std::string field_, std::string code_)
        : std::runtime_error(field_ + ": " + code_), field(std::move(field_)),
          code(std::move(code_)) {}
};

struct StoreError : std::runtime_error {
    std::string code;
    std::map<std::string, std::string> args; // placeholders for the translation
    StoreError(std::string code_, const std::string& message,
               std::map<std::string, std::string> args_ = {})
        : std::runtime_error(message), code(std::move(code_)), args(std::move(args_)) {}
};

} // namespace reception
