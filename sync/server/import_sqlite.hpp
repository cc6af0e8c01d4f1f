// Moving a district's server onto PostgreSQL: `reception-server --data DIR --db PG
// import-sqlite` copies DIR/server.db's server tables into an empty PostgreSQL store in one
// transaction, the epoch with them, so that every terminal's credential and cursor stay valid
// and the terminals go on against the new server without enrolling or resyncing.
#pragma once

#include "server/server_store.hpp"

namespace reception {

// Returns the rows copied. Throws StoreError when the PostgreSQL store already has terminals.
long long import_sqlite_store(const std::filesystem::path& data_dir, const std::string& db);

} // namespace reception
