// Printing on real thermal printers (kiosk/print/printer.hpp): a stand-in USB
// device (a pty, whose small buffer says EAGAIN as usblp does) and a stand-in network printer
// (a thread on 127.0.0.1 answering ESC/POS status like a real one, or hanging).
#include "test_support.hpp"

#include "print/escpos.hpp"
#include "print/printer.hpp"
#include "print/printout.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

using namespace reception;
using namespace reception::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// What the stand-ins say to DLE EOT n.
enum class Mode { Ready, PaperOut, CoverOpen, Silent, Deaf };

int answer(Mode mode, int n) {
    switch (mode) {
    case Mode::PaperOut: // offline, stopped at paper end, paper end and near end
        return n == 1 ? 0x1e : n == 2 ? 0x32 : 0x7e;
    case Mode::CoverOpen:
        return n == 1 ? 0x1e : n == 2 ? 0x16 : 0x12;
    case Mode::Ready:
        return n == 1 ? 0x16 : 0x12;
    default:
        return -1;
    }
}

// A printer's side of the stream: status requests up to the first byte of the job, then the job.
struct PrinterSide {
    std::string pending, job;
    std::vector<int> asked;
    bool in_job = false;

    // Takes received bytes; returns what the printer answers.
    std::string feed(const char* data, size_t n, Mode mode) {
        std::string out;
        if (in_job) {
            job.append(data, n);
            return out;
        }
        pending.append(data, n);
        size_t i = 0;
        while (!in_job && pending.size() - i >= 3) {
            if (pending[i] == 0x10 && pending[i + 1] == 0x04) {
                int q = pending[i + 2];
                asked.push_back(q);
                if (answer(mode, q) >= 0) out += char(answer(mode, q));
                i += 3;
            } else {
                in_job = true;
            }
        }
        // A request cut in two waits for its end; anything else is the job.
        std::string rest = pending.substr(i);
        bool partial = !in_job && std::string("\x10\x04").compare(0, rest.size(), rest) == 0;
        if (!partial) {
            in_job = true;
            job += rest;
            rest.clear();
        }
        pending = rest;
        return out;
    }
};

// A network printer on 127.0.0.1: answers DLE EOT as mode says and keeps every job's bytes.
// Deaf accepts and never reads (a printer stuck mid-job), with a small receive buffer.
struct StandInPrinter {
    std::atomic<Mode> mode;
    int listen_fd = -1, port = 0;
    std::atomic<bool> stop{false};
    std::mutex m;
    PrinterSide side; // the last connection's
    int connections = 0;
    std::thread thread;

    explicit StandInPrinter(Mode md) : mode(md) {
        listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int small = 4096;
        if (md == Mode::Deaf) setsockopt(listen_fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(listen_fd, (sockaddr*)&a, sizeof a) == 0);
        REQUIRE(listen(listen_fd, 4) == 0);
        socklen_t len = sizeof a;
        getsockname(listen_fd, (sockaddr*)&a, &len);
        port = ntohs(a.sin_port);
        thread = std::thread([this] { run(); });
    }
    ~StandInPrinter() {
        stop = true;
        thread.join();
        close(listen_fd);
    }
    std::string target() const { return "127.0.0.1:" + std::to_string(port); }
    std::string job() {
        std::lock_guard<std::mutex> lock(m);
        return side.job;
    }
    std::vector<int> asked() {
        std::lock_guard<std::mutex> lock(m);
        return side.asked;
    }
    // Waits until the job has size bytes (the printer reads at its pace).
    bool wait_job(size_t size) {
        for (auto until = Clock::now() + 3s; Clock::now() < until; std::this_thread::sleep_for(5ms))
            if (job().size() >= size) return true;
        return false;
    }

    bool readable(int fd) {
        pollfd p{fd, POLLIN, 0};
        return poll(&p, 1, 20) == 1;
    }
    void run() {
        while (!stop) {
            if (!readable(listen_fd)) continue;
            int fd = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            {
                std::lock_guard<std::mutex> lock(m);
                side = PrinterSide{};
                ++connections;
            }
            serve(fd);
            close(fd);
        }
    }
    void serve(int fd) {
        char buf[4096];
        while (!stop) {
            if (mode == Mode::Deaf) std::this_thread::sleep_for(20ms);
            if (mode == Mode::Deaf || !readable(fd)) continue;
            ssize_t n = read(fd, buf, sizeof buf);
            if (n <= 0) return;
            std::string reply;
            {
                std::lock_guard<std::mutex> lock(m);
                reply = side.feed(buf, size_t(n), mode);
            }
            if (!reply.empty() && write(fd, reply.data(), reply.size()) < 0) return;
        }
    }
};

