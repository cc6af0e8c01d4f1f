// Making a staff account from the command line: the room's first administrator, or a new
// colleague. The password is read from standard input, so it stays out of the shell history
// and the process list.
#pragma once

#include "staff/staff.hpp"
#include "store/store.hpp"

#include <iosfwd>
#include <string>

namespace reception::console {

struct StaffCli {
    std::string login, full_name, position, role = "operator";
};

// Reads the password (one line) from password_in and creates the account; the history names
// actor as who made it. Returns 0 and says what was made on out, or 1 with the field and the
// reason when a check fails (nothing is saved then).
int add_staff_from_cli(Store& store, const StaffCli& s, std::istream& password_in,
                       std::ostream& out, const std::string& actor, Instant now);

} // namespace reception::console
