#include "documents/a4_pdf.hpp"

#include <algorithm>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <ft2build.h>
#include <initializer_list>
#include FT_FREETYPE_H

namespace reception {

// A4 pages: geometry and fonts ------------------------------------------------------------

// A4 portrait in PostScript points; text stays between the margins, the foot below kBottom.
constexpr double kPageW = 595.28, kPageH = 841.89;
constexpr double kLeft = 50, kRight = kPageW - 50, kTop = 50, kBottom = kPageH - 60;
constexpr double kWidth = kRight - kLeft, kFootY = kPageH - 32;

struct PdfFonts {
    cairo_font_face_t* regular = nullptr;
    cairo_font_face_t* bold = nullptr;
};

// The font by file rather than through fontconfig, so the PDF does not depend on which "sans"
// a machine prefers; DejaVu Sans where Noto is not installed (it has the Kazakh letters too).
static cairo_font_face_t* load_face(std::initializer_list<const char*> files) {
    static FT_Library library = [] {
        FT_Library l = nullptr;
        return FT_Init_FreeType(&l) == 0 ? l : nullptr;
    }();
    if (!library) return nullptr;
    for (const char* f : files) {
        FT_Face face = nullptr;
        if (FT_New_Face(library, f, 0, &face) == 0)
            return cairo_ft_font_face_create_for_ft_face(face, 0);
    }
    return nullptr;
}

// Loaded once and kept for the whole process: cairo's font cache may still hold a face after
// the document that used it is finished, so the FreeType face is never freed under it.
static const PdfFonts& pdf_fonts() {
    static const PdfFonts fonts = {
        load_face({"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                   "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}),
        load_face({"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
                   "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"})};
    return fonts;
}

// A4 pages: text that fits ----------------------------------------------------------------

static double text_width(cairo_t* cr, const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    return e.x_advance;
}

static void show(cairo_t* cr, double x, double baseline, const std::string& s) {
    cairo_move_to(cr, x, baseline);
    cairo_show_text(cr, s.c_str());
}

// Drops the last letter, all the bytes of its UTF-8 sequence (cairo refuses half a letter).
static void drop_last_letter(std::string& s) {
    size_t n = s.size();
    while (n > 0 && (static_cast<unsigned char>(s[n - 1]) & 0xC0) == 0x80) --n;
    s.resize(n > 0 ? n - 1 : 0);
}

// s within width, cut with "…" when it is wider; `always`: with "…" even when it fits, for a
// last line after which text was left out.
static std::string cut(cairo_t* cr, std::string s, double width, bool always = false) {
    if (!always && text_width(cr, s) <= width) return s;
    while (!s.empty() && text_width(cr, s + "…") > width) drop_last_letter(s);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "…";
}

static void wrap_paragraph(cairo_t* cr, const std::string& para, double width,
                           std::vector<std::string>* lines) {
    std::string line;
    for (size_t i = 0; i <= para.size();) {
        size_t space = std::min(para.find(' ', i), para.size());
        std::string word = para.substr(i, space - i);
        i = space + 1;
        if (word.empty()) continue;
        std::string longer = line.empty() ? word : line + " " + word;
        if (text_width(cr, longer) <= width) {
            line = longer;
            continue;
        }
        if (!line.empty()) lines->push_back(line);
        line = cut(cr, word, width); // a word wider than the whole line is cut there
    }
    lines->push_back(line);
}

// The lines of text within width, "\n" starting a new one; at most max_lines, the last cut
// with "…" when more was left out.
static std::vector<std::string> wrap(cairo_t* cr, const std::string& text, double width,
                                     size_t max_lines) {
    std::vector<std::string> lines;
    for (size_t start = 0;;) {
        size_t nl = text.find('\n', start);
        wrap_paragraph(cr, text.substr(start, nl == std::string::npos ? nl : nl - start), width,
                       &lines);
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    if (lines.size() > max_lines) {
        lines.resize(max_lines);
        lines.back() = cut(cr, lines.back(), width, true);
    }
    return lines;
}

// A4 pages: the pen that moves down them --------------------------------------------------

struct Pen {
    cairo_t* cr = nullptr;
    const PdfDocument* doc = nullptr;
    double y = kTop; // top of the next thing drawn
    int page = 1;
    int pages = 0; // known from the first pass (0 while counting)
};

static void set_font(Pen& p, bool bold, double size) {
    cairo_set_font_face(p.cr, bold ? pdf_fonts().bold : pdf_fonts().regular);
    cairo_set_font_size(p.cr, size);
}

static std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

static void page_foot(Pen& p) {
    cairo_save(p.cr);
    set_font(p, false, 8);
    cairo_set_source_rgb(p.cr, 0.4, 0.4, 0.4);
    std::string label = replace_all(p.doc->page_label, "{page}", std::to_string(p.page));
    label = replace_all(label, "{pages}", std::to_string(p.pages));
    double label_w = text_width(p.cr, label);
    show(p.cr, kRight - label_w, kFootY, label);
    show(p.cr, kLeft, kFootY, cut(p.cr, p.doc->title, kWidth - label_w - 24));
    cairo_set_line_width(p.cr, 0.5);
    cairo_move_to(p.cr, kLeft, kFootY - 11);
    cairo_line_to(p.cr, kRight, kFootY - 11);
    cairo_stroke(p.cr);
    cairo_restore(p.cr);
}

// A new page when `height` does not fit on this one; true when it started one. A page that
// is still empty takes anything: what is taller than a page is cut, not looped on.
static bool make_room(Pen& p, double height) {
    if (p.y + height <= kBottom || p.y == kTop) return false;
    page_foot(p);
    cairo_show_page(p.cr);
    p.page++;
    p.y = kTop;
    return true;
}

// A4 pages: blocks ------------------------------------------------------------------------

static void draw_lines(Pen& p, const std::string& text, bool bold, double size, double after) {
    set_font(p, bold, size);
    double leading = size * 1.3;
    for (const auto& line : wrap(p.cr, text, kWidth, 40)) {
        make_room(p, leading);
        show(p.cr, kLeft, p.y + size, line);
        p.y += leading;
    }
    p.y += after;
}

constexpr double kCellPad = 3, kTableSize = 9, kTableLeading = 11.5;
constexpr size_t kCellMaxLines = 4;

struct RowLayout {
    std::vector<std::vector<std::string>> cells;
    double height = 0;
};

static RowLayout lay_out_row(Pen& p, const PdfBlock& b, const std::vector<std::string>& row,
                             bool bold) {
    set_font(p, bold, kTableSize);
    RowLayout out;
    size_t most = 1;
    for (size_t i = 0; i < b.columns.size(); ++i) {
        double w = b.columns[i].share * kWidth - 2 * kCellPad;
        out.cells.push_back(wrap(p.cr, i < row.size() ? row[i] : "", w, kCellMaxLines));
        most = std::max(most, out.cells.back().size());
    }
    out.height = double(most) * kTableLeading + 2 * kCellPad;
    return out;
}

static void draw_row(Pen& p, const PdfBlock& b, const RowLayout& row, bool bold) {
    set_font(p, bold, kTableSize);
    if (bold) { // the header on a grey band
        cairo_set_source_rgb(p.cr, 0.9, 0.9, 0.9);
        cairo_rectangle(p.cr, kLeft, p.y, kWidth, row.height);
        cairo_fill(p.cr);
        cairo_set_source_rgb(p.cr, 0, 0, 0);
    }
    double x = kLeft;
    for (size_t i = 0; i < b.columns.size(); ++i) {
        double w = b.columns[i].share * kWidth;
        for (size_t j = 0; j < row.cells[i].size(); ++j) {
            const std::string& line = row.cells[i][j];
            double lx =
                b.columns[i].right ? x + w - kCellPad - text_width(p.cr, line) : x + kCellPad;
            show(p.cr, lx, p.y + kCellPad + kTableSize * 0.95 + double(j) * kTableLeading, line);
        }
        x += w;
    }
    p.y += row.height;
    cairo_set_source_rgb(p.cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(p.cr, 0.5);
    cairo_move_to(p.cr, kLeft, p.y);
    cairo_line_to(p.cr, kRight, p.y);
    cairo_stroke(p.cr);
    cairo_set_source_rgb(p.cr, 0, 0, 0);
}

// The header goes on top of every page the table runs over.
static void draw_table(Pen& p, const PdfBlock& b) {
    std::vector<std::string> headers;
    for (const auto& c : b.columns) headers.push_back(c.header);
    RowLayout head = lay_out_row(p, b, headers, true);
    double first = b.rows.empty() ? 0 : lay_out_row(p, b, b.rows[0], false).height;
    make_room(p, head.height + first);
    draw_row(p, b, head, true);
    for (const auto& r : b.rows) {
        RowLayout row = lay_out_row(p, b, r, false);
        if (make_room(p, row.height)) draw_row(p, b, head, true);
        draw_row(p, b, row, false);
    }
    p.y += 10;
}

constexpr double kBarRow = 15, kBarHeight = 10;

static void draw_bars(Pen& p, const PdfBlock& b) {
    const double label_w = 0.38 * kWidth, value_w = 44;
    const double bar_x = kLeft + label_w + 6, bar_max = kRight - value_w - bar_x;
    int most = 1;
    for (const auto& bar : b.bars) most = std::max(most, bar.value);
    set_font(p, false, kTableSize);
    for (const auto& bar : b.bars) {
        make_room(p, kBarRow);
        double w = bar.value <= 0 ? 0 : std::max(1.0, bar_max * bar.value / most);
        show(p.cr, kLeft, p.y + 10, cut(p.cr, bar.label, label_w));
        cairo_set_source_rgb(p.cr, 0.93, 0.93, 0.93); // the track: where 100% would reach
        cairo_rectangle(p.cr, bar_x, p.y + 2, bar_max, kBarHeight);
        cairo_fill(p.cr);
        cairo_set_source_rgb(p.cr, 0.18, 0.42, 0.66);
        cairo_rectangle(p.cr, bar_x, p.y + 2, w, kBarHeight);
        cairo_fill(p.cr);
        cairo_set_source_rgb(p.cr, 0, 0, 0);
        show(p.cr, bar_x + w + 4, p.y + 10, std::to_string(bar.value));
        p.y += kBarRow;
    }
    p.y += 10;
}

static void draw_block(Pen& p, const PdfBlock& b) {
    switch (b.kind) {
    case PdfBlockKind::Title:
        draw_lines(p, b.text, true, 16, 4);
        break;
    case PdfBlockKind::Subtitle:
        draw_lines(p, b.text, false, 12, 10);
        break;
    case PdfBlockKind::Heading:
        // Kept with the start of what it heads: a heading never ends a page.
        if (!make_room(p, 14 + 16 + 3 * kBarRow) && p.y != kTop) p.y += 6;
        draw_lines(p, b.text, true, 12, 4);
        break;
    case PdfBlockKind::Text:
        draw_lines(p, b.text, false, 10, 6);
        break;
    case PdfBlockKind::Table:
        draw_table(p, b);
        break;
    case PdfBlockKind::Bars:
        draw_bars(p, b);
        break;
    }
}

PdfBlock pdf_block(PdfBlockKind kind, std::string text) {
    PdfBlock b;
    b.kind = kind;
    b.text = std::move(text);
    return b;
}

// A4 pages: the file ----------------------------------------------------------------------

// Lays the document out on the surface; returns the number of pages, or 0 when cairo failed.
static int render(cairo_surface_t* surface, const PdfDocument& doc, int pages) {
    cairo_t* cr = cairo_create(surface);
    Pen p{cr, &doc, kTop, 1, pages};
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (const auto& b : doc.blocks) draw_block(p, b);
    page_foot(p);
    cairo_show_page(cr);
    bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    return ok ? p.page : 0;
}

static cairo_status_t discard(void*, const unsigned char*, unsigned int) {
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_to_file(void* file, const unsigned char* data, unsigned int length) {
    return std::fwrite(data, 1, length, static_cast<FILE*>(file)) == length
               ? CAIRO_STATUS_SUCCESS
               : CAIRO_STATUS_WRITE_ERROR;
}

// "page N of M" needs M on page 1: a first pass into nowhere counts the pages.
static int count_pages(const PdfDocument& doc) {
    cairo_surface_t* s = cairo_pdf_surface_create_for_stream(discard, nullptr, kPageW, kPageH);
    int pages = render(s, doc, 0);
    cairo_surface_destroy(s);
    return pages;
}

bool write_pdf(const PdfDocument& doc, const std::string& file, std::string* error) {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    if (!pdf_fonts().regular || !pdf_fonts().bold)
        return fail("no Noto Sans or DejaVu Sans font file (install fonts-noto-core)");
    int pages = count_pages(doc);
    if (pages == 0) return fail(file + ": text that cairo cannot draw (not UTF-8?)");
    std::string part = file + ".part";
    FILE* f = std::fopen(part.c_str(), "wb");
    if (!f) return fail(part + ": " + std::strerror(errno));
    cairo_surface_t* s = cairo_pdf_surface_create_for_stream(write_to_file, f, kPageW, kPageH);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "reception");
    render(s, doc, pages);
    cairo_surface_finish(s);
    cairo_status_t status = cairo_surface_status(s);
    cairo_surface_destroy(s);
    bool closed = std::fclose(f) == 0;
    std::error_code ec;
    if (status != CAIRO_STATUS_SUCCESS || !closed) {
        std::filesystem::remove(part, ec);
        return fail(file + ": " +
                    (closed ? cairo_status_to_string(status) : "could not write the file"));
    }
    std::filesystem::rename(part, file, ec);
    if (ec) return fail(file + ": " + ec.message());
    return true;
}

} // namespace reception
