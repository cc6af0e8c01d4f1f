#include "printer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <linux/lp.h>
#include <linux/sockios.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace reception::print {

using Clock = std::chrono::steady_clock;

// States
const char* status_code(PrinterStatus::State s) {
    switch (s) {
    case PrinterStatus::Ready:
        return "ready";
    case PrinterStatus::PaperOut:
        return "paper_out";
    case PrinterStatus::CoverOpen:
        return "cover_open";
    case PrinterStatus::Offline:
        return "offline";
    case PrinterStatus::NoAnswer:
        return "no_answer";
    case PrinterStatus::NotConfigured:
        return "not_configured";
    }
    return "no_answer";
}

bool status_blocks_printing(const PrinterStatus& s) {
    return s.state == PrinterStatus::PaperOut || s.state == PrinterStatus::CoverOpen ||
           s.state == PrinterStatus::Offline;
}

// Bits of the DLE EOT answers (Epson ESC/POS reference; the same on the common clones).
PrinterStatus decode_dle_eot(int printer, int offline_cause, int paper) {
    PrinterStatus s;
    if (printer < 0) {
        s.detail = "no answer to the status request";
        return s;
    }
    bool cover_open = offline_cause >= 0 && (offline_cause & 0x04);
    bool stopped_at_paper_end = offline_cause >= 0 && (offline_cause & 0x20);
    bool error = offline_cause >= 0 && (offline_cause & 0x40);
    s.paper_near_end = paper >= 0 && (paper & 0x0c);
    if (cover_open) {
        s.state = PrinterStatus::CoverOpen;
        s.detail = "cover open";
    } else if ((paper >= 0 && (paper & 0x60)) || stopped_at_paper_end) {
        s.state = PrinterStatus::PaperOut;
        s.detail = "paper out";
    } else if ((printer & 0x08) || error) {
        s.state = PrinterStatus::Offline;
        s.detail = error ? "offline: printer error" : "offline";
    } else {
        s.state = PrinterStatus::Ready;
        s.detail = s.paper_near_end ? "ready, paper near end" : "ready";
    }
    return s;
}

// usblp reports the port status of the USB printer class: paper out, selected (online), and an
// error line that is active low.
PrinterStatus decode_lp_status(int status) {
    PrinterStatus s;
    if (status & LP_POUTPA) {
        s.state = PrinterStatus::PaperOut;
        s.detail = "paper out";
    } else if (!(status & LP_PSELECD)) {
        s.state = PrinterStatus::Offline;
        s.detail = "offline";
    } else if (!(status & LP_PERRORP)) {
        s.state = PrinterStatus::Offline;
        s.detail = "offline: printer error";
    } else {
        s.state = PrinterStatus::Ready;
        s.detail = "ready";
    }
    return s;
}

// Waiting
// An open printer, and when its job must be over.
struct Link {
    int fd = -1;
    bool tcp = false;
    Clock::time_point deadline;
    std::chrono::milliseconds limit{0};
    int cancel_fd = -1;
};

enum class Wait { Ready, Timeout, Cancelled };

constexpr const char* kCancelled = "cancelled: the kiosk is stopping";

static int ms_until(Clock::time_point t) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - Clock::now()).count();
    return ms < 0 ? 0 : int(ms);
}

// Waits for events on the printer, at most max_ms and never past the job's deadline; the cancel
// descriptor ends any wait at once. events 0 waits on the cancel descriptor only (a pause).
static Wait wait_for(const Link& l, short events, int max_ms) {
    Clock::time_point until =
        std::min(l.deadline, Clock::now() + std::chrono::milliseconds(max_ms));
    for (;;) {
        pollfd p[2] = {{l.cancel_fd, POLLIN, 0}, {l.fd, events, 0}};
        int count = (events ? 2 : 1);
        int n = l.cancel_fd >= 0 ? poll(p, count, ms_until(until))
                                 : poll(p + 1, events ? 1 : 0, ms_until(until));
        if (n < 0 && errno == EINTR) continue;
        if (l.cancel_fd >= 0 && p[0].revents) return Wait::Cancelled;
        if (n <= 0) return Wait::Timeout;
        return Wait::Ready; // POLLERR and POLLHUP too: the next read or write says what
    }
}

static std::string seconds_text(std::chrono::milliseconds d) {
    auto ms = d.count();
    return ms % 1000 ? std::to_string(ms) + " ms" : std::to_string(ms / 1000) + " s";
}

static std::string timed_out(const Link& l, size_t took, size_t total) {
    return "timed out after " + seconds_text(l.limit) + ": the printer took " +
           std::to_string(took) + " of " + std::to_string(total) + " bytes";
}

