// A QR code on a printout: the ticket's link to its page on the visitor's phone, drawn into the
// raster like the text (thermal printers' own QR commands differ from model to model).
#pragma once

#include "raster.hpp"

#include <string>

namespace reception::print {

// The modules of text's QR code (libqrencode, error correction M, 8-bit), with the four-module
// quiet zone the standard asks for; empty when text cannot be encoded.
struct QrModules {
    int size = 0;              // modules per side, quiet zone included
    std::vector<uint8_t> dark; // size*size, 1 = dark
};
QrModules qr_modules(const std::string& text);

// Draws q with each module `scale` dots wide, its top-left corner at (x, y).
void draw_qr(Raster& r, const QrModules& q, int x, int y, int scale);

} // namespace reception::print
