#include "queue/desks.hpp"

#include "base/code_table.hpp"
#include "base/errors.hpp"
#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/profile.hpp"
#include "store/outbox.hpp"
#include "store/record_fields.hpp"

#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

// Codes
static constexpr CodeTable<DeskState, 3> kDeskStates{
    {{DeskState::Open, "open"}, {DeskState::Paused, "paused"}, {DeskState::Closed, "closed"}}};

const char* to_code(DeskState v) {
    return code_of(kDeskStates, v);
}

bool from_code(std::string_view code, DeskState* out) {
    return value_of(kDeskStates, code, out);
}

// Rows <-> structs
// The services a desk calls, kept as a JSON list of service codes; anything else reads as none.
static std::string services_text(const Desk& d) {
    return json(d.services).dump();
}

static void set_services(Desk& d, const std::string& text) {
    json services = json::parse(text, nullptr, false);
    d.services.clear();
    if (services.is_array())
        for (const auto& s : services)
            if (s.is_string()) d.services.push_back(s.get<std::string>());
}

static const RecordField<Desk> kDeskFields[] = {
    RECORD_TEXT(Desk, uuid, uuid),
    RECORD_TEXT(Desk, room, room),
    RECORD_TEXT(Desk, number, number),
    {"services", Kept::Json, services_text, set_services},
    RECORD_TEXT(Desk, clerk, clerk),
    RECORD_CODE(Desk, state, state),
    RECORD_INSTANT(Desk, updated_at, updated_at),
};

// Writes the desk, its event and its outbox row (inside the caller's transaction).
static void save_desk(Store& store, Desk& d, DeskState from, const char* kind,
                      const std::string& actor, const std::string& reason, Instant now) {
    static const std::string sql = upsert_sql("desks", kDeskFields);
    d.updated_at = now;
    Stmt st = store.prepare(sql.c_str());
    bind_record(kDeskFields, d, st);
    st.run();
    store.append_event("desk", d.uuid, kind, to_code(from), to_code(d.state), actor, reason,
                       json{{"number", d.number}, {"services", d.services}}, now);
    append_outbox(store, "desk", d.uuid, std::string("desk.") + kind, record_json(kDeskFields, d));
}

// Opening
static void check_desk_input(const RegulationProfile& profile, const std::string& number,
                             const std::vector<std::string>& services) {
    if (number.empty()) throw InputError("desk_number", reason_code(Reason::Empty));
    if (number.size() > 2) throw InputError("desk_number", reason_code(Reason::TooLong));
    for (char c : number)
        if (c < '0' || c > '9') throw InputError("desk_number", reason_code(Reason::NotDigits));
    if (services.empty()) throw InputError("services", "no_service_chosen");
    for (const auto& s : services)
        if (!profile.service(s)) throw InputError("services", "unknown_service");
}

Desk open_desk(Store& store, const RegulationProfile& profile, const std::string& room,
               const std::string& number_typed, const std::vector<std::string>& services,
               const std::string& clerk, Instant now) {
    if (clerk.empty()) throw InputError("actor", "actor_required");
    std::string number = trim(number_typed);
    check_desk_input(profile, number, services);
    Desk d;
    store.transaction([&] {
        auto found = find_desk(store, room, number);
        DeskState from = found ? found->state : DeskState::Closed;
        if (found && from != DeskState::Closed && found->clerk != clerk)
            throw InputError("desk_number", "desk_taken");
        if (found) {
            d = *found;
        } else {
            d.uuid = new_uuid();
            d.room = room;
            d.number = number;
        }
        d.services = services;
        d.clerk = clerk;
        d.state = DeskState::Open;
        save_desk(store, d, from, "opened", clerk, "", now);
    });
    return d;
}

static Desk move_desk(Store& store, const std::string& uuid, DeskState to, const char* kind,
                      const std::string& actor, const std::string& reason, Instant now) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    Desk d;
    store.transaction([&] {
        auto found = find_desk(store, uuid);
        if (!found) throw InputError("desk", "desk_not_found");
        d = *found;
        DeskState from = d.state;
        if (from == DeskState::Closed) throw InputError("desk", "desk_not_open");
        if (from == to) return;
        d.state = to;
        save_desk(store, d, from, kind, actor, reason, now);
    });
    return d;
}

Desk pause_desk(Store& store, const std::string& uuid, const std::string& actor,
                const std::string& reason, Instant now) {
    return move_desk(store, uuid, DeskState::Paused, "paused", actor, reason, now);
}
Desk resume_desk(Store& store, const std::string& uuid, const std::string& actor, Instant now) {
    return move_desk(store, uuid, DeskState::Open, "resumed", actor, "", now);
}
Desk close_desk(Store& store, const std::string& uuid, const std::string& actor, Instant now) {
    return move_desk(store, uuid, DeskState::Closed, "closed", actor, "", now);
}

// Lookups
std::optional<Desk> find_desk(Store& store, const std::string& uuid) {
    static const std::string sql =
        "SELECT " + select_columns(kDeskFields) + " FROM desks WHERE uuid = ?1";
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    return record_from_row(kDeskFields, st);
}

std::optional<Desk> find_desk(Store& store, const std::string& room, const std::string& number) {
    static const std::string sql =
        "SELECT " + select_columns(kDeskFields) + " FROM desks WHERE room = ?1 AND number = ?2";
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, room).bind(2, number);
    if (!st.step()) return std::nullopt;
    return record_from_row(kDeskFields, st);
}

std::optional<Ticket> ticket_at_desk(Store& store, const Desk& desk, Date day) {
    Stmt st = store.prepare("SELECT uuid FROM tickets WHERE room = ?1 AND day = ?2 AND desk = ?3 "
                            "AND state IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1");
    st.bind(1, desk.room).bind(2, format_date(day)).bind(3, desk.number);
    if (!st.step()) return std::nullopt;
    return find_ticket(store, st.text(0));
}

// Calling
// The desk, checked that it may call someone now (inside the caller's transaction).
static Desk desk_ready_to_call(Store& store, const std::string& desk_uuid, Date day) {
    auto d = find_desk(store, desk_uuid);
    if (!d) throw InputError("desk", "desk_not_found");
    if (d->state == DeskState::Paused) throw InputError("desk", "desk_paused");
    if (d->state != DeskState::Open) throw InputError("desk", "desk_not_open");
    // One visitor at a time: the clerk finishes, or marks a no-show, first.
    if (ticket_at_desk(store, *d, day)) throw InputError("desk", "desk_busy");
    return *d;
}

std::optional<Ticket> call_next_at_desk(Store& store, const QueuePolicy& policy,
                                        const std::string& desk_uuid, const std::string& actor,
                                        Instant now) {
    std::optional<Ticket> called;
    Date day = queue_day(now, policy);
    store.transaction([&] {
        Desk d = desk_ready_to_call(store, desk_uuid, day);
        called = call_next(store, d.room, day, d.services, d.number, actor, now);
    });
    return called;
}

Ticket call_chosen_at_desk(Store& store, const QueuePolicy& policy, const std::string& desk_uuid,
                           const std::string& ticket_uuid, const std::string& actor,
                           const std::string& reason, Instant now) {
    Ticket called;
    Date day = queue_day(now, policy);
    store.transaction([&] {
        Desk d = desk_ready_to_call(store, desk_uuid, day);
        called =
            call_chosen(store, d.room, day, d.services, d.number, ticket_uuid, actor, reason, now);
    });
    return called;
}

} // namespace reception
