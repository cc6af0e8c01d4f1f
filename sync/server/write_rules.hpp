// What each kind of terminal may write (docs/sync.md, "What a terminal may write").
//
// A kiosk stands in a public hall: assume it is stolen or tampered with. So the server believes
// nothing a terminal says about itself — the kiosk of a ticket, the actor of a kiosk's event, who
// accepted a kiosk's application come from the credential — and keeps each kind of terminal to
// the records, op kinds and event kinds it produces:
//  - kiosk: issues tickets (waiting, in its own series), registers applications (registered or
//    sent for correction, reg-6) with their events and reg-6 notice; changes nothing else;
//  - console: anything of its room, numbers it creates in its own series and name;
//  - board: nothing.
// A refusal is an HttpError 403: the whole batch is refused, and the agent then sends the batch
// one op at a time so that only the refused op goes to its dead letters.
#pragma once

#include "common/rules.hpp"
#include "server/push.hpp"
#include "server/server_store.hpp"

#include <string>

namespace reception {

ExistingRecord find_record(ServerStore& db, const std::string& entity, const std::string& uuid);

// Before the writer, from the op alone: the role's entities, op kinds and event kinds, the
// fields the credential decides (set here, in op.payload). Throws HttpError 403.
void check_role(const Terminal& t, PushOp& op, const std::string& where);

// In the writer, against what the server holds: rooms, who created a record, what an event or
// a notice is about. Throws HttpError 403.
void check_against_store(ServerStore& db, const Terminal& t, const PushOp& op,
                         const ExistingRecord& e);

} // namespace reception
