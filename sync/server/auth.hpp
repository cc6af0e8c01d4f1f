// Terminals, their roles, enrolment codes and credentials (server side).
// An administrator registers a terminal (room, kind) and gets a one-time enrolment code; the
// terminal exchanges the code for its own bearer token. The server keeps only SHA-256 hashes
// of codes and tokens: a copy of its store gives nobody a working credential.
#pragma once

#include "base/date.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reception {

class ServerStore;

// What a terminal may do (docs/sync.md, "Roles"):
//  kiosk   creates tickets and applications, changes only what it created, reads its room's
//          tickets and nothing personal;
//  console reads and writes everything of its room;
//  board   reads its room's ticket numbers and states only, writes nothing.
// Reader: the control subdivision's and the reports' credential (reg-34, reg-39, reg-40): reads
// every room of its region (its "room" is the region's name, region_rooms the rooms), writes
// nothing.
enum class TerminalRole { Kiosk, Console, Board, Reader };
const char* to_code(TerminalRole r);
bool from_code(std::string_view code, TerminalRole* out);

struct Terminal {
    std::string name; // "K1": unique on the server, also the store's terminal_id
    std::string room;
    TerminalRole role = TerminalRole::Kiosk;
    std::string series; // ticket number series in the room ("2" -> "A2-017"); empty for boards
};

// Randomness and hashing (OpenSSL).
std::string random_hex(size_t bytes);
std::string sha256_hex(std::string_view data);
// "ABCD-EFGH-JKLM": 60 random bits from an alphabet without look-alike characters.
std::string new_enrolment_code();

// Registers a terminal and returns its one-time code (valid 24 hours). A name already used is
// refused (StoreError "terminal_exists"); registering again after a code expired is allowed.
std::string register_terminal(ServerStore& db, const Terminal& t, Instant now);
// Exchanges a code for a token: nullopt when the code is unknown, used or expired.
struct Credential {
    Terminal terminal;
    std::string token;
};
std::optional<Credential> redeem_enrolment_code(ServerStore& db, std::string_view code,
                                                Instant now);
std::optional<Terminal> find_terminal_by_token(ServerStore& db, std::string_view token);

// Token rotation (operations; no regulation item asks for it). A terminal asks for a new token with
// its current one; the server keeps the new token's hash as the *next* one, and both work until the
// terminal presents the new one to confirm: then the old one stops working on every instance
// (credentials_version moves). An answer lost on the way never locks a terminal out: it still
// holds a working token and asks again (the new next replaces the unused one). A thief who
// copied the old token cannot rotate the terminal out for long either: the terminal's next
// rotation or confirm fails with 401, which staff see, and the administrator revokes.
std::string begin_token_rotation(ServerStore& db, const Terminal& t);
// token is the one the request came with. True when it was the next one and is now the only
// one; false when it already was the current one (a confirm sent twice: nothing to do).
bool confirm_token_rotation(ServerStore& db, const Terminal& t, std::string_view token);

// Shuts a terminal out (a stolen or replaced kiosk): its token and any pending code stop
// working at once, also on a running server (credentials_version moves, and the server drops
// its cache of tokens). The name stays taken: its history on the server keeps naming it, and a
// replacement is registered under a new name. StoreError "terminal_unknown" when there is none.
void revoke_terminal(ServerStore& db, const std::string& name);
// Moves each time a credential is revoked; the server re-reads tokens when it changes.
long long credentials_version(ServerStore& db);

struct TerminalRow {
    Terminal terminal;
    std::string state; // "code_pending", "enrolled" or "revoked"
    std::string enrolled_at;
};
std::vector<TerminalRow> list_terminals(ServerStore& db);

} // namespace reception
