#include "server/form_fields.hpp"

#include <charconv>

namespace reception {

// Calls take(key, value) for each "key=value" of the query, raw, until it returns false.
template <class Take> static void each_pair(std::string_view query, Take&& take) {
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        size_t eq = pair.find('=');
        if (eq != std::string_view::npos && !take(pair.substr(0, eq), pair.substr(eq + 1))) return;
        if (amp == std::string_view::npos) return;
        query = query.substr(amp + 1);
    }
}

std::string query_param(std::string_view query, std::string_view key) {
    std::string found;
    each_pair(query, [&](std::string_view k, std::string_view v) {
        if (k != key) return true;
        found = std::string(v);
        return false;
    });
    return found;
}

std::string form_value(std::string_view v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '+') {
            out += ' ';
        } else if (v[i] == '%' && i + 2 < v.size()) {
            int byte = 0;
            auto r = std::from_chars(v.data() + i + 1, v.data() + i + 3, byte, 16);
            if (r.ptr != v.data() + i + 3) return "";
            out += char(byte);
            i += 2;
        } else {
            out += v[i];
        }
    }
    return out;
}

std::map<std::string, std::string> form_fields(std::string_view query) {
    std::map<std::string, std::string> out;
    each_pair(query, [&](std::string_view k, std::string_view v) {
        out.emplace(form_value(k), form_value(v));
        return true;
    });
    return out;
}

} // namespace reception
