#include "common/bounded_json.hpp"

#include <cstring>

namespace reception {
using nlohmann::json;

namespace {
// Thrown from the parser's callback: it stops the parse at once instead of reading on.
struct Refused {
    const char* why;
};
} // namespace

static bool has_nul(const json& v) {
    return v.is_string() && v.get_ref<const std::string&>().find('\0') != std::string::npos;
}

nlohmann::json parse_bounded_json(std::string_view text, std::string* why) {
    auto refuse = [&](const char* reason) {
        if (why) *why = reason;
        return json(json::value_t::discarded);
    };
    // A NUL can only be a string's end to some C code on the way: never legal here.
    if (std::memchr(text.data(), 0, text.size())) return refuse("the body holds a NUL byte");
    // depth is the number of arrays and objects around the one starting.
    auto check = [](int depth, json::parse_event_t event, json& parsed) {
        bool opens =
            event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
        if (opens && depth >= kMaxJsonDepth) throw Refused{"nested deeper than 64 levels"};
        if ((event == json::parse_event_t::key || event == json::parse_event_t::value) &&
            has_nul(parsed))
            throw Refused{"a string holds a NUL (\\u0000)"};
        return true;
    };
    try {
        json doc = json::parse(text, check, false); // strict: nothing may follow the document
        if (doc.is_discarded()) return refuse("the body is not one JSON document");
        return doc;
    } catch (const Refused& r) {
        return refuse(r.why);
    }
}

} // namespace reception
