#include "server/import_sqlite.hpp"

#include <pqxx/pqxx>

namespace reception {

// Every server table, in an order that keeps references whole. srv_counters carries 'feed', the
// base each room's sequence starts from; srv_room_feeds the rooms' heads.
static const char* const kTables[] = {
    "srv_terminals",         "srv_counters",        "srv_applied_ops", "srv_batches",
    "srv_records",           "srv_ticket_numbers",  "srv_reg_numbers", "srv_room_feeds",
    "srv_changes",           "srv_terminal_status", "srv_day_tickets", "srv_public_codes",
    "srv_notice_deliveries", "srv_region_rooms",    "srv_turn_watch"};

static std::vector<std::string> columns_of(Store& from, const std::string& table) {
    std::vector<std::string> out;
    Stmt st = from.prepare(("SELECT name FROM pragma_table_info('" + table + "')").c_str());
    while (st.step()) out.push_back(st.text(0));
    return out;
}

static long long copy_table(Store& from, pqxx::work& to, const std::string& table) {
    std::vector<std::string> cols = columns_of(from, table);
    if (cols.empty()) return 0; // srv_terminal_status: made on first use, maybe never
    std::string names;
    for (const std::string& c : cols) names += (names.empty() ? "" : ", ") + c;
    if (table == "srv_counters") to.exec("DELETE FROM srv_counters"); // the new store's 'feed' 0
    Stmt st = from.prepare(("SELECT " + names + " FROM " + table).c_str());
    long long n = 0;
    while (st.step()) {
        std::string values;
        for (size_t i = 0; i < cols.size(); ++i) {
            values += i ? ", " : "";
            values += st.is_null(int(i)) ? "NULL" : to.quote(st.text(int(i)));
        }
        to.exec("INSERT INTO " + table + "(" + names + ") VALUES (" + values + ")");
        ++n;
    }
    return n;
}

long long import_sqlite_store(const std::filesystem::path& data_dir, const std::string& db) {
    auto sqlite = open_sqlite_server_store(data_dir); // brought to the current schema first
    std::string epoch = sqlite->epoch();
    open_pg_server_store(db); // the PostgreSQL tables, made when missing
    Store& from = *sqlite->sqlite();
    pqxx::connection c(pg_conninfo(db));
    pqxx::work to(c);
    to.exec("SET synchronous_commit = on");
    if (to.exec("SELECT count(*) FROM srv_terminals")[0][0].as<long long>() > 0)
        throw StoreError("store_not_empty", "the PostgreSQL store already has terminals: "
                                            "import-sqlite fills an empty one only");
    long long rows = 0;
    try {
        for (const char* t : kTables) rows += copy_table(from, to, t);
        to.exec("UPDATE srv_meta SET value = " + to.quote(epoch) + " WHERE key = 'server_epoch'");
        to.commit();
    } catch (const pqxx::failure& e) {
        throw StoreError("store_io", std::string("PostgreSQL: ") + e.what());
    }
    return rows;
}

} // namespace reception
