// Numbers people read — ticket numbers ("A2-017") and registration numbers ("K1-2026-00042",
// "OP-K1-2026-0001") — are labels unique in a room, and each belongs to the terminal that made
// it: its series (tickets) or its name (applications), given at enrolment. A terminal that
// takes another's number would leave a visitor with a ticket no desk calls, or an application
// missing on every other console.
#pragma once

#include "server/push.hpp"

#include <string>

namespace reception {

class ServerStore;

// "A2-017" is of series "2": the service letters, the series, a dash and the serial. "A-017",
// of no series, was made before the store was enrolled: no other terminal's, so taken too.
bool in_ticket_series(const std::string& number, const std::string& series);
// The terminal of "K1-2026-00042" and "OP-K1-2026-0001" ("K1"); "" when not of that shape.
std::string reg_number_terminal(const std::string& number);

// Binds a new ticket's number to its UUID in the room and day; false when another ticket has
// it. A transferred ticket keeps its number and claims nothing.
bool claim_ticket_number(ServerStore& db, const PushOp& op);

// Binds an application's registration (and oral protocol) number to its UUID in the room.
// Returns "" or the reason the op is rejected ("reg_number_taken"). Throws HttpError 403 when a
// terminal registers under another registered terminal's name (a name no terminal has is the
// store's own from before its enrolment), or changes a number once given.
std::string claim_reg_numbers(ServerStore& db, const Terminal& t, const PushOp& op, bool exists,
                              const std::string& stored_payload);

} // namespace reception
