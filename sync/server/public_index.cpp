#include "server/public_index.hpp"

#include "base/public_code.hpp"

namespace reception {
using nlohmann::json;

static std::string text_of(const json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string indexed_public_code(const std::string& entity, const json& payload) {
    if (entity != "ticket" && entity != "application") return "";
    std::string code = text_of(payload, "public_code");
    return is_public_code(code) ? code : "";
}

// An application keeps its code for good: a code held by anything else is never taken over
// (a stolen kiosk cannot point a receipt's page to another application).
static void index_application(ServerStore& db, const std::string& uuid, const std::string& room,
                              const json& payload) {
    std::string code = indexed_public_code("application", payload);
    if (code.empty() || db.public_code(code)) return;
    db.put_public_code({code, "application", uuid, room});
}

void index_public(ServerStore& db, const std::string& entity, const std::string& uuid,
                  const std::string& room, const json& payload) {
    if (entity == "application") return index_application(db, uuid, room, payload);
    if (entity != "ticket") return;
    db.add_day_ticket(room, text_of(payload, "day"), uuid);
    std::string code = indexed_public_code(entity, payload);
    if (code.empty()) return;
    auto held = db.public_code(code);
    if (held && held->uuid == uuid) return;
    bool follows = held && held->room == room && held->entity == "ticket" &&
                   text_of(payload, "transferred_from") == held->uuid;
    if (!held || follows) db.put_public_code({code, "ticket", uuid, room});
}

} // namespace reception
