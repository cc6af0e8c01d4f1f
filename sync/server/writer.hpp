// The store's single writer: one connection, group commit, run on the server's I/O threads.
//
// Requests from any connection hand it a write. The first write that finds the writer idle posts
// one commit task; that task, on whichever I/O thread runs it, takes every write waiting, runs
// them together in one transaction (each in its own savepoint, so one refused batch does not undo
// another), commits, and answers each. Writes that arrive meanwhile wait for the next task, so one
// durable commit carries many pushes and the fsync is paid once per group.
//
// Why no thread of its own (as first built): a write then crossed threads twice (I/O thread ->
// writer -> I/O thread), and the answer came back through a timer cancelled from the writer,
// three passes through the I/O queue. Measured in one run with 2,000 terminals (docs/
// performance.md), the latency was the same and the server used less CPU without the thread
// (93 % of a core against 111 %). SQLite has one writer anyway: the task only has to be the only
// one. The price: a commit's fsync holds one of the I/O threads, while the others go on.
#pragma once

#include "server/api.hpp"
#include "server/server_store.hpp"

#include <chrono>
#include <deque>
#include <filesystem>
#include <map>

namespace reception {

// What one group commit was, for /metrics.
struct CommitFacts {
    size_t writes = 0;
    double waited = 0; // seconds the group's oldest write waited for it to start
    double took = 0;   // seconds from the group's first read to its commit
};

class Writer {
  public:
    using Done = std::function<void(Reply)>; // called on the thread that ran the commit
    // After a commit: the rooms whose feed grew, each with its new head.
    using Committed =
        std::function<void(const std::map<std::string, long long>& heads, const CommitFacts&)>;
    // Queue a task on the I/O threads, at once or after a delay.
    using Post = std::function<void(std::chrono::microseconds delay, std::function<void()>)>;

    Writer(const StoreLocation& where, Post post, Committed on_commit);
    // ahead: what write will look up, read with the rest of its group (ServerStore::read_ahead).
    void submit(std::function<Reply(ServerStore&)> write, Done done, ReadAhead ahead = {});
    // At shutdown, once no I/O thread runs: commits and answers what is still waiting.
    void finish();

  private:
    struct Job {
        std::function<Reply(ServerStore&)> write;
        Done done;
        ReadAhead ahead;
        std::chrono::steady_clock::time_point queued_at;
    };
    void run_task();
    void run_group(std::vector<Job>& jobs);

    std::unique_ptr<ServerStore> db_;
    Post post_;
    Committed on_commit_;
    std::mutex mutex_;
    std::deque<Job> queue_;
    bool scheduled_ = false; // a commit task is posted or running: there is never a second
    std::chrono::steady_clock::time_point last_commit_{};
};

} // namespace reception
