#include "escpos.hpp"

namespace reception::print {

// GS v 0 m xL xH yL yH d...: m = 0 (normal size), x = bytes per row, y = rows.
// Printers take at most a few hundred rows per block in their buffer, so tall pictures are sent
// as bands of 256 rows.
static constexpr int kBandRows = 256;

std::string encode_escpos(const Raster& r, bool cut) {
    std::string out = "\x1b@"; // ESC @: initialise
    int bytes_per_row = r.width / 8;
    for (int y0 = 0; y0 < r.height; y0 += kBandRows) {
        int rows = std::min(kBandRows, r.height - y0);
        out += "\x1dv0";
        out += char(0);
        out += char(bytes_per_row & 0xff);
        out += char(bytes_per_row >> 8);
        out += char(rows & 0xff);
        out += char(rows >> 8);
        for (int y = y0; y < y0 + rows; ++y)
            for (int bx = 0; bx < bytes_per_row; ++bx) {
                unsigned char byte = 0;
                for (int bit = 0; bit < 8; ++bit)
                    if (r.at(bx * 8 + bit, y)) byte |= 0x80 >> bit;
                out += char(byte);
            }
    }
    out += "\x1b"
           "d"
           "\x04";               // ESC d 4: feed four lines past the cutter
    if (cut) out += "\x1dV\x01"; // GS V 1: partial cut
    return out;
}

std::optional<Raster> decode_escpos(const std::string& s) {
    Raster out;
    size_t i = 0;
    auto byte = [&](size_t k) { return (unsigned char)s[k]; };
    while (i < s.size()) {
        if (s.compare(i, 2, "\x1b@") == 0) {
            i += 2;
        } else if (s.compare(i, 3, "\x1dv0") == 0) {
            if (i + 8 > s.size()) return std::nullopt;
            int bytes_per_row = byte(i + 4) | byte(i + 5) << 8;
            int rows = byte(i + 6) | byte(i + 7) << 8;
            i += 8;
            size_t n = size_t(bytes_per_row) * size_t(rows);
            if (i + n > s.size()) return std::nullopt;
            if (out.width == 0) out.width = bytes_per_row * 8;
            if (out.width != bytes_per_row * 8) return std::nullopt;
            for (int y = 0; y < rows; ++y)
                for (int x = 0; x < out.width; ++x)
                    out.dots.push_back(
                        (byte(i + size_t(y * bytes_per_row + x / 8)) >> (7 - x % 8)) & 1);
            out.height += rows;
            i += n;
        } else if (s.compare(i, 2,
                             "\x1b"
                             "d") == 0) {
            i += 3;
        } else if (s.compare(i, 2, "\x1dV") == 0) {
            i += 3;
        } else {
            return std::nullopt; // a byte this encoder never writes
        }
    }
    return out;
}

} // namespace reception::print
