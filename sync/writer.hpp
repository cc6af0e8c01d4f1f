// The store's single writer: one thread, one connection, group commit. Requests from any
// connection hand it a write; it runs the waiting ones together in one transaction (each in its
// own savepoint, so one refused batch does not undo another) and answers each after the commit.
// One durable commit then carries many pushes: the fsync is paid once per group.
#pragma once

#include "api.hpp"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <thread>

namespace reception {

class Writer {
  public:
    using Done = std::function<void(Reply)>;
    using Committed = std::function<void(const std::vector<std::string>& rooms, long long head)>;
    Writer(const std::filesystem::path& data_dir, Committed on_commit);
    ~Writer();
    void submit(std::function<Reply(Store&)> write, Done done);
    void stop();

  private:
    struct Job {
        std::function<Reply(Store&)> write;
        Done done;
    };
    void run();
    void run_group(std::vector<Job>& jobs);

    std::unique_ptr<Store> db_;
    Committed on_commit_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace reception
