// Staff accounts of the console: a personal login, a role that decides which screens one sees,
// and a password kept only as an argon2id hash (password.hpp). Every action in the history
// names its actor by the login, so the history says who did it.
#pragma once

#include "base/date.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reception {

enum class StaffRole { Operator, DeskClerk, Responsible, Admin };
const char* to_code(StaffRole r); // operator, desk_clerk, responsible, admin
bool from_code(std::string_view code, StaffRole* out);

struct StaffAccount {
    std::string uuid;
    std::string login;     // a-z, 0-9, '.', '_', '-'; 1-32 characters
    std::string full_name; // as on the receipt of APPC art. 64
    std::string position;
    StaffRole role = StaffRole::Operator;
    bool active = true;
    Instant updated_at{};
};

struct NewStaff {
    std::string login, full_name, position, password;
    StaffRole role = StaffRole::Operator;
};

// Passwords shorter than this are refused.
constexpr size_t kMinPasswordChars = 8;

// Creates an account. Throws InputError (nothing saved): login empty / bad_login /
// login_taken, full_name (a name check), password password_too_short / too_long.
StaffAccount create_staff(Store& store, const NewStaff& s, const std::string& actor, Instant now);
// Sets a new password (the administrator's reset). Throws InputError as create_staff does, or
// ("login", "staff_not_found").
void set_staff_password(Store& store, const std::string& login, const std::string& password,
                        const std::string& actor, Instant now);

std::optional<StaffAccount> find_staff(Store& store, const std::string& login);
std::vector<StaffAccount> list_staff(Store& store);
bool has_staff(Store& store);

// Checks the password and records the sign-in. Throws InputError("password", "sign_in_failed")
// for an unknown login, a wrong password or a disabled account alike, so the message tells a
// guesser nothing about which logins exist.
StaffAccount sign_in(Store& store, const std::string& login, const std::string& password,
                     Instant now);
void record_sign_out(Store& store, const StaffAccount& who, Instant now);

} // namespace reception
