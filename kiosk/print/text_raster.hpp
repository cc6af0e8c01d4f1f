// Drawing text into a 1-bit raster with FreeType, for printouts in Kazakh and Russian.
#pragma once

#include "raster.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace reception::print {

class TextPainter {
  public:
    // Throws std::runtime_error naming the font file when it cannot be loaded.
    explicit TextPainter(const std::filesystem::path& font_file);
    ~TextPainter();
    TextPainter(const TextPainter&) = delete;
    TextPainter& operator=(const TextPainter&) = delete;

    int text_width(const std::string& utf8, int pixel_size);
    // Draws with the baseline at y; returns the x after the last letter.
    int draw(Raster& r, const std::string& utf8, int x, int baseline, int pixel_size);
    // Centred on the raster's width.
    void draw_centered(Raster& r, const std::string& utf8, int baseline, int pixel_size);
    // Whether the font has a glyph for every letter of the text.
    bool has_glyphs(const std::string& utf8);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The font printouts use: Noto Sans from fonts-noto-core, else DejaVu Sans.
std::filesystem::path default_font();

} // namespace reception::print
