// Who may read a store: its owner only (0600), or also its group (0640) when the store's
// directory is shared with a group by the setgid bit (chmod g+s), the usual way on Unix to
// let a kiosk and a console of one machine share a folder. A store holds the terminal's bearer
// token and visitors' personal data, so the umask (often 022: readable by all) never decides.
#pragma once

#include <filesystem>
#include <sys/types.h>

namespace reception {

// 0640 in a setgid directory, 0600 elsewhere.
mode_t private_file_mode(const std::filesystem::path& file);
// Takes away the permission bits mode does not allow (never adds any), on a file this process
// owns; anything else is left as it is. SQLite gives a store's -wal and -shm its mode.
void restrict_file_mode(const std::filesystem::path& file, mode_t mode);
// Creates dir (and its parents) when missing; the directory itself only its owner enters.
void create_private_directory(const std::filesystem::path& dir);

} // namespace reception