// Opening
// Read and write: the status answers come back on the same file. A printer the kiosk may only
// write to still opens.
static std::string open_device(const std::string& path, Link& l) {
    l.fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (l.fd < 0 && (errno == EACCES || errno == EPERM || errno == EINVAL))
        l.fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    return l.fd < 0 ? std::string("cannot open: ") + std::strerror(errno) : "";
}

static std::string open_tcp(std::string host, const std::string& port, Link& l) {
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2); // [::1]:9100
    addrinfo hints{}, *res = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &res) != 0 || !res)
        return "cannot resolve " + host;
    l.fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int rc = l.fd < 0 ? -1 : connect(l.fd, res->ai_addr, res->ai_addrlen);
    int err = errno;
    freeaddrinfo(res);
    if (l.fd < 0) return std::string("socket: ") + std::strerror(err);
    l.tcp = true;
    if (rc != 0 && err != EINPROGRESS) return std::string("cannot connect: ") + std::strerror(err);
    if (rc != 0) {
        // A printer that is off must not keep the kiosk waiting: at most 3 s for the connection.
        Wait w = wait_for(l, POLLOUT, 3000);
        if (w == Wait::Cancelled) return kCancelled;
        if (w == Wait::Timeout) return "does not answer (no connection in 3 s)";
        int soerr = 0;
        socklen_t len = sizeof soerr;
        getsockopt(l.fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
        if (soerr) return std::string("cannot connect: ") + std::strerror(soerr);
    }
    // The status requests are 3 bytes each, answered one by one: send each at once.
    int one = 1;
    setsockopt(l.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return "";
}

static std::string open_link(const std::string& target, const PrinterLimits& limits, Link& l) {
    l.limit = limits.job;
    l.deadline = Clock::now() + limits.job;
    l.cancel_fd = limits.cancel_fd;
    if (target[0] == '/') return open_device(target, l);
    size_t colon = target.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == target.size())
        return "printer target not understood (/dev/usb/lp0, host:9100 or file:PATH)";
    return open_tcp(target.substr(0, colon), target.substr(colon + 1), l);
}

// Whatever the printer sent and nobody read (a late status answer) would be taken for the next
// answer, and on TCP unread bytes at close make the kernel reset the connection.
static void discard_input(const Link& l) {
    char buf[256];
    while (::read(l.fd, buf, sizeof buf) > 0) {
    }
}

static void close_link(Link& l) {
    if (l.fd < 0) return;
    if (l.tcp) discard_input(l);
    ::close(l.fd);
    l.fd = -1;
}

// MSG_NOSIGNAL: a printer that closed the connection is an error to report, not a SIGPIPE that
// ends the kiosk.
static ssize_t put(const Link& l, const char* data, size_t n) {
    return l.tcp ? ::send(l.fd, data, n, MSG_NOSIGNAL) : ::write(l.fd, data, n);
}

// Status
// One DLE EOT request: the answer byte, or -1 when none came in time. A valid answer has bits
// 1 and 4 set and bits 0 and 7 clear; anything else (an automatic status, noise) is skipped.
static int ask(const Link& l, unsigned char n, std::chrono::milliseconds timeout) {
    discard_input(l);
    const char request[3] = {0x10, 0x04, char(n)};
    Clock::time_point until = Clock::now() + timeout;
    for (;;) {
        ssize_t w = put(l, request, 3);
        if (w == 3) break;
        if (w >= 0 || (errno != EAGAIN && errno != EINTR)) return -1;
        if (wait_for(l, POLLOUT, ms_until(until)) != Wait::Ready) return -1;
    }
    for (;;) {
        if (wait_for(l, POLLIN, ms_until(until)) != Wait::Ready) return -1;
        unsigned char b = 0;
        ssize_t got = ::read(l.fd, &b, 1);
        if (got == 1 && (b & 0x93) == 0x12) return b;
        if (got == 1 || (got < 0 && (errno == EAGAIN || errno == EINTR))) continue;
        return -1; // closed, or the device cannot be read
    }
}

// DLE EOT decides where it is answered. Without it, on a device, the usblp ioctl can still say
// the printer cannot print (paper out, offline); its "fine" proves little, as cheap printers
// report it whatever their state, so such a printer stays unknown. A port status of 0 (no line
// set at all) is a printer that does not report one.
static PrinterStatus read_status(const Link& l, std::chrono::milliseconds timeout) {
    int lp = 0;
    bool lp_known = !l.tcp && ioctl(l.fd, LPGETSTATUS, &lp) == 0 && lp != 0;
    int printer = ask(l, 1, timeout);
    int cause = printer < 0 ? -1 : ask(l, 2, timeout);
    int paper = printer < 0 ? -1 : ask(l, 4, timeout);
    PrinterStatus esc = decode_dle_eot(printer, cause, paper);
    if (esc.state != PrinterStatus::NoAnswer || !lp_known) return esc;
    PrinterStatus port = decode_lp_status(lp);
    port.detail += " (usblp port status)";
    return status_blocks_printing(port) ? port : esc;
}

