#include "server/writer.hpp"

#include "common/protocol.hpp"
#include "server/server_store.hpp"

namespace reception {

// A group larger than this waits for the next commit: answers must not wait on a huge one.
static constexpr size_t kMaxGroup = 256;

// Commits start at least this far apart. Without it a lightly loaded server commits every push
// alone: with 2,000 terminals, 1,500 commits a second, each writing the same index pages to
// the WAL again and paying an fsync, and the server used most of a core for it. Waiting up to
// this long lets a few pushes share a commit (PostgreSQL's commit_delay is the same idea).
static constexpr auto kCommitGap = std::chrono::milliseconds(2);

// How long the next commit task waits to keep commits kCommitGap apart.
static std::chrono::microseconds gap_left(std::chrono::steady_clock::time_point last) {
    auto left = last + kCommitGap - std::chrono::steady_clock::now();
    return std::max(std::chrono::microseconds(0),
                    std::chrono::duration_cast<std::chrono::microseconds>(left));
}

Writer::Writer(const StoreLocation& where, Post post, Committed on_commit)
    : db_(open_server_store(where)), post_(std::move(post)), on_commit_(std::move(on_commit)) {}

void Writer::submit(std::function<Reply(ServerStore&)> write, Done done, ReadAhead ahead) {
    bool start = false;
    std::chrono::microseconds delay{0};
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(Job{std::move(write), std::move(done), std::move(ahead),
                             std::chrono::steady_clock::now()});
        start = !scheduled_;
        scheduled_ = true;
        delay = gap_left(last_commit_);
    }
    if (start) post_(delay, [this] { run_task(); });
}

// One group, then the next task is posted behind what the I/O threads already have to do, so a
// steady stream of pushes never starves the pulls and reads waiting on the same threads.
void Writer::run_task() {
    std::vector<Job> jobs;
    {
        std::lock_guard lock(mutex_);
        while (!queue_.empty() && jobs.size() < kMaxGroup) {
            jobs.push_back(std::move(queue_.front()));
            queue_.pop_front();
        }
    }
    run_group(jobs);
    bool again = false;
    std::chrono::microseconds delay{0};
    {
        std::lock_guard lock(mutex_);
        last_commit_ = std::chrono::steady_clock::now();
        again = !queue_.empty();
        scheduled_ = again;
        delay = gap_left(last_commit_);
    }
    if (again) post_(delay, [this] { run_task(); });
}

void Writer::finish() {
    for (;;) {
        std::vector<Job> jobs;
        {
            std::lock_guard lock(mutex_);
            if (queue_.empty()) return;
            jobs.assign(std::make_move_iterator(queue_.begin()),
                        std::make_move_iterator(queue_.end()));
            queue_.clear();
        }
        run_group(jobs);
    }
}

// One job in its savepoint: refused (HttpError) or failed, its writes are undone alone.
static Reply run_job(ServerStore& db, const std::function<Reply(ServerStore&)>& write) {
    Reply r;
    try {
        db.savepoint([&] { r = write(db); });
    } catch (const HttpError& e) {
        return error_reply(e.status, e.code, e.what());
    } catch (const StoreError& e) {
        return error_reply(503, "store_unavailable", e.what());
    }
    return r;
}

void Writer::run_group(std::vector<Job>& jobs) {
    if (jobs.empty()) return;
    auto started = std::chrono::steady_clock::now();
    std::vector<Reply> replies(jobs.size());
    std::vector<std::string> rooms;
    try {
        db_->transaction([&] {
            ReadAhead ahead;
            for (const Job& job : jobs) ahead.add(job.ahead);
            if (!ahead.empty()) db_->read_ahead(ahead);
            for (size_t i = 0; i < jobs.size(); ++i) replies[i] = run_job(*db_, jobs[i].write);
        });
    } catch (const std::exception& e) {
        // The commit failed: nothing of the group is stored, so no one may hear "applied".
        for (Reply& r : replies) {
            r = error_reply(503, "store_unavailable", e.what());
            r.rooms.clear();
        }
    }
    for (const Reply& r : replies) rooms.insert(rooms.end(), r.rooms.begin(), r.rooms.end());
    std::map<std::string, long long> heads;
    try {
        if (!rooms.empty()) heads = db_->heads_after_commit(rooms);
    } catch (const StoreError&) {
    }
    using Seconds = std::chrono::duration<double>;
    CommitFacts facts{jobs.size(), Seconds(started - jobs.front().queued_at).count(),
                      Seconds(std::chrono::steady_clock::now() - started).count()};
    if (on_commit_) on_commit_(heads, facts);
    for (size_t i = 0; i < jobs.size(); ++i) jobs[i].done(std::move(replies[i]));
}

} // namespace reception
