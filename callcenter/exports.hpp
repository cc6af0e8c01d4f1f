// Where the console writes what staff export (the month's schedule, the quarter's report):
// $RECEPTION_EXPORT_DIR, else ${XDG_DATA_HOME:-~/.local/share}/reception/exports. Created on
// first use; the screen shows the full path of every file written.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace reception::console {

// Files written by an export, or why not.
struct ExportResult {
    std::vector<std::string> files;
    std::string error;
};

// The folder, created when missing; empty with *error set when it cannot be.
std::filesystem::path export_dir(std::string* error);

} // namespace reception::console
