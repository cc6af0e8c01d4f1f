// The turn SMS on the server (shared/queue/turn_text.hpp has the visitor's side and the rule).
//
// A kiosk pushes a turn_text record for a waiting ticket it issued. The server watches it
// (srv_turn_watch) and, after every push that moves a ticket of the room, counts the people
// ahead of each watched ticket over the room's day (room_day_tickets, as the phone page does):
// at kTurnTextAhead or fewer its SMS is queued in srv_notice_deliveries under the turn_text's
// uuid and the watch ends; a watched ticket that no longer waits (called, gone) ends the watch
// without a text. The delivery worker sends it like a notice (delivery.cpp: a delivery whose
// uuid is a turn_text's), once, with retries; it is no case notice, so it goes into no feed.
#pragma once

#include "server/push.hpp"
#include "server/server_store.hpp"

namespace reception {

// write_rules.cpp: a kiosk's turn_text is of its room, for a waiting ticket it issued itself,
// with a Kazakh mobile number; a turn_text is never changed once pushed.
void check_kiosk_turn_text(const Terminal& t, const PushOp& op, const std::string& where);
void check_turn_text_ticket(ServerStore& db, const Terminal& t, const PushOp& op);

// After push applied an op (in its transaction): a new turn_text starts its watch; a ticket
// moved (anything but issued) checks the room's watches.
void on_turn_pushed(ServerStore& db, const Terminal& t, const PushOp& op, Instant now);

// Keeping: forgets the turn texts made before turn_texts_kept_from(now) (queue/turn_text.hpp).
// The delivery worker runs it once a day, and `reception-server prune` with the rest.
long long forget_turn_texts(ServerStore& db, Instant now);

} // namespace reception
