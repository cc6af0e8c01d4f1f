// The crash test of the local store: a child process issues tickets in a loop and is killed
// with SIGKILL at random moments, 200 times. After each kill the store must open, pass
// PRAGMA integrity_check, and hold every ticket the child reported as issued exactly once,
// each with its outbox row.
#include "test_support.hpp"

#include <chrono>
#include <csignal>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <random>
#include <set>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace reception;
using namespace reception::test;

extern char** environ;

namespace {

// Reads from fd until a whole line has come (or 10 s pass): the child is issuing tickets.
void wait_first_line(int fd, std::string& out) {
    pollfd p{fd, POLLIN, 0};
    char buf[4096];
    while (out.find('\n') == std::string::npos && poll(&p, 1, 10000) > 0) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return;
        out.append(buf, size_t(n));
    }
}

// Starts the child, lets it run for `run_for`, kills it, returns what it wrote. With
// after_first, run_for counts from its first ticket, so the kill falls among the writes
// however slowly a loaded machine starts the child; without, it may fall in the start-up
// (opening, migrating the store).
std::string run_and_kill(const std::string& store, std::chrono::microseconds run_for,
                         bool after_first) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::string bin = RECEPTION_CRASH_CHILD_BIN;
    char* argv[] = {bin.data(), const_cast<char*>(store.c_str()), nullptr};
    pid_t pid;
    REQUIRE(posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv, environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    std::string out;
    if (after_first) wait_first_line(fds[0], out);
    std::this_thread::sleep_for(run_for);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, size_t(n));
    close(fds[0]);
    return out;
}

long long count(Store& s, const char* sql, const std::string& uuid) {
    Stmt st = s.prepare(sql);
    st.bind(1, uuid);
    st.step();
    return st.integer(0);
}

} // namespace

TEST_CASE("store: tickets survive 200 SIGKILLs, each present once with its outbox row") {
    TempDir dir;
    std::string path = (dir / "crash.db").string();
    std::mt19937 rng(12345);
    std::uniform_int_distribution<int> delay_us(2000, 40000);
    std::set<std::string> reported;
    for (int round = 0; round < 200; ++round) {
        bool after_first = round % 2 == 0;
        std::string out = run_and_kill(path, std::chrono::microseconds(delay_us(rng)), after_first);
        std::istringstream lines(out);
        std::string line;
        while (std::getline(lines, line))
            if (line.size() == 36) reported.insert(line); // a cut-off last line is not a report
    }
    INFO("tickets reported as issued: " << reported.size());
    CHECK(reported.size() >= 100); // each of the 100 rounds killed after its first ticket

    auto store = Store::open(path, OpenMode::Existing);
    CHECK(store->integrity_check() == "ok");
    for (const auto& uuid : reported) {
        CHECK(count(*store, "SELECT count(*) FROM tickets WHERE uuid = ?1", uuid) == 1);
        CHECK(count(*store,
                    "SELECT count(*) FROM outbox WHERE entity_uuid = ?1 AND kind = 'ticket.issued'",
                    uuid) == 1);
    }
    // Numbers stay unique per room, day and prefix whatever the kills interrupted.
    Stmt dup = store->prepare("SELECT count(*) FROM (SELECT room, day, number FROM tickets "
                              "GROUP BY room, day, number HAVING count(*) > 1)");
    dup.step();
    CHECK(dup.integer(0) == 0);
    // Every ticket in the store has exactly one outbox row: none without, none doubled.
    Stmt orphan = store->prepare("SELECT count(*) FROM tickets t WHERE (SELECT count(*) FROM "
                                 "outbox o WHERE o.entity_uuid = t.uuid) <> 1");
    orphan.step();
    CHECK(orphan.integer(0) == 0);
}
