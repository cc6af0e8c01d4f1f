#include "base/assets.hpp"

#include <cstdlib>
#include <system_error>

namespace reception {

// ../share/reception from the folder of /proc/self/exe, or empty.
static std::filesystem::path installed_assets() {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    std::filesystem::path data = exe.parent_path().parent_path() / "share" / "reception";
    // The translations are the one folder every program needs.
    if (!std::filesystem::is_directory(data / "i18n", ec)) return {};
    return data;
}

std::filesystem::path assets_dir() {
    if (const char* env = std::getenv("RECEPTION_ASSETS"); env && *env) return env;
    static const std::filesystem::path installed = installed_assets();
    if (!installed.empty()) return installed;
    return RECEPTION_ASSETS_DIR;
}

} // namespace reception
