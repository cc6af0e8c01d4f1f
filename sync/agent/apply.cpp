// Applying pulled changes to the terminal's store: tickets, applications, events and the room's
// schedule (rooms, officials, sessions) of other terminals land in the same tables the apps read
// (call-next, the board, the console, the kiosk's sign-up), by the same conflict rules as the
// server (rules.hpp), without a new outbox row: they came from the server and must not go back
// to it.
#include "agent/apply.hpp"

#include "common/rules.hpp"
#include "store/sync_state.hpp"

#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

// Rows from JSON
struct Column {
    std::string name;
    bool not_null = false;
};

// Table names come from the fixed list below, never from the network.
static std::vector<Column> columns_of(Store& store, const char* table) {
    std::string sql =
        std::string("SELECT name, \"notnull\" FROM pragma_table_info('") + table + "')";
    Stmt st = store.prepare(sql.c_str());
    std::vector<Column> out;
    while (st.step()) out.push_back({st.text(0), st.integer(1) != 0});
    return out;
}

static void bind_value(Stmt& st, int i, const json& v, bool not_null) {
    if (v.is_boolean())
        st.bind(i, v.get<bool>());
    else if (v.is_number_integer())
        st.bind(i, v.get<long long>());
    else if (v.is_string()) {
        // "" means "none" in the JSON; a nullable column (a unique number, a due date) keeps
        // NULL for it, as the app that wrote it did.
        const std::string& s = v.get_ref<const std::string&>();
        if (s.empty() && !not_null)
            st.bind_null(i);
        else
            st.bind(i, s);
    } else if (v.is_null())
        st.bind_null(i);
    else
        st.bind(i, v.dump());
}

// INSERT the columns the row has; on an existing uuid update them (or leave the row).
// Keys that are not columns (a newer app's field) are left out rather than failing.
static void upsert(Store& store, const char* table, const json& row, bool update) {
    std::vector<Column> cols = columns_of(store, table);
    std::string names, params, sets;
    std::vector<std::pair<const json*, bool>> values;
    for (const Column& c : cols) {
        auto it = row.find(c.name);
        if (it == row.end()) continue;
        values.push_back({&*it, c.not_null});
        std::string n = std::to_string(values.size());
        names += (names.empty() ? "" : ", ") + c.name;
        params += (params.empty() ? "?" : ", ?") + n;
        if (c.name != "uuid") sets += (sets.empty() ? "" : ", ") + c.name + " = excluded." + c.name;
    }
    std::string sql = std::string("INSERT INTO ") + table + "(" + names + ") VALUES (" + params +
                      ") ON CONFLICT(uuid) DO " +
                      (update && !sets.empty() ? "UPDATE SET " + sets : std::string("NOTHING"));
    Stmt st = store.prepare(sql.c_str());
    for (size_t i = 0; i < values.size(); ++i)
        bind_value(st, int(i + 1), *values[i].first, values[i].second);
    st.run();
}

// Entities
static void apply_ticket(Store& store, const std::string& uuid, json p) {
    Stmt cur = store.prepare(
        "SELECT state, updated_at, desk, priority, category FROM tickets WHERE uuid = ?1");
    cur.bind(1, uuid);
    // An equal version is taken (rules.hpp): the feed brings one record's changes in order.
    bool known = cur.step();
    if (known &&
        newer(ticket_version(cur.text(0), cur.text(1), cur.text(2)), version_of("ticket", p)))
        return;
    // priority is derived from the category. A kiosk or a board never sees the category (the
    // public view): another terminal's ticket is in order, its own keeps the place it printed.
    // (Kept by value: SQLite checks NOT NULL on the row before the upsert's conflict.)
    // The category goes with it: the row is checked (category and priority agree) as the
    // INSERT it would be, before the conflict makes it an update; without it a desk's call of
    // the kiosk's own out-of-turn ticket was skipped on that kiosk.
    if (p.contains("category")) {
        p["priority"] = p.value("category", "").empty() ? 1 : 0;
    } else {
        p["priority"] = known ? cur.integer(3) : 1;
        p["category"] = known ? cur.text(4) : "";
    }
    p["uuid"] = uuid;
    upsert(store, "tickets", p, true);
}

