// The public pages: what a visitor's phone opens from the QR code on a ticket or a sign-up
// receipt. Apart from the terminal API: their own path prefix (/p/), GET only, no credential,
// no body, their own rate limit per client address (rate_limit.hpp), and nothing personal: a
// ticket's page shows its number, service, place, estimated wait and desk; an application's its
// number, state, next step and reception, the applicant by initials (docs/public-pages.md).
//   GET /p/t/CODE?l=kk|ru                   the page (HTML)
//   GET /p/t/CODE/live?l=kk|ru&since=HEAD   its changing part (JSON {"html", "head"}), after
//                                           a long-poll for news of the room past HEAD
//   GET /p/a/CODE?l=kk|ru                   an application's status (HTML)
//   GET /p/a?l=kk|ru[&c=CHECK-CODE]         the form for the receipt's check code, and its answer
// An unknown code is answered like a ticket not synced yet (the page says so and refreshes),
// so a guess learns nothing; a malformed one is 404.
#pragma once

#include "server/api.hpp"

#include <string_view>

namespace reception {

bool is_public_path(std::string_view target);
// The answer to a public request (its method, no credential asked). Throws HttpError.
Reply public_page(ServerCore& core, ServerStore& reader, const Request& req, Instant now);
// 429 over the public limit: a short page in both languages saying to try again later.
Reply public_refusal(int status, int retry_after_s);

} // namespace reception
