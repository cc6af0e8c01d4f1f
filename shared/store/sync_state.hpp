// What the apps show about sync ("last sync time, pending changes; staff see more"):
// read from the store, so a kiosk shows it whichever process runs the agent. In the core
// library, not in sync/: it has no network code, and an app built without sync/ still links.
#pragma once

#include "base/i18n.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>

namespace reception {

// Settings the agent keeps in the store's meta table (written at enrolment).
namespace sync_key {
inline constexpr const char* url = "sync_url";
inline constexpr const char* ca_pem = "sync_ca_pem";
inline constexpr const char* pin = "sync_pin";
inline constexpr const char* token = "sync_token";
inline constexpr const char* room = "sync_room";
inline constexpr const char* kind = "sync_kind";
inline constexpr const char* cursor = "sync_cursor";
inline constexpr const char* last_ok = "sync_last_ok";
inline constexpr const char* last_error = "sync_last_error";
inline constexpr const char* last_error_at = "sync_last_error_at";
// What kind of error last_error is, so staff read it in their language (sync.error.<kind>):
// offline, certificate, credential, clock, server, refused, answer, pulled_change. Empty with
// last_error for an error of another kind (shown as it is).
inline constexpr const char* last_error_kind = "sync_last_error_kind";
// Token rotation (sync/agent/enrol.hpp): when the token was last replaced, and "1" while the
// server has not yet heard the new one confirmed (the agent confirms it).
inline constexpr const char* token_rotated_at = "sync_token_rotated_at";
inline constexpr const char* token_unconfirmed = "sync_token_unconfirmed";
} // namespace sync_key

struct SyncState {
    bool enrolled = false; // a credential is in the store
    std::string server;    // base URL
    std::string terminal;  // this terminal's name on the server
    std::string room, kind;
    std::optional<Instant> last_sync; // last push or pull the server answered
    long long pending = 0;            // outbox ops not yet accepted by the server
    long long dead_letters = 0;       // ops the server rejected (staff must look)
    // Ops the server answered "superseded" (it had a newer version: this change is not in
    // force) in the agent's journal, the last 30 days; and the newest: "entity uuid at time".
    long long superseded = 0;
    std::string last_superseded;
    std::string last_error;      // empty when the last attempt went through
    std::string last_error_kind; // sync_key::last_error_kind
    std::optional<Instant> last_error_at;
    std::optional<Instant> token_rotated_at; // never rotated: the token from enrolment
    bool token_unconfirmed = false;
};

SyncState read_sync_state(Store& store);

// One line for the status bar: "Synced: 10:42 · waiting to send: 3"; staff also see rejected
// changes and the last error, in their language when its kind is known (the technical words
// stay for `reception-syncd status`). Empty for a visitor's screen when the terminal is not
// enrolled (a kiosk working alone has nothing to say about a server).
std::string sync_status_text(const SyncState& s, const Catalog& texts, Lang lang, bool staff);

} // namespace reception
