// Backups of a store while it is in use: SQLite's VACUUM INTO writes a consistent copy of the
// last committed state without stopping readers or the writer for more than a moment. The
// copy is written under a temporary name and renamed, so a backup folder never holds half a
// file, and gets the store's private mode (store/private_files.hpp): it holds the same
// personal data. The recovery point is the last backup: what terminals pushed after it comes
// back from their journals after `new-epoch` (docs/sync.md, "Restore").
#pragma once

#include "store/store.hpp"

#include <filesystem>
#include <string>

namespace reception {

// A copy of db at file (which must not exist yet). Throws StoreError when it cannot be made.
void backup_store(Store& db, const std::filesystem::path& file);

// A copy in folder named PREFIX-YYYYMMDDTHHMMSSZ.db (created when missing); then only the newest
// `keep` copies of that prefix stay (keep 0: all stay). Returns the new copy's path.
std::filesystem::path backup_into_folder(Store& db, const std::filesystem::path& folder,
                                         const std::string& prefix, int keep, Instant now);

} // namespace reception
