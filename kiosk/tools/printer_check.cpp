// reception-printer-check: asks a printer its state, as the kiosk does before each job, and with
// --print sends a test ticket in Kazakh and Russian, to check a printer when it is installed.
#include "base/date.hpp"
#include "base/version.hpp"
#include "print/escpos.hpp"
#include "print/printer.hpp"
#include "print/printout.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

using namespace reception;
using Clock = std::chrono::steady_clock;

// The test ticket: every Kazakh letter, so a printer that drops them is seen at once.
static std::string test_ticket(const std::string& target) {
    print::TextPainter painter(print::default_font());
    std::vector<print::PrintLine> lines{{"Принтер тексерісі", 30, true},
                                        {"Проверка принтера", 30, true},
                                        {"А-001", 140, true},
                                        {"Ә Ғ Қ Ң Ө Ұ Ү Һ І", 40, true},
                                        {"ә ғ қ ң ө ұ ү һ і", 40, true},
                                        {format_instant(now_utc()), 22, true},
                                        {target, 22, true}};
    return print::encode_escpos(print::render_lines(painter, lines));
}

static void print_status(const std::string& target, const print::PrinterStatus& s) {
    std::printf("printer %s: %s (%s)%s\n", target.c_str(), print::status_code(s.state),
                s.detail.c_str(), s.paper_near_end ? ", paper near end" : "");
}

int main(int argc, char** argv) {
    CLI::App app{"reception-printer-check: a printer's state, and a test ticket"};
    app.set_version_flag("--version", version_line("reception-printer-check"));
    std::string target;
    bool print_test = false;
    int timeout = 10;
    app.add_option("target", target, "/dev/usb/lp0, host:9100 or file:PATH")->required();
    app.add_flag("--print", print_test, "print a test ticket when the printer can print");
    app.add_option("--timeout", timeout, "seconds the job may take")->check(CLI::Range(1, 120));
    CLI11_PARSE(app, argc, argv);
    print::PrinterLimits limits;
    limits.job = std::chrono::seconds(timeout);
    if (!print_test) {
        print::PrinterStatus s = print::query_printer_status(target, limits);
        print_status(target, s);
        return print::status_blocks_printing(s) ? 1 : 0;
    }
    std::string bytes = test_ticket(target);
    auto t0 = Clock::now();
    print::JobOutcome out = print::print_job(target, bytes, limits);
    long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    print_status(target, out.status);
    if (out.result.ok)
        std::printf("printed %zu bytes in %lld ms (the printer made us wait %d times)\n",
                    bytes.size(), ms, out.waits);
    else
        std::printf("not printed after %lld ms: %s\n", ms, out.result.error.c_str());
    return out.result.ok ? 0 : 1;
}
