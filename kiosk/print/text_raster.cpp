#include "text_raster.hpp"

#include "base/validation.hpp"
#include "ui/fonts.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdexcept>

namespace reception::print {

struct TextPainter::Impl {
    FT_Library lib = nullptr;
    FT_Face face = nullptr;
};

std::filesystem::path default_font() {
    return ui::text_font_file();
}

TextPainter::TextPainter(const std::filesystem::path& font) : impl_(new Impl) {
    if (FT_Init_FreeType(&impl_->lib) != 0) throw std::runtime_error("FreeType did not start");
    if (FT_New_Face(impl_->lib, font.c_str(), 0, &impl_->face) != 0) {
        FT_Done_FreeType(impl_->lib);
        throw std::runtime_error(font.string() + ": font cannot be loaded");
    }
}

TextPainter::~TextPainter() {
    FT_Done_Face(impl_->face);
    FT_Done_FreeType(impl_->lib);
}

bool TextPainter::has_glyphs(const std::string& utf8) {
    for (char32_t cp : utf8_decode(utf8))
        if (cp > ' ' && FT_Get_Char_Index(impl_->face, cp) == 0) return false;
    return true;
}

int TextPainter::text_width(const std::string& utf8, int px) {
    FT_Set_Pixel_Sizes(impl_->face, 0, FT_UInt(px));
    long w = 0;
    for (char32_t cp : utf8_decode(utf8))
        if (FT_Load_Char(impl_->face, cp, FT_LOAD_DEFAULT) == 0) w += impl_->face->glyph->advance.x;
    return int(w >> 6);
}

int TextPainter::draw(Raster& r, const std::string& utf8, int x, int baseline, int px) {
    FT_Set_Pixel_Sizes(impl_->face, 0, FT_UInt(px));
    long pen = long(x) << 6;
    for (char32_t cp : utf8_decode(utf8)) {
        // Monochrome rendering: the printer has no grey, and hinted 1-bit glyphs stay sharp.
        if (FT_Load_Char(impl_->face, cp, FT_LOAD_RENDER | FT_LOAD_TARGET_MONO) != 0) continue;
        FT_GlyphSlot g = impl_->face->glyph;
        const FT_Bitmap& bm = g->bitmap;
        int left = int(pen >> 6) + g->bitmap_left, top = baseline - g->bitmap_top;
        for (unsigned row = 0; row < bm.rows; ++row)
            for (unsigned col = 0; col < bm.width; ++col) {
                const unsigned char* line = bm.buffer + long(row) * bm.pitch;
                if (line[col / 8] & (0x80 >> (col % 8))) r.set(left + int(col), top + int(row));
            }
        pen += g->advance.x;
    }
    return int(pen >> 6);
}

void TextPainter::draw_centered(Raster& r, const std::string& utf8, int baseline, int px) {
    int w = text_width(utf8, px);
    draw(r, utf8, (r.width - w) / 2, baseline, px);
}

} // namespace reception::print
