#include "qr.hpp"

#include <qrencode.h>

namespace reception::print {

constexpr int kQuietModules = 4;

QrModules qr_modules(const std::string& text) {
    QrModules out;
    QRcode* code = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
    if (!code) return out;
    out.size = code->width + 2 * kQuietModules;
    out.dark.assign(size_t(out.size) * size_t(out.size), 0);
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1) // bit 0: dark module
                out.dark[size_t(y + kQuietModules) * size_t(out.size) + size_t(x + kQuietModules)] =
                    1;
    QRcode_free(code);
    return out;
}

void draw_qr(Raster& r, const QrModules& q, int x, int y, int scale) {
    for (int my = 0; my < q.size; ++my)
        for (int mx = 0; mx < q.size; ++mx)
            if (q.dark[size_t(my) * size_t(q.size) + size_t(mx)])
                for (int dy = 0; dy < scale; ++dy)
                    for (int dx = 0; dx < scale; ++dx)
                        r.set(x + mx * scale + dx, y + my * scale + dy);
}

} // namespace reception::print
