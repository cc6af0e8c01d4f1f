#include "server/numbers.hpp"

#include "server/server_store.hpp"

#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

static bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

static std::string text_of(const json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool in_ticket_series(const std::string& number, const std::string& series) {
    size_t dash = number.rfind('-');
    if (dash == std::string::npos || !all_digits(number.substr(dash + 1))) return false;
    std::string_view head(number.data(), dash); // the service's letters, then the series
    size_t digits = head.find_first_of("0123456789");
    if (digits == std::string_view::npos) return true; // made before enrolment
    return digits > 0 && head.substr(digits) == series;
}

std::string reg_number_terminal(const std::string& number) {
    std::string_view n = number;
    if (n.rfind("OP-", 0) == 0) n.remove_prefix(3);
    size_t serial = n.rfind('-');
    if (serial == std::string_view::npos || serial < 6) return ""; // "X-2026-1" at the least
    size_t year = n.rfind('-', serial - 1);
    if (year == std::string_view::npos || year == 0 || serial - year != 5 ||
        !all_digits(n.substr(year + 1, 4)) || !all_digits(n.substr(serial + 1)))
        return "";
    return std::string(n.substr(0, year));
}

// The number is a label unique per room and day; a transferred ticket keeps its number.
bool claim_ticket_number(ServerStore& db, const PushOp& op) {
    const json& p = op.payload;
    if (!text_of(p, "transferred_from").empty()) return true;
    return db.claim_ticket_number(text_of(p, "room"), text_of(p, "day"), text_of(p, "number"),
                                  op.entity_uuid) == op.entity_uuid;
}

static bool names_a_terminal(ServerStore& db, const std::string& name) {
    return db.terminal_slot(name).has_value();
}

// A number not yet bound: a new application's must be the terminal's own or of a name no
// terminal has (a kiosk's always: it only registers). A console's change of an application the
// server does not hold (offered again after a restore, before the registering terminal's) claims it
// under its UUID.
static void check_unbound(ServerStore& db, const Terminal& t, const PushOp& op, const char* key,
                          const std::string& n, bool exists, const std::string& stored) {
    if (exists && text_of(json::parse(stored), key) != n)
        throw HttpError(403, "forbidden",
                        std::string(key) + " of application " + op.entity_uuid +
                            " does not change once given");
    bool creates =
        !exists && (op.kind == "application.registered" || t.role == TerminalRole::Kiosk);
    std::string maker = reg_number_terminal(n);
    if (creates && maker != t.name && (maker.empty() || names_a_terminal(db, maker)))
        throw HttpError(403, "forbidden",
                        std::string(key) + " " + n + " is not terminal " + t.name + "'s");
}

std::string claim_reg_numbers(ServerStore& db, const Terminal& t, const PushOp& op, bool exists,
                              const std::string& stored_payload) {
    for (const char* key : {"reg_number", "oral_protocol_number"}) {
        std::string n = text_of(op.payload, key);
        if (n.empty()) continue;
        std::string owner = db.reg_number_owner(t.room, n);
        if (owner == op.entity_uuid) continue;
        if (!owner.empty()) return "reg_number_taken";
        check_unbound(db, t, op, key, n, exists, stored_payload);
        db.add_reg_number(t.room, n, op.entity_uuid);
    }
    return "";
}

} // namespace reception
