#include "printout.hpp"

#include "qr.hpp"

namespace reception::print {

// Layout
static std::vector<std::string> wrap(TextPainter& p, const std::string& text, int px, int width) {
    std::vector<std::string> out;
    std::string line, word;
    auto flush_word = [&] {
        std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && p.text_width(candidate, px) > width) {
            out.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
        word.clear();
    };
    for (char c : text) {
        if (c == ' ')
            flush_word();
        else
            word += c;
    }
    flush_word();
    if (!line.empty()) out.push_back(line);
    return out;
}

PrintLine qr_line(const std::string& link) {
    return {link, kQrModuleDots, true, true};
}

Raster render_lines(TextPainter& p, const std::vector<PrintLine>& lines, int width) {
    const int margin = 16;
    struct Placed {
        std::string text;
        int px;
        bool center;
        bool is_qr;
        QrModules qr;
    };
    std::vector<Placed> placed;
    int height = margin;
    for (const auto& l : lines) {
        if (l.qr) {
            QrModules q = qr_modules(l.text);
            if (q.size * l.pixel_size > width) q = {}; // too long a link: left out, not cut
            height += q.size * l.pixel_size;
            placed.push_back({"", l.pixel_size, true, true, std::move(q)});
            continue;
        }
        for (const auto& part : wrap(p, l.text, l.pixel_size, width - 2 * margin)) {
            placed.push_back({part, l.pixel_size, l.center, false, {}});
            height += l.pixel_size * 5 / 4;
        }
    }
    Raster r = blank_raster(width, height + margin);
    int y = margin;
    for (const auto& l : placed) {
        if (l.is_qr) {
            draw_qr(r, l.qr, (r.width - l.qr.size * l.px) / 2, y, l.px);
            y += l.qr.size * l.px;
            continue;
        }
        y += l.px * 5 / 4;
        int baseline = y - l.px / 4;
        if (l.center)
            p.draw_centered(r, l.text, baseline, l.px);
        else
            p.draw(r, l.text, margin, baseline, l.px);
    }
    return r;
}

} // namespace reception::print
