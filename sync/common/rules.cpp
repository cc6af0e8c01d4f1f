#include "common/rules.hpp"

#include <nlohmann/json.hpp>
#include <tuple>

namespace reception {

int ticket_rank(std::string_view state) {
    if (state == "waiting") return 0;
    if (state == "called") return 1;
    if (state == "serving") return 2;
    if (state == "done" || state == "no_show" || state == "transferred") return 3;
    return -1;
}

static std::string text_field(const nlohmann::json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Version ticket_version(std::string_view state, std::string_view updated_at, std::string_view desk) {
    // The state is part of the tie-break: two final states at the same second still order.
    return Version{ticket_rank(state), std::string(updated_at),
                   std::string(state) + "|" + std::string(desk)};
}

// No tie-break by content for records: which of two states of an application "wins" a second
// has no meaning, and its own terminal's later change must. A full tie goes to the later
// change (rules.hpp).
Version record_version(std::string_view updated_at, std::string_view, std::string_view) {
    return Version{0, std::string(updated_at), ""};
}

Version version_of(std::string_view entity, const nlohmann::json& p) {
    if (entity == "ticket")
        return ticket_version(text_field(p, "state"), text_field(p, "updated_at"),
                              text_field(p, "desk"));
    return record_version(text_field(p, "updated_at"), text_field(p, "state"),
                          text_field(p, "assigned_to"));
}

bool newer(const Version& a, const Version& b) {
    return std::tie(a.rank, a.updated_at, a.tiebreak) > std::tie(b.rank, b.updated_at, b.tiebreak);
}

} // namespace reception
