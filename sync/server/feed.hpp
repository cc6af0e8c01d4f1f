// Pull: the server's change feed after a cursor, filtered by what the terminal may see.
#pragma once

#include "server/auth.hpp"
#include "server/server_store.hpp"

#include <nlohmann/json.hpp>

namespace reception {

// Up to limit changes after the cursor of the terminal's room:
//  console: every entity; kiosk and board: the public view of each change (public_view).
// When the page is not full the cursor moves to the room's feed head.
//
// Snapshot, then tail: a cursor below the room's floor (a new or replaced terminal, one offline
// for longer than the feed is kept, `reception-server prune --feed-days`) gets the room's
// current records instead, page by page in key order (kind "snapshot", each at the seq of the
// head when the snapshot began; the cursor says where it is), then the feed from that head. A
// record changed meanwhile comes in the snapshot and again in the tail: applying is
// idempotent, the newer version wins. So the feed can be pruned, and a terminal enrolled after
// the pruning converges on the same records as an old one.
FeedPage read_feed(ServerStore& db, const Terminal& t, const Cursor& from, int limit);

// What a board may see of a ticket ("a board reads ticket numbers only").
nlohmann::json board_view(const nlohmann::json& ticket);
// What a kiosk or a board pulls of a change, as stored on push: a ticket's board view; a room,
// an official or a session as it is (the public schedule, reg-7); "" for everything else
// (applications, events, notices, staff ...: personal data, never on a machine in the hall).
std::string public_view(const std::string& entity, const nlohmann::json& payload);
// Records no terminal pulls, not even a console: a visitor's phone number left for a turn text
// (queue/turn_text.hpp) is the server's to use, and stays out of the feed and the snapshots.
bool pulled_by_no_terminal(std::string_view entity);

} // namespace reception