// A USB printer stand-in: a pty in raw mode. The code under test opens the slave side as it
// opens /dev/usb/lp0; the test reads the master side. Its buffer holds a few KiB, so a ticket
// meets EAGAIN as it does on usblp.
struct Pty {
    int master = -1, slave = -1;
    std::string path;
    Pty() {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        REQUIRE(master >= 0);
        REQUIRE(grantpt(master) == 0);
        REQUIRE(unlockpt(master) == 0);
        path = ptsname(master);
        // Kept open, so the terminal and its raw mode outlive the code's open and close.
        slave = open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
        termios t{};
        tcgetattr(slave, &t);
        cfmakeraw(&t);
        tcsetattr(slave, TCSANOW, &t);
    }
    ~Pty() {
        close(slave);
        close(master);
    }
};

// A real ticket, as the kiosk prints it: Kazakh text and a large number.
std::string ticket_stream(print::Raster* raster = nullptr) {
    print::TextPainter painter(print::default_font());
    std::vector<print::PrintLine> lines{{"Сіздің нөміріңіз", 30, true},
                                        {"A-001", 140, true},
                                        {"Бүгінгі жеке қабылдау", 30, true},
                                        {"Кезектен тыс: Ұлы Отан соғысының ардагерлері", 24, true},
                                        {"Санат құжатпен тексеріледі", 22, true},
                                        {"Сізден бұрын: 0 адам", 28, true},
                                        {"10:00, 16.03.2026", 24, true},
                                        {"Хромтау ауданы әкімдігінің қабылдау бөлмесі", 20, true}};
    print::Raster r = print::render_lines(painter, lines);
    if (raster) *raster = r;
    return print::encode_escpos(r);
}

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

} // namespace

TEST_CASE("kiosk printer: the answers to DLE EOT and usblp's port status read as the printer's "
          "state") {
    using S = print::PrinterStatus;
    CHECK(print::decode_dle_eot(0x16, 0x12, 0x12).state == S::Ready);
    CHECK_FALSE(print::decode_dle_eot(0x16, 0x12, 0x12).paper_near_end);
    auto near_end = print::decode_dle_eot(0x16, 0x12, 0x1e);
    CHECK(near_end.state == S::Ready);
    CHECK(near_end.paper_near_end);
    CHECK(print::decode_dle_eot(0x1e, 0x32, 0x7e).state == S::PaperOut);
    CHECK(print::decode_dle_eot(0x16, 0x12, 0x72).state == S::PaperOut); // paper end only
    CHECK(print::decode_dle_eot(0x1e, 0x16, 0x12).state == S::CoverOpen);
    CHECK(print::decode_dle_eot(0x1e, 0x12, 0x12).state == S::Offline);
    CHECK(print::decode_dle_eot(0x16, 0x52, 0x12).state == S::Offline); // an error
    CHECK(print::decode_dle_eot(-1, -1, -1).state == S::NoAnswer);
    CHECK(print::decode_lp_status(0x18).state == S::Ready);
    CHECK(print::decode_lp_status(0x38).state == S::PaperOut);
    CHECK(print::decode_lp_status(0x08).state == S::Offline); // not selected
    CHECK(print::decode_lp_status(0x10).state == S::Offline); // error line low
    CHECK_FALSE(print::status_blocks_printing(near_end));
    CHECK_FALSE(print::status_blocks_printing(print::decode_dle_eot(-1, -1, -1)));
    CHECK(print::status_blocks_printing(print::decode_dle_eot(0x1e, 0x32, 0x7e)));
}

TEST_CASE("kiosk printer: a ticket of over 28.5 KB reaches a USB device that takes it in pieces "
          "(EAGAIN), every byte in order") {
    Pty pty;
    std::string stream = ticket_stream();
    CHECK(stream.size() > 28500); // what failed with a single write on usblp
    // The printer reads slowly, 512 bytes every 2 ms, and answers the status requests.
    PrinterSide side;
    std::atomic<size_t> received{0};
    std::atomic<bool> done{false};
    std::thread reader([&] {
        char buf[512];
        while (!done) {
            pollfd p{pty.master, POLLIN, 0};
            if (poll(&p, 1, 20) != 1) continue;
            ssize_t n = read(pty.master, buf, sizeof buf);
            if (n <= 0) break;
            std::string reply = side.feed(buf, size_t(n), Mode::Ready);
            if (!reply.empty() && write(pty.master, reply.data(), reply.size()) < 0) break;
            received = side.job.size();
            std::this_thread::sleep_for(2ms);
        }
    });
    auto t0 = Clock::now();
    print::JobOutcome out = print::print_job(pty.path, stream);
    double took = ms_since(t0);
    // The drain waited for the last piece to leave; the reader still empties the buffer.
    for (auto until = Clock::now() + 3s; Clock::now() < until && received < stream.size();)
        std::this_thread::sleep_for(5ms);
    done = true;
    reader.join();
    CHECK(out.status.state == print::PrinterStatus::Ready);
    CHECK(out.sent);
    CHECK_MESSAGE(out.result.ok, out.result.error);
    CHECK(out.waits > 0); // the device said EAGAIN, and the job went on
    CHECK(side.asked == std::vector<int>{1, 2, 4});
    CHECK(side.job.size() == stream.size());
    CHECK(side.job == stream);
    MESSAGE("pty: " << stream.size() << " bytes in " << took << " ms, " << out.waits
                    << " EAGAIN waits");
}

