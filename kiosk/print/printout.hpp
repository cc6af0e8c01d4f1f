// A printout as lines of text, laid out on the printer's width and sent as ESC/POS raster.
#pragma once

#include "raster.hpp"
#include "text_raster.hpp"

#include <string>
#include <vector>

namespace reception::print {

struct PrintLine {
    std::string text;
    int pixel_size = 28;
    bool center = true;
};

// 576 dots: the printable width of an 80 mm thermal printer at 203 dpi.
constexpr int kPaperDots = 576;

// Lays the lines out top to bottom, wrapping long ones at spaces.
Raster render_lines(TextPainter& painter, const std::vector<PrintLine>& lines,
                    int width = kPaperDots);

struct PrintResult {
    bool ok = false;
    std::string error; // for the log; the visitor sees a translated message
};

// Sends bytes to a target: "/dev/usb/lp0" (a device file), "host:9100" (raw TCP, 3 s timeout),
// "file:PATH" (appends, for tests and for a printer shared by a spooler).
PrintResult send_to_printer(const std::string& target, const std::string& bytes);

} // namespace reception::print