// Writing
// usblp takes at most 8 KiB a write, and with O_NONBLOCK says EAGAIN while the last piece is
// still going out: wait for POLLOUT and go on, within the job's deadline.
constexpr size_t kPiece = 8192;

// A device that says it can take more (POLLOUT) and then EAGAIN again is not waited for in a busy
// loop: a short pause first.
static Wait pause_briefly(const Link& l) {
    return wait_for(l, 0, 10);
}

// Drained: on a device, POLLOUT once more means the last piece went out (usblp: its transfer
// completed); on TCP, the printer acknowledged every byte (nothing left in the send queue).
static PrintResult drain(const Link& l, size_t total) {
    if (!l.tcp) {
        Wait w = wait_for(l, POLLOUT, ms_until(l.deadline));
        if (w == Wait::Cancelled) return {false, kCancelled};
        if (w == Wait::Timeout) return {false, timed_out(l, total, total) + ", not the end"};
        return {true, ""};
    }
    for (;;) {
        int left = 0;
        if (ioctl(l.fd, SIOCOUTQ, &left) != 0 || left <= 0) return {true, ""};
        if (ms_until(l.deadline) == 0) return {false, timed_out(l, total - size_t(left), total)};
        if (wait_for(l, 0, 20) == Wait::Cancelled) return {false, kCancelled};
    }
}

static PrintResult write_job(const Link& l, const std::string& bytes, int* waits) {
    size_t done = 0;
    bool waited_last = false;
    while (done < bytes.size()) {
        ssize_t n = put(l, bytes.data() + done, std::min(kPiece, bytes.size() - done));
        if (n > 0) {
            done += size_t(n);
            waited_last = false;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
            return {false, std::string("write: ") +
                               (n == 0 ? "nothing taken" : std::strerror(errno)) + " after " +
                               std::to_string(done) + " of " + std::to_string(bytes.size()) +
                               " bytes"};
        ++*waits;
        if (waited_last && pause_briefly(l) == Wait::Cancelled) return {false, kCancelled};
        Wait w = wait_for(l, POLLOUT, ms_until(l.deadline));
        if (w == Wait::Cancelled) return {false, kCancelled};
        if (w == Wait::Timeout || ms_until(l.deadline) == 0)
            return {false, timed_out(l, done, bytes.size())};
        waited_last = true;
    }
    return drain(l, bytes.size());
}

static PrintResult append_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out << bytes;
    return out ? PrintResult{true, ""} : PrintResult{false, "cannot write " + path};
}

static bool is_file(const std::string& target) {
    return target.rfind("file:", 0) == 0;
}

// Targets
PrinterStatus query_printer_status(const std::string& target, const PrinterLimits& limits) {
    if (target.empty()) return {PrinterStatus::NotConfigured, false, "no printer configured"};
    if (is_file(target)) return {PrinterStatus::Ready, false, "a file"};
    Link l;
    std::string error = open_link(target, limits, l);
    PrinterStatus s = error.empty() ? read_status(l, limits.status)
                                    : PrinterStatus{PrinterStatus::Offline, false, error};
    close_link(l);
    return s;
}

JobOutcome print_job(const std::string& target, const std::string& bytes,
                     const PrinterLimits& limits) {
    JobOutcome out;
    if (target.empty() || is_file(target)) {
        out.status = query_printer_status(target, limits);
        out.sent = !target.empty();
        out.result =
            out.sent ? append_file(target.substr(5), bytes) : PrintResult{false, out.status.detail};
        return out;
    }
    Link l;
    std::string error = open_link(target, limits, l);
    // A printer that cannot be reached is offline to the staff who look at it.
    out.status = error.empty() ? read_status(l, limits.status)
                               : PrinterStatus{PrinterStatus::Offline, false, error};
    if (status_blocks_printing(out.status)) {
        out.result = {false, out.status.detail};
    } else {
        out.sent = true;
        out.result = write_job(l, bytes, &out.waits);
    }
    close_link(l);
    return out;
}

PrintResult send_to_printer(const std::string& target, const std::string& bytes,
                            const PrinterLimits& limits) {
    if (target.empty()) return {false, "no printer configured"};
    if (is_file(target)) return append_file(target.substr(5), bytes);
    Link l;
    std::string error = open_link(target, limits, l);
    int waits = 0;
    PrintResult r = error.empty() ? write_job(l, bytes, &waits) : PrintResult{false, error};
    close_link(l);
    return r;
}

} // namespace reception::print
