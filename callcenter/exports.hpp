// Where the console writes what staff export (the month's schedule, the quarter's report):
// $RECEPTION_EXPORT_DIR, else ${XDG_DATA_HOME:-~/.local/share}/reception/exports. Created on
// first use; the screen shows the full path of every file written.
#pragma once

#include <filesystem>
#include <string>

namespace reception::console {

// The folder, created when missing; empty with *error set when it cannot be.
std::filesystem::path export_dir(std::string* error);

} // namespace reception::console
