#include "common/protocol.hpp"

#include "base/date.hpp"

#include <charconv>

namespace reception {

// Cursor
// The snapshot's part: ENTITY:UUID, an entity name and a record's UUID (hex and dashes).
static bool parse_snapshot_key(std::string_view text, Cursor& c) {
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) return false;
    c.entity = std::string(text.substr(0, colon));
    c.uuid = std::string(text.substr(colon + 1));
    if (!is_entity_name(c.entity) || c.uuid.empty() || c.uuid.size() > 64) return false;
    for (char ch : c.uuid)
        if (!std::isxdigit((unsigned char)ch) && ch != '-') return false;
    return true;
}

std::optional<Cursor> parse_cursor(std::string_view text) {
    size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 64) return std::nullopt;
    Cursor c;
    c.epoch = std::string(text.substr(0, colon));
    std::string_view num = text.substr(colon + 1);
    size_t more = num.find(':');
    if (more != std::string_view::npos) {
        if (!parse_snapshot_key(num.substr(more + 1), c)) return std::nullopt;
        num = num.substr(0, more);
    }
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), c.seq);
    if (ec != std::errc() || end != num.data() + num.size() || c.seq < 0) return std::nullopt;
    for (char ch : c.epoch)
        if (!std::isalnum((unsigned char)ch)) return std::nullopt;
    return c;
}

std::string format_cursor(const Cursor& c) {
    std::string out = c.epoch + ":" + std::to_string(c.seq);
    if (!c.entity.empty()) out += ":" + c.entity + ":" + c.uuid;
    return out;
}

// Checks
bool is_entity_name(std::string_view s) {
    if (s.empty() || s.size() > 32) return false;
    for (char ch : s)
        if (!((ch >= 'a' && ch <= 'z') || ch == '_')) return false;
    return true;
}

bool is_instant_text(const nlohmann::json& v) {
    return v.is_string() && parse_instant(v.get_ref<const std::string&>()).has_value();
}

std::string format_terminal_counts(const TerminalCounts& c) {
    return "pending=" + std::to_string(c.pending) +
           "; dead_letters=" + std::to_string(c.dead_letters);
}

// "name=N" inside header, or -1.
static long long count_in(std::string_view header, std::string_view name) {
    size_t at = header.find(name);
    if (at == std::string_view::npos || (at > 0 && header[at - 1] != ' ' && header[at - 1] != ';'))
        return -1;
    std::string_view num = header.substr(at + name.size());
    long long n = -1;
    auto [end, ec] = std::from_chars(num.data(), num.data() + std::min<size_t>(num.size(), 12), n);
    return ec == std::errc() && n >= 0 ? n : -1;
}

TerminalCounts parse_terminal_counts(std::string_view header) {
    return {count_in(header, "pending="), count_in(header, "dead_letters=")};
}

std::string error_body(std::string_view code, std::string_view message) {
    return nlohmann::json{{"error", code}, {"message", message}}.dump();
}

nlohmann::json op_json(const std::string& op_id, const std::string& entity,
                       const std::string& entity_uuid, const std::string& kind,
                       const std::string& payload_text, const std::string& created_at) {
    return nlohmann::json{{"op_id", op_id},
                          {"entity", entity},
                          {"entity_uuid", entity_uuid},
                          {"kind", kind},
                          {"payload", nlohmann::json::parse(payload_text)},
                          {"created_at", created_at}};
}

} // namespace reception
