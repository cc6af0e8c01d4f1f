// Where the data files are: $RECEPTION_ASSETS, else the folder the build was configured with.
#pragma once
#include <cstdlib>
#include <filesystem>

namespace reception {
inline std::filesystem::path assets_dir() {
    if (const char* env = std::getenv("RECEPTION_ASSETS"); env && *env) return env;
    return RECEPTION_ASSETS_DIR;
}
} // namespace reception
