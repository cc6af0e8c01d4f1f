// What was built: the project's version (CMakeLists.txt) and the git commit, for `--version`
// and the logs' start line. The two functions are written at build time (cmake/version.cmake).
#pragma once
#include <string>

namespace reception {
const char* project_version(); // "0.1.0"
const char* build_commit();    // "8a47116d2c" or "8a47116d2c-dirty"; "unknown" outside git
// "reception-server 0.1.0 (8a47116d2c)": the line `--version` prints.
inline std::string version_line(const std::string& program) {
    return program + " " + project_version() + " (" + build_commit() + ")";
}
} // namespace reception
