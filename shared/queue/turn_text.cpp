#include "queue/turn_text.hpp"

#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "queue/queue_position.hpp"
#include "queue/ticket_queue.hpp"
#include "store/outbox.hpp"
#include "store/record_fields.hpp"

#include <sqlite3.h>

namespace reception {
using nlohmann::json;

// Rows <-> structs: the table's columns in this order, and the outbox payload's keys.
using TurnTextField = RecordField<TurnText>;
static const TurnTextField kTurnTextFields[] = {
    RECORD_TEXT(TurnText, uuid, uuid),         RECORD_TEXT(TurnText, ticket_uuid, ticket_uuid),
    RECORD_TEXT(TurnText, room, room),         RECORD_TEXT(TurnText, phone, phone),
    RECORD_TEXT(TurnText, language, language), RECORD_INSTANT(TurnText, created_at, created_at),
};

json turn_text_json(const TurnText& t) {
    return record_json(kTurnTextFields, t);
}

// Asking
TurnText ask_turn_text(Store& store, const Ticket& ticket, const std::string& typed_phone,
                       Instant now) {
    Phone phone;
    Reason r = check_phone(typed_phone, false, &phone);
    if (r != Reason::Ok) throw InputError("phone", reason_code(r));
    TurnText t;
    t.uuid = new_uuid();
    t.ticket_uuid = ticket.uuid;
    t.room = ticket.room;
    t.phone = phone.e164;
    t.language = ticket.language == "ru" ? "ru" : "kk";
    t.created_at = now;
    store.transaction([&] {
        auto current = find_ticket(store, ticket.uuid);
        if (!current || current->state != TicketState::Waiting)
            throw InputError("ticket", "ticket_not_waiting");
        if (turn_text_of(store, ticket.uuid)) throw InputError("ticket", "turn_text_exists");
        static const std::string sql = insert_sql("turn_texts", kTurnTextFields);
        Stmt st = store.prepare(sql.c_str());
        bind_record(kTurnTextFields, t, st);
        st.run();
        append_outbox(store, "turn_text", t.uuid, "turn_text.asked", turn_text_json(t));
    });
    return t;
}

std::optional<TurnText> turn_text_of(Store& store, const std::string& ticket_uuid) {
    auto found =
        read_records(store, kTurnTextFields, "turn_texts", "WHERE ticket_uuid = ?1", ticket_uuid);
    if (found.empty()) return std::nullopt;
    return found.front();
}

// Payloads
std::optional<TurnText> turn_text_from_json(const json& p) {
    if (!p.is_object()) return std::nullopt;
    auto text = [&](const char* key) {
        auto it = p.find(key);
        return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    TurnText t;
    t.uuid = text("uuid");
    t.ticket_uuid = text("ticket_uuid");
    t.room = text("room");
    t.language = text("language");
    auto at = parse_instant(text("created_at"));
    Phone phone;
    // The stored form only: a terminal sends what ask_turn_text normalised.
    if (check_phone(text("phone"), false, &phone) != Reason::Ok || phone.e164 != text("phone"))
        return std::nullopt;
    t.phone = phone.e164;
    if (t.uuid.empty() || t.ticket_uuid.empty() || t.room.empty() || !at ||
        (t.language != "kk" && t.language != "ru"))
        return std::nullopt;
    t.created_at = *at;
    return t;
}

// The rule
bool turn_text_due(const std::vector<Ticket>& day, const Ticket& ticket) {
    return ticket.state == TicketState::Waiting && people_ahead_in(day, ticket) <= kTurnTextAhead;
}

// Keeping
Instant turn_texts_kept_from(Instant now) {
    return local_instant(add_days(local_date(now), -1), 0);
}

long long forget_turn_texts(Store& store, Instant now) {
    static const char* const kForgottenOn = "turn_texts_forgotten_on";
    std::string today = format_date(local_date(now));
    if (store.meta(kForgottenOn).value_or("") == today) return 0;
    long long forgotten = 0;
    std::string before = format_instant(turn_texts_kept_from(now));
    store.transaction([&] {
        Stmt gone = store.prepare("DELETE FROM turn_texts WHERE created_at < ?1");
        gone.bind(1, before);
        gone.run();
        forgotten = sqlite3_changes64(store.handle());
        // The ops carry the number in their payloads: those whose row is gone go with it.
        for (const char* sql :
             {"DELETE FROM outbox WHERE entity = 'turn_text' AND entity_uuid NOT IN "
              "(SELECT uuid FROM turn_texts)",
              "DELETE FROM sync_acked WHERE entity = 'turn_text' AND entity_uuid NOT IN "
              "(SELECT uuid FROM turn_texts)",
              "DELETE FROM sync_dead_letters WHERE entity = 'turn_text' AND entity_uuid NOT IN "
              "(SELECT uuid FROM turn_texts)"})
            store.prepare(sql).run();
        store.set_meta(kForgottenOn, today);
    });
    return forgotten;
}

std::string masked_phone(const std::string& e164) {
    std::string shown = format_phone(e164); // "+7 701 123 45 67"
    if (shown.size() < 16) return shown;
    return shown.substr(0, 7) + "••• •• " + shown.substr(shown.size() - 2);
}

} // namespace reception