TEST_CASE("kiosk printer: a USB device that never takes the job fails after the timeout with "
          "the reason") {
    Pty pty; // nobody reads the master side
    std::string stream = ticket_stream();
    print::PrinterLimits limits{std::chrono::milliseconds(1000), std::chrono::milliseconds(200),
                                -1};
    auto t0 = Clock::now();
    print::JobOutcome out = print::print_job(pty.path, stream, limits);
    double took = ms_since(t0);
    CHECK(out.status.state == print::PrinterStatus::NoAnswer); // and it was still tried
    CHECK(out.sent);
    CHECK_FALSE(out.result.ok);
    CHECK(out.result.error.find("timed out after 1 s: the printer took ") == 0);
    CHECK(out.result.error.find("of " + std::to_string(stream.size()) + " bytes") !=
          std::string::npos);
    CHECK(took >= 900);
    CHECK(took < 2000);
    MESSAGE("stuck pty: " << out.result.error << " (" << took << " ms, " << out.waits
                          << " EAGAIN)");
    // A device that is not there is told as well.
    print::JobOutcome missing = print::print_job("/nonexistent/lp0", stream, limits);
    CHECK(missing.status.state == print::PrinterStatus::Offline);
    CHECK_FALSE(missing.sent);
    CHECK(missing.result.error == "cannot open: No such file or directory");
}

TEST_CASE("kiosk printer: a ready network printer answers the status and receives the job, "
          "which decodes back") {
    StandInPrinter printer(Mode::Ready);
    print::Raster raster;
    std::string stream = ticket_stream(&raster);
    CHECK(print::query_printer_status(printer.target()).state == print::PrinterStatus::Ready);
    print::JobOutcome out = print::print_job(printer.target(), stream);
    CHECK(out.status.state == print::PrinterStatus::Ready);
    CHECK(out.sent);
    CHECK_MESSAGE(out.result.ok, out.result.error);
    REQUIRE(printer.wait_job(stream.size()));
    CHECK(printer.asked() == std::vector<int>{1, 2, 4});
    auto back = print::decode_escpos(printer.job());
    REQUIRE(back);
    CHECK(back->width == raster.width);
    CHECK(back->height == raster.height);
    CHECK(back->dots == raster.dots);
}

TEST_CASE("kiosk printer: a network printer out of paper or with its cover open gets no job, "
          "and says why") {
    StandInPrinter printer(Mode::PaperOut);
    std::string stream = ticket_stream();
    print::JobOutcome out = print::print_job(printer.target(), stream);
    CHECK(out.status.state == print::PrinterStatus::PaperOut);
    CHECK(out.status.detail == "paper out");
    CHECK_FALSE(out.sent);
    CHECK(out.result.error == "paper out");
    CHECK(printer.job().empty()); // only the status requests came
    printer.mode = Mode::CoverOpen;
    out = print::print_job(printer.target(), stream);
    CHECK(out.status.state == print::PrinterStatus::CoverOpen);
    CHECK_FALSE(out.sent);
    CHECK(printer.job().empty());
    printer.mode = Mode::Ready; // the paper is in, the cover shut: it prints
    out = print::print_job(printer.target(), stream);
    CHECK(out.result.ok);
    CHECK(printer.wait_job(stream.size()));
}

TEST_CASE("kiosk printer: a printer that answers no status is still sent the job") {
    StandInPrinter printer(Mode::Silent);
    std::string stream = ticket_stream();
    print::PrinterLimits limits{std::chrono::milliseconds(3000), std::chrono::milliseconds(200),
                                -1};
    auto t0 = Clock::now();
    print::JobOutcome out = print::print_job(printer.target(), stream, limits);
    CHECK(ms_since(t0) < 1000); // one unanswered request, not three
    CHECK(out.status.state == print::PrinterStatus::NoAnswer);
    CHECK(out.sent);
    CHECK(out.result.ok);
    CHECK(printer.wait_job(stream.size()));
    CHECK(printer.job() == stream);
}
