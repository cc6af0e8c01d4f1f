// How two versions of one record are ordered (docs/sync.md, "Conflicts"). The server and every
// terminal apply the same order, so whatever order changes arrive in, all converge on the
// greatest version:
//  - tickets: the state moves forward only (waiting < called < serving < done | no_show |
//    transferred); within one state the later update wins (a recall, a removed category);
//  - applications and other records: the later update wins (updated_at), whole record;
//  - events: created once, never changed, so never in conflict.
// Ticket ties (same rank and time) are broken by state and desk. A full tie (one terminal
// changing a record twice in one second: the version counts seconds) goes to the change that
// comes later: the server takes one terminal's ops in order, and every terminal applies the
// server's feed in its order, so all still converge on what the server holds.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace reception {

struct Version {
    int rank = 0;           // tickets: position of the state; others 0
    std::string updated_at; // ISO-8601 UTC text: compares in time order
    std::string tiebreak;
};

int ticket_rank(std::string_view state); // -1 for an unknown state
// The version a payload carries (tickets, applications, anything with updated_at).
Version version_of(std::string_view entity, const nlohmann::json& payload);
// The version of a local row, from the columns it keeps.
Version ticket_version(std::string_view state, std::string_view updated_at, std::string_view desk);
Version record_version(std::string_view updated_at, std::string_view state,
                       std::string_view assigned_to);
// True when a is greater than b: a replaces b.
bool newer(const Version& a, const Version& b);

} // namespace reception
