#include "uuid.hpp"

#include <uuid/uuid.h>

namespace reception {

std::string new_uuid() {
    uuid_t id;
    uuid_generate_random(id);
    char text[37];
    uuid_unparse_lower(id, text);
    return text;
}

bool is_uuid(const std::string& s) {
    uuid_t id;
    return s.size() == 36 && uuid_parse(s.c_str(), id) == 0;
}

} // namespace reception
