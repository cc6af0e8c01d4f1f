#!/usr/bin/env bash
# The layout's rules, checked on the tree (docs/architecture.md): the core library has no UI or
# network code, screens run no SQL, includes name their folder, every C++ file is formatted,
# every document the code cites exists, no comment cites an issue number instead of saying what
# it means, and CMake lists sources without regex excludes.
# Usage: layout_test.sh SOURCE_DIR CHECK    (CHECK: one of the names below)
set -uo pipefail
cd "$1"
check=$2

fail() {
    echo "layout: $*" >&2
    exit 1
}

case "$check" in
core-has-no-ui-or-network)
    # ImGui, GLFW, OpenGL, X11, curl, Boost.Asio/Beast, OpenSSL: apps and sync only.
    hits=$(grep -rnE '#include *[<"](imgui|GLFW/|GL/|X11/|curl/|boost/|openssl/|backends/)' shared/)
    [ -z "$hits" ] || fail "shared/ includes a UI or network header:
$hits"
    ;;
screens-run-no-sql)
    # A screen draws a model and sends it intents; SQL belongs to shared/.
    hits=$(grep -rnE 'prepare\(|sqlite3_|\.exec\(|"(SELECT|INSERT|UPDATE|DELETE) ' \
        kiosk/screens callcenter/screens)
    [ -z "$hits" ] || fail "a screen runs SQL:
$hits"
    ;;
includes-name-their-folder)
    # "queue/ticket_queue.hpp", never "ticket_queue.hpp": a reader sees where a header lives.
    bad=""
    # The same for sync/: "server/push.hpp", "agent/steps.hpp", "common/protocol.hpp".
    for h in $(cd shared && find . -mindepth 2 -name '*.hpp' | sed 's|^\./||') \
        $(cd sync && find . -mindepth 2 -name '*.hpp' | sed 's|^\./||'); do
        base=$(basename "$h")
        hits=$(grep -rnF "#include \"$base\"" shared kiosk callcenter sync ui admin tests bench)
        [ -z "$hits" ] || bad+="$hits (write \"$h\")"$'\n'
    done
    [ -z "$bad" ] || fail "includes without their folder:
$bad"
    ;;
clang-format)
    command -v clang-format >/dev/null || fail "clang-format is not installed (scripts/deps)"
    if git rev-parse --git-dir >/dev/null 2>&1; then
        files=$(git ls-files '*.cpp' '*.hpp')
    else
        files=$(find shared kiosk callcenter sync ui admin tests bench -name '*.[ch]pp')
    fi
    out=$(echo "$files" | xargs clang-format --dry-run 2>&1 | grep 'warning:' | cut -d: -f1 | sort -u)
    [ -z "$out" ] || fail "not formatted with the repo's .clang-format (run clang-format -i):
$out"
    ;;
cited-docs-exist)
    missing=""
    for d in $(grep -rhoE 'docs/[a-z_]+\.md' shared kiosk callcenter sync ui admin tests bench \
        scripts README.md | sort -u); do
        [ -f "$d" ] || missing+="$d"$'\n'
    done
    [ -z "$missing" ] || fail "the code cites documents that are not in the repository:
$missing"
    ;;
cmake-lists-sources)
    hits=$(grep -rnE 'list *\( *FILTER' --include=CMakeLists.txt shared kiosk callcenter sync ui \
        admin tests bench CMakeLists.txt)
    [ -z "$hits" ] || fail "a regex exclude in CMake (list the sources instead):
$hits"
    ;;
code-cites-no-issue-numbers)
    # An issue's number means nothing to a reader of the code in a year: say what it asked.
    hits=$(grep -rnE '[Ii]ssue #?[0-9]+' --include='*.cpp' --include='*.hpp' --include='*.sh' \
        --include=CMakeLists.txt shared kiosk callcenter sync ui admin tests bench scripts |
        grep -v '^tests/layout_test.sh:')
    [ -z "$hits" ] || fail "the code cites issue numbers:
$hits"
    ;;
*)
    fail "unknown check $check"
    ;;
esac
echo "layout: $check: ok"
