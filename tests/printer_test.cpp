// Printing on real thermal printers (kiosk/print/printer.hpp, print_worker.hpp): a stand-in USB
// device (a pty, whose small buffer says EAGAIN as usblp does) and a stand-in network printer
// (a thread on 127.0.0.1 answering ESC/POS status like a real one, or hanging).
#include "headless_ui.hpp"
#include "kiosk_fixture.hpp"
#include "test_support.hpp"

#include "kiosk_model.hpp"
#include "print/escpos.hpp"
#include "print/printer_record.hpp"
#include "schedule/schedule.hpp"
#include "screens/screens.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fstream>
#include <mutex>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

using namespace reception;
using namespace reception::kiosk;
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
                                        {"16.03.2026 10:00", 24, true},
                                        {"Хромтау ауданы әкімдігінің қабылдау бөлмесі", 20, true}};
    print::Raster r = print::render_lines(painter, lines);
    if (raster) *raster = r;
    return print::encode_escpos(r);
}

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// A kiosk on a fresh store whose printer is config().printer, printed by the real worker.
struct PrintingKiosk {
    TestStore s;
    std::unique_ptr<KioskModel> m;
    std::mutex log_mutex;
    std::vector<std::string> log;
    Instant now = at(2026, 3, 16, 10, 0);

    explicit PrintingKiosk(const std::string& printer,
                           print::PrinterLimits limits = {std::chrono::milliseconds(1000),
                                                          std::chrono::milliseconds(200), -1}) {
        KioskConfig cfg;
        cfg.printer = printer;
        m = kiosk_on_demo_schedule(s, cfg, now);
        m->printer_limits = limits;
        m->print_log = [this](const std::string& line) {
            std::lock_guard<std::mutex> lock(log_mutex);
            log.push_back(line);
        };
    }
    void take_ticket() {
        m->start_ticket();
        m->choose_service("same_day");
        m->choose_category("", now);
    }
    // Refreshes as the frames would until the job has ended.
    bool wait_finished() {
        for (auto until = Clock::now() + 5s; Clock::now() < until;
             std::this_thread::sleep_for(10ms)) {
            m->refresh_print();
            if (print::job_finished(m->print_state().job)) return true;
        }
        return false;
    }
    nlohmann::json recorded() {
        auto row = s->meta(printer_meta_key(m->config().kiosk_id));
        return row ? nlohmann::json::parse(*row) : nlohmann::json{};
    }
};

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

TEST_CASE("kiosk printer: submitting a job returns at once, and a printer that accepts and "
          "never reads fails after the timeout, logged with the reason") {
    StandInPrinter printer(Mode::Deaf);
    std::mutex m;
    std::vector<std::string> log;
    print::PrintWorker worker({std::chrono::milliseconds(1000), std::chrono::milliseconds(200), -1},
                              [&](const std::string& line) {
                                  std::lock_guard<std::mutex> lock(m);
                                  log.push_back(line);
                              });
    std::string stream = ticket_stream();
    auto t0 = Clock::now();
    int job = worker.submit(printer.target(), stream);
    double submit_ms = ms_since(t0);
    CHECK(submit_ms < 50);
    CHECK_FALSE(print::job_finished(worker.report(job).state));
    print::JobReport r;
    while (ms_since(t0) < 5000 && !print::job_finished((r = worker.report(job)).state))
        std::this_thread::sleep_for(10ms);
    double ended_ms = ms_since(t0);
    CHECK(r.state == print::JobState::Failed);
    CHECK(r.error.find("timed out after 1 s") == 0);
    CHECK(ended_ms < 2000);
    std::lock_guard<std::mutex> lock(m);
    REQUIRE(log.size() == 1);
    CHECK(log[0] == "reception-kiosk: printer " + printer.target() + ": " + r.error);
    MESSAGE("hung printer: submit " << submit_ms << " ms, failed after " << ended_ms
                                    << " ms: " << r.error);
}

