#include "base/uuid.hpp"

#include <chrono>
#include <uuid/uuid.h>

namespace reception {

// libuuid's random generator (getrandom) fills the bits; the first 48 are then replaced by the
// time and the version nibble set to 7. The variant bits of a random UUID are already RFC 9562.
std::string new_uuid() {
    uuid_t id;
    uuid_generate_random(id);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
    for (int i = 0; i < 6; ++i) id[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    id[6] = static_cast<unsigned char>((id[6] & 0x0f) | 0x70);
    char text[37];
    uuid_unparse_lower(id, text);
    return text;
}

std::string random_id(int hex_digits) {
    uuid_t id;
    uuid_generate_random(id);
    char text[37];
    uuid_unparse_lower(id, text);
    std::string out;
    // Skip the version and variant digits (positions 14 and 19), which are fixed.
    for (int i = 0; i < 36 && int(out.size()) < hex_digits; ++i)
        if (text[i] != '-' && i != 14 && i != 19) out += text[i];
    return out;
}

bool is_uuid(const std::string& s) {
    uuid_t id;
    return s.size() == 36 && uuid_parse(s.c_str(), id) == 0;
}

} // namespace reception
