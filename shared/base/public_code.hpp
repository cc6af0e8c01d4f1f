// The code of a public link (a ticket's page on the visitor's phone): random, made on the
// terminal when the ticket is printed, so the link works for a ticket taken offline and needs
// no round trip to the server. It is the only key to the page: 80 bits from the kernel's
// generator, written in 16 lower-case base32 letters (a-z, 2-7), URL-safe and short enough for
// a small QR code. Nothing else is derived from it, and it is derived from nothing, so no
// terminal credential or other record can be found from a link.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace reception {

constexpr int kPublicCodeChars = 16; // 16 x 5 bits = 80 random bits

// n bytes from the kernel's generator (getrandom); throws std::runtime_error when it fails.
void random_bytes(unsigned char* out, size_t n);

std::string new_public_code();
// 16 letters of [a-z2-7]: what a link may carry (checked before any lookup).
bool is_public_code(std::string_view s);

// The link a ticket's QR code carries: BASE/t/CODE?l=LANG (BASE without a trailing slash, as
// the kiosk is configured; LANG kk or ru, the ticket's). The server serves the same paths.
std::string public_ticket_link(std::string_view base, std::string_view code, std::string_view lang);

// An application's status page (the sign-up receipt's QR code): BASE/a/CODE?l=LANG; and the
// page where its check code is typed by hand: BASE/a.
std::string public_application_link(std::string_view base, std::string_view code,
                                    std::string_view lang);
std::string public_lookup_link(std::string_view base);

// A check code as a person types it off the receipt ("ABCD-EFGH 2345 ..."), as a public code:
// letters folded to lower case, spaces and dashes dropped, the digits a reader takes for
// letters (0, 1, 8) read as the letters (o, l, b). "" when what is left is no public code.
std::string code_from_check_code(std::string_view typed);
// The code as the receipt prints it: upper case, in four groups of four ("ABCD-EFGH-...").
std::string check_code_of(std::string_view code);

} // namespace reception
