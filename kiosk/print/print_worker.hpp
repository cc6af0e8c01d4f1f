// Printing on a thread of its own: the kiosk hands a job over and goes on drawing, and each
// frame reads how the job is going. A printer that hangs keeps only this thread waiting, up to
// the job's timeout (printer.hpp), and then the job is failed with the reason, which is also
// written to the log (stderr) as one line.
#pragma once

#include "printer.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace reception::print {

// Queued and Printing go on; Done, Failed (sent, not all taken) and NotPrinted (not sent: the
// printer could not be reached or said it cannot print) are the end.
enum class JobState { Queued, Printing, Done, Failed, NotPrinted };
const char* job_state_code(JobState s); // "queued", "printing", "done", "failed", "not_printed"
bool job_finished(JobState s);

struct JobReport {
    JobState state = JobState::Queued;
    PrinterStatus status; // what the printer said before the job (NoAnswer until asked)
    std::string error;    // why it failed or was not printed
};

// A job's end as the worker reports it.
JobReport report_of(const JobOutcome& out);

// "reception-kiosk: printer /dev/usb/lp0: paper out"
std::string failure_line(const std::string& target, const std::string& reason);
void log_to_stderr(const std::string& line);
using PrintLog = std::function<void(const std::string& line)>;

class PrintWorker {
  public:
    // on_change, when given, is called on the worker's thread after a job's state moved: the
    // kiosk wakes its event loop with it, so the screen shows the outcome at once.
    explicit PrintWorker(PrinterLimits limits = {}, PrintLog log = log_to_stderr,
                         std::function<void()> on_change = {});
    // Stops at once: a job being sent is abandoned, queued ones are dropped.
    ~PrintWorker();
    PrintWorker(const PrintWorker&) = delete;
    PrintWorker& operator=(const PrintWorker&) = delete;

    // Queues a job and returns its id at once.
    int submit(std::string target, std::string bytes);
    // The job's state now; an unknown id (or one long forgotten) reads as failed.
    JobReport report(int job) const;

  private:
    struct Job {
        int id = 0;
        std::string target, bytes;
    };
    void run();
    void set(int job, const JobReport& r);
    PrinterLimits limits_;
    PrintLog log_;
    std::function<void()> on_change_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    std::map<int, JobReport> reports_;
    int next_id_ = 1;
    bool stopping_ = false;
    int cancel_[2] = {-1, -1}; // a pipe: written once when stopping, ends any wait on the printer
    std::thread thread_;
};

} // namespace reception::print
