// reg-37: who handles an application. A handler is a staff account (staff/staff.hpp), named by
// its login; an application from a personal reception (reg-36) may not go to anyone who
// handled it, or the same applicant's earlier applications, before.
#pragma once

#include "base/domain.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace reception {

// Everyone the application may not be given to, oldest first, each once: the employee named at
// the desk as having handled the issue before (previous_handler), every employee it was
// assigned to before its present one (A -> B -> A is refused), and, for an application handed
// in at a personal reception, whoever handled the applicant's earlier applications (the same
// IIN). Logins, or a name typed before handlers were accounts, as recorded.
std::vector<std::string> earlier_handlers(Store& store, const Application& a);

// Refuses a handler (InputError, nothing written): field "assigned_to", code empty,
// staff_not_found (no account with this login), staff_inactive (the account is disabled), or
// reassign_previous_handler (one of earlier_handlers).
void check_new_handler(Store& store, const Application& a, const std::string& login);

// The employee named at registration as having handled the issue before must be an account
// too: InputError("previous_handler", "staff_not_found") otherwise. Empty is fine.
void check_previous_handler(Store& store, const std::string& login);

// What to show for a handler: "Full Name (login)" for an account, or the text as it was
// recorded when it is none (a typed name from before; it stays readable).
std::string handler_label(Store& store, const std::string& handler);

} // namespace reception
