// The central server's store: a reception store file (SQLite, WAL) in the server's data
// directory, with the server's own tables beside the terminal ones. All server tables start with
// srv_; the terminal tables stay empty on the server.
#pragma once

#include "store/store.hpp"

#include <filesystem>
#include <memory>

namespace reception {

// Opens (creating the directory and the file when missing) DATA/server.db and makes sure the
// server tables exist. Every connection of the server opens it this way.
std::unique_ptr<Store> open_server_store(const std::filesystem::path& data_dir);

// The store's epoch: random, made when the store is created, replaced by new_server_epoch after
// a restore from backup so that terminals resync instead of trusting old cursors.
std::string server_epoch(Store& db);
std::string new_server_epoch(Store& db);

// The feed's head: the last sequence number handed out (0 when the feed is empty).
long long feed_head(Store& db);

std::filesystem::path default_server_data_dir(); // $XDG_DATA_HOME/reception/server

} // namespace reception
