// A 1-bit picture of a printed ticket or receipt. Thermal printers' code pages lack the Kazakh
// letters, so the kiosk draws the text itself (FreeType) and sends the picture (ESC/POS GS v 0).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace reception::print {

struct Raster {
    int width = 0, height = 0; // dots; width is a multiple of 8
    std::vector<uint8_t> dots; // width*height, 1 = black
    bool at(int x, int y) const { return dots[size_t(y) * size_t(width) + size_t(x)] != 0; }
    void set(int x, int y) {
        if (x >= 0 && y >= 0 && x < width && y < height)
            dots[size_t(y) * size_t(width) + size_t(x)] = 1;
    }
    int black_dots() const;
};

Raster blank_raster(int width, int height);
// Writes the raster as a black-on-white PNG (the on-screen preview and the test artefact).
bool write_png(const Raster& r, const std::filesystem::path& file);

} // namespace reception::print