// Records ordered by updated_at alone (rules.hpp): applications and the schedule. Table names
// come from apply_change's fixed list.
static void apply_record(Store& store, const char* table, const std::string& uuid, json p) {
    std::string sql = std::string("SELECT updated_at FROM ") + table + " WHERE uuid = ?1";
    Stmt cur = store.prepare(sql.c_str());
    cur.bind(1, uuid);
    if (cur.step() && newer(record_version(cur.text(0), "", ""), version_of(table, p))) return;
    p["uuid"] = uuid;
    upsert(store, table, p, true);
}

static void apply_event(Store& store, const std::string& uuid, const json& p) {
    json row = p;
    row["uuid"] = uuid;
    row["from_state"] = p.value("from", "");
    row["to_state"] = p.value("to", "");
    row["data"] = p.value("data", json::object()).dump();
    upsert(store, "events", row, false); // the history is append-only: never updated
}

// A notice of another console (or the kiosk's reg-6 one): taken when new, and its sent_on and
// channel when it was sent since. Notices carry no version of their own: a notice only goes
// from planned to sent, so "sent" wins and is never undone.
static void apply_notice(Store& store, const std::string& uuid, json p, const std::string& at) {
    Stmt cur = store.prepare("SELECT sent_on IS NOT NULL FROM notices WHERE uuid = ?1");
    cur.bind(1, uuid);
    bool known = cur.step();
    if (known && (cur.integer(0) || p.value("sent_on", json()).is_null())) return;
    p["uuid"] = uuid;
    if (!known) p["created_at"] = at;
    p["updated_at"] = at;
    upsert(store, "notices", p, known);
}

static void apply_change(Store& store, const json& c) {
    std::string entity = c.value("entity", "");
    std::string uuid = c.value("entity_uuid", "");
    const json& p = c.at("payload");
    if (!p.is_object() || uuid.empty()) throw StoreError("sync_bad_change", "change without data");
    if (entity == "ticket")
        apply_ticket(store, uuid, p);
    else if (entity == "application")
        apply_record(store, "applications", uuid, p);
    else if (entity == "room")
        apply_record(store, "rooms", uuid, p);
    else if (entity == "official")
        apply_record(store, "officials", uuid, p);
    else if (entity == "session")
        apply_record(store, "sessions", uuid, p);
    else if (entity == "event")
        apply_event(store, uuid, p);
    else if (entity == "notice")
        apply_notice(store, uuid, p, format_instant(now_utc()));
    // What the server reported of a notice it sends (only the server writes these).
    else if (entity == "notice_delivery")
        apply_record(store, "notice_deliveries", uuid, p);
    // Other entities are for other programs (the server keeps them); nothing to do here.
}

int apply_pulled(Store& store, const json& changes, const std::string& cursor) {
    int applied = 0;
    std::string skipped;
    store.transaction([&] {
        for (const json& c : changes) {
            // One change the store refuses (a constraint, a malformed row) is skipped alone.
            store.exec("SAVEPOINT pulled");
            try {
                apply_change(store, c);
                store.exec("RELEASE pulled");
                applied++;
            } catch (const std::exception& e) {
                store.exec("ROLLBACK TO pulled");
                store.exec("RELEASE pulled");
                skipped = "pulled change " + c.value("entity_uuid", std::string("?")) +
                          " skipped: " + e.what();
            }
        }
        store.set_meta(sync_key::cursor, cursor);
        store.set_meta(sync_key::last_ok, format_instant(now_utc()));
        store.set_meta(sync_key::last_error, skipped);
        store.set_meta(sync_key::last_error_kind, skipped.empty() ? "" : "pulled_change");
        if (!skipped.empty()) store.set_meta(sync_key::last_error_at, format_instant(now_utc()));
    });
    return applied;
}

} // namespace reception