TEST_CASE("kiosk printer: the worker stops at once even with a job hanging on the printer") {
    StandInPrinter printer(Mode::Deaf);
    std::string stream = ticket_stream() + ticket_stream() + ticket_stream();
    auto worker =
        std::make_unique<print::PrintWorker>(print::PrinterLimits{}, [](const std::string&) {});
    int job = worker->submit(printer.target(), stream);
    worker->submit(printer.target(), stream); // queued behind it
    while (worker->report(job).state == print::JobState::Queued) std::this_thread::sleep_for(1ms);
    std::this_thread::sleep_for(700ms); // past the status request, into the job
    auto t0 = Clock::now();
    worker.reset();
    CHECK(ms_since(t0) < 200);
}

TEST_CASE("kiosk printer: out of paper, the ticket screen asks to note the number at once, then "
          "says the printer failed, and the store and the staff line say paper out") {
    StandInPrinter printer(Mode::PaperOut);
    PrintingKiosk k(printer.target());
    auto t0 = Clock::now();
    k.take_ticket();
    double ticket_ms = ms_since(t0);
    REQUIRE(k.m->ticket());
    CHECK(k.m->screen() == Screen::TicketDone);
    std::string number = k.m->ticket()->number;
    // Before the printer is tried: the number, to be noted.
    PrintNotice before = k.m->print_notice(number);
    CHECK_FALSE(before.failed);
    CHECK(before.text == catalog().text(Lang::kk, "ui.printing") + " " +
                             catalog().format(Lang::kk, "ui.note_number", {{"number", number}}));
    CHECK(before.text.find("Нөміріңізді жазып алыңыз: " + number) != std::string::npos);
    REQUIRE(k.wait_finished());
    CHECK(k.m->print_state().job == print::JobState::NotPrinted);
    CHECK(k.m->print_state().status.state == print::PrinterStatus::PaperOut);
    PrintNotice after = k.m->print_notice(number);
    CHECK(after.failed);
    CHECK(after.text == catalog().format(Lang::kk, "error.printer_failed", {{"number", number}}));
    CHECK(printer.job().empty());
    // For staff: the store's meta row, and the kiosk's grey line in both languages.
    nlohmann::json row = k.recorded();
    CHECK(row["state"] == "paper_out");
    CHECK(row["detail"] == "paper out");
    CHECK(row["paper_near_end"] == true);
    CHECK(parse_instant(row["time"].get<std::string>()));
    std::string kk = printer_staff_text(*k.s, "kiosk-1", catalog(), Lang::kk);
    CHECK(kk.find("Принтерде қағаз бітті (") == 0);
    CHECK(printer_staff_text(*k.s, "kiosk-1", catalog(), Lang::ru)
              .find("В принтере закончилась бумага") == 0);
    {
        std::lock_guard<std::mutex> lock(k.log_mutex);
        REQUIRE(k.log.size() == 1);
        CHECK(k.log[0] == "reception-kiosk: printer " + printer.target() + ": paper out");
    }
    // Paper in: the next ticket prints, the screen says nothing more, the staff line clears.
    printer.mode = Mode::Ready;
    k.m->reset();
    k.take_ticket();
    REQUIRE(k.wait_finished());
    CHECK(k.m->print_state().job == print::JobState::Done);
    CHECK(k.m->print_state().ok);
    CHECK(k.m->print_notice(k.m->ticket()->number).text.empty());
    CHECK(k.recorded()["state"] == "ready");
    CHECK(printer_staff_text(*k.s, "kiosk-1", catalog(), Lang::kk).empty());
    CHECK(printer.wait_job(1000));
    CHECK(print::decode_escpos(printer.job()));
    MESSAGE("ticket issued and shown in " << ticket_ms << " ms");
}

