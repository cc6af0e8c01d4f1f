// Staff passwords: kept only as argon2id hashes (libargon2 from Debian), slow and salted, in
// the encoded form "$argon2id$v=19$m=...,t=...,p=...$salt$hash" that carries its own costs, so
// raising the costs later does not lock anyone out.
#pragma once

#include <string>
#include <string_view>

namespace reception {

// A hash of the password with a fresh random salt. Throws std::runtime_error when the system
// gives no random bytes or argon2 fails (never returns a weak hash instead).
std::string hash_password(std::string_view password);
// Whether the password matches the encoded hash; false for a malformed hash.
bool verify_password(const std::string& encoded, std::string_view password);

} // namespace reception
