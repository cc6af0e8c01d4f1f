#include "store/private_files.hpp"

#include <sys/stat.h>
#include <unistd.h>

namespace reception {

mode_t private_file_mode(const std::filesystem::path& file) {
    struct stat dir {};
    std::filesystem::path parent = file.has_parent_path() ? file.parent_path() : ".";
    bool shared = stat(parent.c_str(), &dir) == 0 && (dir.st_mode & S_ISGID);
    return shared ? 0640 : 0600;
}

void restrict_file_mode(const std::filesystem::path& file, mode_t mode) {
    struct stat st {};
    if (stat(file.c_str(), &st) != 0 || st.st_uid != geteuid()) return;
    mode_t now = st.st_mode & 07777;
    if ((now & ~mode) != 0) chmod(file.c_str(), now & mode);
}

void create_private_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    if (std::filesystem::exists(dir, ec)) return;
    std::filesystem::create_directories(dir);
    chmod(dir.c_str(), 0700);
}

} // namespace reception
