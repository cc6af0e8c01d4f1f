# Run at every build (shared/CMakeLists.txt): writes OUT with the project's version and the
# git commit the tree was built from, so `--version` on every program tells an administrator
# exactly what runs. The file is rewritten only when the text changes, so a build with nothing
# new compiles nothing. Outside a git checkout (a source tarball) the commit is taken from
# $RECEPTION_GIT_COMMIT, else "unknown".
execute_process(COMMAND git -C "${SRC}" describe --always --dirty --abbrev=10
                OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE failed ERROR_QUIET)
if(failed OR commit STREQUAL "")
    set(commit "$ENV{RECEPTION_GIT_COMMIT}")
endif()
if(commit STREQUAL "")
    set(commit "unknown")
endif()
set(text "// Written by cmake/version.cmake at build time; not in the repository.
#include \"base/version.hpp\"
namespace reception {
const char* project_version() { return \"${VERSION}\"; }
const char* build_commit() { return \"${commit}\"; }
} // namespace reception
")
if(EXISTS "${OUT}")
    file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
    file(WRITE "${OUT}" "${text}")
endif()
