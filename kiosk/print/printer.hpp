// Talking to a thermal printer: a USB device file (the kernel's usblp driver), raw TCP (port
// 9100) or a file. Before a job the printer is asked its state (ESC/POS real-time status DLE EOT,
// and on usblp the LPGETSTATUS ioctl), so a printer out of paper gets no job and says why. The
// job goes in pieces the printer takes at its own pace, within one overall timeout: a printer
// stuck mid-job fails with a reason and never hangs the caller.
#pragma once

#include <chrono>
#include <string>

namespace reception::print {

struct PrintResult {
    bool ok = false;
    std::string error; // for the log; the visitor sees a translated message
};

// What the printer said before a job.
struct PrinterStatus {
    enum State { Ready, PaperOut, CoverOpen, Offline, NoAnswer, NotConfigured };
    State state = NoAnswer;
    bool paper_near_end = false;
    std::string detail; // for the log and the staff line: "cover open", "no status answer"
};
// "ready", "paper_out", "cover_open", "offline", "no_answer", "not_configured".
const char* status_code(PrinterStatus::State s);
// Paper out, cover open, offline: the printer said it cannot print, so no job is sent. A printer
// that does not answer at all (many cheap USB ones) is unknown and is still tried.
bool status_blocks_printing(const PrinterStatus& s);

// The answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (paper roll sensor), -1 for none.
PrinterStatus decode_dle_eot(int printer, int offline_cause, int paper);
// The usblp LPGETSTATUS byte (linux/lp.h: LP_PERRORP, LP_PSELECD, LP_POUTPA); used only to
// stop a job on a printer that answers no DLE EOT.
PrinterStatus decode_lp_status(int status);

// How long a printer may take.
struct PrinterLimits {
    std::chrono::milliseconds job{10000};  // connecting, the status and every byte of a job
    std::chrono::milliseconds status{500}; // each status answer
    int cancel_fd = -1;                    // when readable, give up at once (the worker stops)
};

// What happened to a job.
struct JobOutcome {
    PrinterStatus status;
    bool sent = false; // false: not reached, or the status stopped the job
    PrintResult result;
    int waits = 0; // how often the printer was not ready for the next piece (EAGAIN)
};

// Targets: "/dev/usb/lp0" (a device file), "host:9100" (raw TCP), "file:PATH" (appends, for
// tests and for a printer shared by a spooler); "" is no printer.
PrinterStatus query_printer_status(const std::string& target, const PrinterLimits& limits = {});
// The status first, then the job on the same connection when the status allows it.
JobOutcome print_job(const std::string& target, const std::string& bytes,
                     const PrinterLimits& limits = {});
// The job without asking the status first.
PrintResult send_to_printer(const std::string& target, const std::string& bytes,
                            const PrinterLimits& limits = {});

} // namespace reception::print
