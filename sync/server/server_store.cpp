#include "server/server_store.hpp"

#include <cstdlib>

namespace reception {

std::unique_ptr<ServerStore> open_server_store(const StoreLocation& where) {
    if (where.postgres()) return open_pg_server_store(where.db);
    return open_sqlite_server_store(where.data_dir);
}

std::unique_ptr<ServerStore> open_server_store(const std::filesystem::path& data_dir) {
    return open_sqlite_server_store(data_dir);
}

std::map<std::string, long long>
ServerStore::heads_after_commit(const std::vector<std::string>& rooms) {
    std::map<std::string, long long> heads;
    for (const std::string& room : rooms)
        if (!heads.count(room)) heads[room] = feed_head(room);
    return heads;
}

// The head is read first: every change up to it is committed (the room's counter moves in the
// same transaction), so a cursor moved to it skips nothing.
FeedWindow ServerStore::window_and_changes(const std::string& room, bool public_only,
                                           long long since, int limit, const AddChange& add) {
    FeedWindow w = feed_window(room);
    if (since >= w.floor) changes(room, public_only, since, w.head, limit, add);
    return w;
}

std::filesystem::path default_server_data_dir() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base = xdg && *xdg
                                     ? std::filesystem::path(xdg)
                                     : std::filesystem::path(home ? home : ".") / ".local/share";
    return base / "reception/server";
}

} // namespace reception