TEST_CASE("kiosk printer: a network printer that hangs freezes nothing: frames keep coming and "
          "the ticket screen tells the failure after the timeout") {
    StandInPrinter printer(Mode::Deaf);
    PrintingKiosk k(printer.target());
    ui::Ui ui;
    HeadlessScreen screen{ui, 1920, 1080, 1.0f};
    ui::apply_theme(1.0f);
    ScreenState st;
    auto t0 = Clock::now();
    k.take_ticket();
    double ticket_ms = ms_since(t0);
    CHECK(ticket_ms < 1000); // the printer's 1 s timeout is not in it
    double slowest = 0;
    int frames = 0;
    while (!print::job_finished(k.m->print_state().job) && ms_since(t0) < 5000) {
        auto f0 = Clock::now();
        k.m->refresh_print();
        draw_headless_frame(ui, [&] { draw_kiosk(*k.m, ui, st, k.now); });
        slowest = std::max(slowest, ms_since(f0));
        ++frames;
        std::this_thread::sleep_for(16ms);
    }
    CHECK(k.m->print_state().job == print::JobState::Failed);
    CHECK(k.m->print_notice("A-001").failed);
    CHECK(slowest < 100);
    CHECK(frames > 20);
    CHECK(k.recorded()["state"] == "failed");
    CHECK(printer_staff_text(*k.s, "kiosk-1", catalog(), Lang::kk)
              .find("Принтер басып шығаруды аяқтамады: timed out") == 0);
    MESSAGE("hung printer: ticket " << ticket_ms << " ms, " << frames << " frames, slowest "
                                    << slowest << " ms");
}

TEST_CASE("kiosk printer: a kiosk with no printer by design asks to remember the number and "
          "reports no failure") {
    PrintingKiosk k("");
    k.take_ticket();
    REQUIRE(k.m->ticket());
    std::string number = k.m->ticket()->number;
    CHECK_FALSE(k.m->print_state().tried);
    CHECK(k.m->print_state().status.state == print::PrinterStatus::NotConfigured);
    PrintNotice n = k.m->print_notice(number);
    CHECK_FALSE(n.failed);
    CHECK(n.text == "Нөміріңізді есте сақтаңыз: " + number + ".");
    k.m->set_lang(Lang::ru);
    CHECK(k.m->print_notice(number).text == "Запомните ваш номер: " + number + ".");
    CHECK(k.recorded().is_null()); // nothing for staff to look at
    std::lock_guard<std::mutex> lock(k.log_mutex);
    CHECK(k.log.empty());
}

TEST_CASE("kiosk printer: a file target (screenshots, a spooler's folder) is written at once, so "
          "the first frame shows the outcome") {
    TempDir dir;
    PrintingKiosk k("file:" + (dir / "printer.escpos").string());
    k.take_ticket();
    CHECK(k.m->print_state().job == print::JobState::Done);
    CHECK(k.m->print_state().ok);
    CHECK(k.m->print_notice(k.m->ticket()->number).text.empty());
    std::ifstream in(dir / "printer.escpos", std::ios::binary);
    std::string got((std::istreambuf_iterator<char>(in)), {});
    CHECK(print::decode_escpos(got));
    CHECK(k.recorded()["state"] == "ready");
}

TEST_CASE("kiosk printer: reception-printer-check, as the administrator runs it before opening, "
          "says ready and prints a test ticket, and says paper out with exit status 1") {
    StandInPrinter printer(Mode::Ready);
    std::string bin = RECEPTION_PRINTER_CHECK_BIN;
    std::string out;
    CHECK(run_command(bin + " " + printer.target() + " 2>&1", &out) == 0);
    CHECK(out.find("printer " + printer.target() + ": ready") != std::string::npos);
    out.clear();
    CHECK(run_command(bin + " --print " + printer.target() + " 2>&1", &out) == 0);
    CHECK(out.find("printed ") != std::string::npos);
    // What reached the printer is a ticket: ESC/POS that decodes to a raster.
    REQUIRE(printer.wait_job(1000));
    CHECK(print::decode_escpos(printer.job()));
    StandInPrinter empty(Mode::PaperOut);
    out.clear();
    CHECK(run_command(bin + " --print " + empty.target() + " 2>&1", &out) == 1);
    CHECK(out.find("paper out") != std::string::npos);
    CHECK(empty.job().empty());
}
