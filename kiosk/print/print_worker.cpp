#include "print_worker.hpp"
#include "base/log.hpp"

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace reception::print {

// States
const char* job_state_code(JobState s) {
    switch (s) {
    case JobState::Queued:
        return "queued";
    case JobState::Printing:
        return "printing";
    case JobState::Done:
        return "done";
    case JobState::Failed:
        return "failed";
    case JobState::NotPrinted:
        return "not_printed";
    }
    return "failed";
}

bool job_finished(JobState s) {
    return s == JobState::Done || s == JobState::Failed || s == JobState::NotPrinted;
}

JobReport report_of(const JobOutcome& out) {
    JobReport r;
    r.status = out.status;
    r.error = out.result.error;
    r.state = out.result.ok ? JobState::Done : out.sent ? JobState::Failed : JobState::NotPrinted;
    return r;
}

// The log
std::string failure_line(const std::string& target, const std::string& reason) {
    return "reception-kiosk: printer " + target + ": " + reason;
}

// A printer that fails is a warning: a visitor may have left without a ticket.
void log_to_stderr(const std::string& line) {
    log_warning(line);
}

// The worker
PrintWorker::PrintWorker(PrinterLimits limits, PrintLog log, std::function<void()> on_change)
    : limits_(limits), log_(std::move(log)), on_change_(std::move(on_change)) {
    if (pipe2(cancel_, O_CLOEXEC | O_NONBLOCK) == 0) limits_.cancel_fd = cancel_[0];
    thread_ = std::thread([this] { run(); });
}

PrintWorker::~PrintWorker() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    if (cancel_[1] >= 0 && ::write(cancel_[1], "x", 1) < 0) {
        // The pipe is ours and empty: a write cannot fail; the flag stops the thread anyway.
    }
    wake_.notify_all();
    thread_.join();
    for (int fd : cancel_)
        if (fd >= 0) ::close(fd);
}

int PrintWorker::submit(std::string target, std::string bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    int id = next_id_++;
    queue_.push_back({id, std::move(target), std::move(bytes)});
    reports_[id] = JobReport{};
    // A kiosk prints all day: only the latest reports are kept.
    while (reports_.size() > 64) reports_.erase(reports_.begin());
    wake_.notify_all();
    return id;
}

JobReport PrintWorker::report(int job) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = reports_.find(job);
    if (it != reports_.end()) return it->second;
    JobReport r;
    r.state = JobState::Failed;
    r.error = "no such print job";
    return r;
}

void PrintWorker::set(int job, const JobReport& r) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = reports_.find(job);
        if (it != reports_.end()) it->second = r;
    }
    if (on_change_) on_change_();
}

void PrintWorker::run() {
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        JobReport r;
        r.state = JobState::Printing;
        set(job.id, r);
        JobOutcome out = print_job(job.target, job.bytes, limits_);
        if (!out.result.ok) log_(failure_line(job.target, out.result.error));
        set(job.id, report_of(out));
    }
}

} // namespace reception::print
