// Client-generated identities (docs/architecture.md principle 2): random UUIDs from libuuid.
#pragma once
#include <string>

namespace reception {
std::string new_uuid(); // "1b4e28ba-2fa1-11d2-883f-0016d3cca427", lower case
bool is_uuid(const std::string& s);
} // namespace reception
