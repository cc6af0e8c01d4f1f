#include "writer.hpp"

#include "protocol.hpp"
#include "server_store.hpp"

namespace reception {

// A group larger than this waits for the next commit: answers must not wait on a huge one.
static constexpr size_t kMaxGroup = 256;

Writer::Writer(const std::filesystem::path& data_dir, Committed on_commit)
    : db_(open_server_store(data_dir)), on_commit_(std::move(on_commit)) {
    thread_ = std::thread([this] { run(); });
}

Writer::~Writer() {
    stop();
}

void Writer::submit(std::function<Reply(Store&)> write, Done done) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(Job{std::move(write), std::move(done)});
    }
    wake_.notify_one();
}

void Writer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void Writer::run() {
    for (;;) {
        std::vector<Job> jobs;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return; // stopping, and nothing left to answer
            while (!queue_.empty() && jobs.size() < kMaxGroup) {
                jobs.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        run_group(jobs);
    }
}

// One job in its savepoint: refused (HttpError) or failed, its writes are undone alone.
static Reply run_job(Store& db, const std::function<Reply(Store&)>& write) {
    db.exec("SAVEPOINT job");
    try {
        Reply r = write(db);
        db.exec("RELEASE job");
        return r;
    } catch (const HttpError& e) {
        db.exec("ROLLBACK TO job");
        db.exec("RELEASE job");
        return error_reply(e.status, e.code, e.what());
    } catch (const StoreError& e) {
        db.exec("ROLLBACK TO job");
        db.exec("RELEASE job");
        return error_reply(503, "store_unavailable", e.what());
    }
}

void Writer::run_group(std::vector<Job>& jobs) {
    std::vector<Reply> replies(jobs.size());
    std::vector<std::string> rooms;
    try {
        db_->transaction([&] {
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
    long long head = 0;
    try {
        head = feed_head(*db_);
    } catch (const StoreError&) {
    }
    if (on_commit_) on_commit_(rooms, head);
    for (size_t i = 0; i < jobs.size(); ++i) jobs[i].done(std::move(replies[i]));
}

} // namespace reception
