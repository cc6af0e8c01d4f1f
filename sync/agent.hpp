// The sync agent: carries the terminal store's outbox to the central server and brings back
// what other terminals did. It runs inside each app (SyncAgent, two background threads) or
// beside them as reception-syncd; a lock file beside the store makes sure exactly one agent
// works on a store at a time, even with a kiosk and a console on one machine.
//
// The UI never waits for it: it has its own connections to the store, and every transaction
// it makes is short (one pushed batch's answers, one pulled page with its cursor).
#pragma once

#include "client.hpp"
#include "store/store.hpp"
#include "store/sync_state.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <thread>

namespace reception {

ClientConfig client_config(Store& store);

// Exchanges an enrolment code for this store's credential; writes the server, CA, pin, token,
// terminal id, room and ticket series into meta. Returns "" or the reason it failed.
std::string enrol_store(Store& store, const std::string& url, const std::string& ca_pem,
                        const std::string& pin, const std::string& code);

// One step of the agent's work.
struct StepResult {
    bool ok = true;
    bool more = false; // more is waiting: go again at once
    int count = 0;     // ops pushed or changes pulled
    std::string error;
    long retry_after_s = -1;
    std::string error_kind; // sync_key::last_error_kind: offline, certificate, credential ...
};

// Pushes the oldest outbox ops (at most max_ops) and settles each by the server's answer:
// applied / duplicate / superseded leave the outbox, rejected go to the dead letters.
StepResult push_once(Store& store, HttpClient& client, int max_ops = 200);
// Pulls one page after the stored cursor (waiting up to wait_s for news) and applies it with
// the new cursor in one transaction.
StepResult pull_once(Store& store, HttpClient& client, int wait_s, int limit = 500);
// Push everything, then pull everything, once (tests, `reception-syncd run --once`).
StepResult sync_until_idle(Store& store, HttpClient& client);

// Applies pulled changes to the local store without touching its outbox, and stores the
// cursor, in one transaction. A change the store refuses is skipped and reported, never
// allowed to stop the feed. Returns how many changed the store.
int apply_pulled(Store& store, const nlohmann::json& changes, const std::string& cursor);

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
