// The sync agent: carries the terminal store's outbox to the central server and brings back
// what other terminals did. It runs inside each app (SyncAgent, two background threads) or
// beside them as reception-syncd; a lock file beside the store makes sure exactly one agent
// works on a store at a time, even with a kiosk and a console on one machine.
//
// The UI never waits for it: it has its own connections to the store, and every transaction
// it makes is short (one pushed batch's answers, one pulled page with its cursor).
#pragma once

#include "agent/apply.hpp"
#include "agent/client.hpp"
#include "agent/enrol.hpp"
#include "agent/steps.hpp"
#include "store/store.hpp"
#include "store/sync_state.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace reception {

struct AgentOptions {
    std::filesystem::path store;
    int pull_wait_s = 20;                          // long-poll
    int push_batch = 200;                          // ops per push
    std::chrono::milliseconds idle_check{250};     // how often an idle pusher looks
    std::chrono::milliseconds backoff_base{500};   // first retry after 0.25 .. 0.5 s
    std::chrono::milliseconds backoff_cap{60'000}; // never more than a minute apart
};

class SyncAgent {
  public:
    explicit SyncAgent(AgentOptions opt);
    ~SyncAgent();
    SyncAgent(const SyncAgent&) = delete;
    SyncAgent& operator=(const SyncAgent&) = delete;

    void start();
    void stop();
    // A local write happened: push now instead of at the next idle check.
    void nudge();
    // True while this agent holds the store's sync lock (another agent may hold it).
    bool active() const { return lock_fd_ >= 0; }

  private:
    void push_loop();
    void pull_loop();
    void run_loop(bool pulling);
    void confirm_rotation(Store& store, HttpClient& client);
    bool try_lock();
    bool pause(std::chrono::milliseconds d); // false when stopping
    std::chrono::milliseconds backoff(int failures, long retry_after_s);

    AgentOptions opt_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> lock_fd_{-1};
    std::mutex lock_mutex_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool nudged_ = false;
    std::thread pusher_, puller_;
};

} // namespace reception
