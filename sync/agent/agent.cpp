#include "agent/agent.hpp"

#include "agent/enrol.hpp"
#include "base/log.hpp"
#include "store/sync_state.hpp"

#include <fcntl.h>
#include <random>
#include <sys/file.h>
#include <unistd.h>

namespace reception {

SyncAgent::SyncAgent(AgentOptions opt) : opt_(std::move(opt)) {}

SyncAgent::~SyncAgent() {
    stop();
}

void SyncAgent::start() {
    if (pusher_.joinable()) return;
    stopping_ = false;
    pusher_ = std::thread([this] { push_loop(); });
    puller_ = std::thread([this] { pull_loop(); });
}

void SyncAgent::stop() {
    stopping_ = true;
    wake_.notify_all();
    if (pusher_.joinable()) pusher_.join();
    if (puller_.joinable()) puller_.join();
    std::lock_guard guard(lock_mutex_);
    int fd = lock_fd_.exchange(-1);
    if (fd >= 0) close(fd); // releases the lock for the next agent
}

void SyncAgent::nudge() {
    {
        std::lock_guard lock(mutex_);
        nudged_ = true;
    }
    wake_.notify_all();
}

// One agent per store: an exclusive lock on STORE.sync-lock. The kernel releases it when the
// process dies, so a crashed kiosk never blocks the console's agent for good.
// The pusher and the puller ask at once: a second flock from this process on another
// descriptor would fail, so they take turns and the second finds the first one's lock.
bool SyncAgent::try_lock() {
    std::lock_guard guard(lock_mutex_);
    if (lock_fd_ >= 0) return true;
    std::string path = opt_.store.string() + ".sync-lock";
    int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return false;
    }
    lock_fd_ = fd;
    return true;
}

bool SyncAgent::pause(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, d, [&] { return stopping_.load() || nudged_; });
    nudged_ = false;
    return !stopping_;
}

// Exponential backoff with full jitter between half and all of the step; Retry-After wins
// when the server asks for longer.
std::chrono::milliseconds SyncAgent::backoff(int failures, long retry_after_s) {
    thread_local std::mt19937 rng(std::random_device{}());
    long long step = opt_.backoff_base.count() << std::min(failures, 16);
    step = std::min<long long>(step, opt_.backoff_cap.count());
    long long d = std::uniform_int_distribution<long long>(step / 2, step)(rng);
    if (retry_after_s >= 0) d = std::max<long long>(d, retry_after_s * 1000);
    return std::chrono::milliseconds(d);
}

static void record_error(Store& store, const std::string& kind, const std::string& error) {
    try {
        store.set_meta(sync_key::last_error, error);
        store.set_meta(sync_key::last_error_kind, kind);
        store.set_meta(sync_key::last_error_at, format_instant(now_utc()));
    } catch (const StoreError&) { // the store is busy: the next error will be recorded
    }
}

// Both loops: open their own connection, wait for the lock and a credential, then work; after
// a failure wait longer each time. Exceptions never leave the thread.
void SyncAgent::run_loop(bool pulling) {
    std::unique_ptr<Store> store;
    std::unique_ptr<HttpClient> client;
    int failures = 0;
    const std::string who = pulling ? "pull: " : "push: ";
    bool told_unenrolled = false;
    // The log says each change of state once (online, offline, retrying, back), not every try.
    auto failed = [&](const std::string& kind, const std::string& error, long retry_after_s) {
        auto wait = backoff(failures, retry_after_s);
        std::string line = who + (kind.empty() ? "error" : kind) + ": " + error + "; retry in " +
                           std::to_string(wait.count()) + " ms";
        if (failures == 0)
            log_warning(line + (kind == "offline" ? " (offline: working on the local store)" : ""));
        else
            log_info(line + " (attempt " + std::to_string(failures + 1) + ")");
        ++failures;
        pause(wait);
    };
    while (!stopping_) {
        try {
            if (!try_lock()) {
                pause(std::chrono::seconds(2));
                continue;
            }
            // Opening migrates: the agent's tables come with the store's schema (version 4).
            if (!store) store = Store::open(opt_.store, OpenMode::Existing);
            if (!client) {
                ClientConfig cfg = client_config(*store);
                if (cfg.token.empty()) { // not enrolled yet
                    if (!told_unenrolled)
                        log_notice(who + "the store " + opt_.store.string() +
                                   " is not enrolled yet: waiting (reception-syncd enrol)");
                    told_unenrolled = true;
                    pause(std::chrono::seconds(2));
                    continue;
                }
                client = std::make_unique<HttpClient>(cfg);
                log_info(who + "syncing " + opt_.store.string() + " with " + cfg.base_url);
                client->set_cancel(&stopping_); // stop() ends a long-poll at once
            }
            if (!pulling) confirm_rotation(*store, *client);
            StepResult r = pulling ? pull_once(*store, *client, opt_.pull_wait_s)
                                   : push_once(*store, *client, opt_.push_batch);
            if (!r.ok) {
                if (stopping_) break;
                record_error(*store, r.error_kind, r.error);
                // The token may have been rotated meanwhile (reception-syncd rotate): read it
                // from the store again before the next try.
                if (r.error_kind == "credential") client.reset();
                failed(r.error_kind, r.error, r.retry_after_s);
                continue;
            }
            if (failures > 0)
                log_notice(who + "online again after " + std::to_string(failures) +
                           " failed attempts");
            failures = 0;
            // The long-poll waits by itself; the pusher looks again after a moment or a nudge.
            if (!pulling && !r.more) pause(opt_.idle_check);
        } catch (const std::exception& e) {
            if (store) record_error(*store, "", e.what());
            store.reset(); // reopen: the file may have been replaced
            client.reset();
            failed("store", e.what(), -1);
        }
    }
}

// A rotated token the server has not yet heard confirmed (the answer to the confirm was lost,
// or the terminal was offline): confirmed before the next push. A failure is only logged: the
// new token works as it is, and the next round tries again.
void SyncAgent::confirm_rotation(Store& store, HttpClient& client) {
    if (store.meta(sync_key::token_unconfirmed).value_or("") != "1") return;
    std::string err = confirm_rotated_token(store, client);
    if (err.empty())
        log_notice("the rotated token is confirmed: the old one is void");
    else
        log_info("confirming the rotated token: " + err + " (tried again later)");
}

void SyncAgent::push_loop() {
    run_loop(false);
}

void SyncAgent::pull_loop() {
    run_loop(true);
}

} // namespace reception
