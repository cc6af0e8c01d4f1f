// A printout as lines of text, laid out on the printer's width and sent as ESC/POS raster
// (printer.hpp sends it).
#pragma once

#include "printer.hpp"
#include "raster.hpp"
#include "text_raster.hpp"

#include <string>
#include <vector>

namespace reception::print {

struct PrintLine {
    std::string text;
    int pixel_size = 28;
    bool center = true;
    bool qr = false; // text is a link drawn as a QR code, centred, pixel_size dots a module
};

// A line that is the QR code of link, kQrModuleDots a module (a phone's camera reads it at
// arm's length from 80 mm paper).
constexpr int kQrModuleDots = 6;
PrintLine qr_line(const std::string& link);

// 576 dots: the printable width of an 80 mm thermal printer at 203 dpi.
constexpr int kPaperDots = 576;

// Lays the lines out top to bottom, wrapping long ones at spaces.
Raster render_lines(TextPainter& painter, const std::vector<PrintLine>& lines,
                    int width = kPaperDots);

} // namespace reception::print
