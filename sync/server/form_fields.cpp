#include "server/form_fields.hpp"

#include <charconv>

namespace reception {

std::string query_param(std::string_view query, std::string_view key) {
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == key)
            return std::string(pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        query = query.substr(amp + 1);
    }
    return "";
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
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        size_t eq = pair.find('=');
        if (eq != std::string_view::npos)
            out.emplace(form_value(pair.substr(0, eq)), form_value(pair.substr(eq + 1)));
        if (amp == std::string_view::npos) break;
        query = query.substr(amp + 1);
    }
    return out;
}

} // namespace reception
