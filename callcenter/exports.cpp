#include "exports.hpp"

#include <cstdlib>
#include <system_error>

namespace reception::console {

std::filesystem::path export_dir(std::string* error) {
    std::filesystem::path dir;
    if (const char* e = std::getenv("RECEPTION_EXPORT_DIR"); e && *e) {
        dir = e;
    } else if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) {
        dir = std::filesystem::path(x) / "reception/exports";
    } else if (const char* h = std::getenv("HOME"); h && *h) {
        dir = std::filesystem::path(h) / ".local/share/reception/exports";
    } else {
        dir = std::filesystem::temp_directory_path() / "reception-exports";
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        *error = dir.string() + ": " + ec.message();
        return {};
    }
    return dir;
}

} // namespace reception::console
