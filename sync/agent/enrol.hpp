// Enrolment: a terminal exchanges the one-time code an administrator gave it for its own
// credential, and keeps what it needs to reach the server in the store's meta table.
#pragma once

#include "agent/client.hpp"
#include "store/store.hpp"

#include <string>

namespace reception {

// Exchanges an enrolment code for this store's credential; writes the server, CA, pin, token,
// terminal id, room and ticket series into meta. Returns "" or the reason it failed.
std::string enrol_store(Store& store, const std::string& url, const std::string& ca_pem,
                        const std::string& pin, const std::string& code);

// A terminal moved to a new server address, a new CA or a new pin (the server's certificate
// renewed under another CA, the server moved) keeps its credential, its outbox and its cursor:
// the new way is tried first (/v1/whoami with the stored token must answer as this terminal)
// and written only when it works. Empty url, ca_pem or pin keep the stored one; pin "none"
// drops the pin. Returns "" or the reason nothing was changed.
std::string repoint_store(Store& store, const std::string& url, const std::string& ca_pem,
                          const std::string& pin);

// Token rotation (the server's side is in sync/server/auth.hpp): asks for a new token with the
// stored one, keeps the new one in the store marked unconfirmed — one transaction, so the store
// always holds a token that works — then confirms it with the server, which voids the old one.
// Returns "" or the reason it failed; when only the confirm failed, the new token already works
// and the running agent confirms it later (confirm_rotated_token).
std::string rotate_store_token(Store& store);
// Confirms a rotated token the server has not yet heard confirmed; "" when there was none or it
// went through, else the reason (tried again later).
std::string confirm_rotated_token(Store& store, HttpClient& client);

// How to reach the server, as enrolment stored it.
ClientConfig client_config(Store& store);

} // namespace reception
