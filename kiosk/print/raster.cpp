#include "raster.hpp"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace reception::print {

int Raster::black_dots() const {
    int n = 0;
    for (uint8_t d : dots) n += d;
    return n;
}

Raster blank_raster(int width, int height) {
    Raster r;
    r.width = (width + 7) / 8 * 8;
    r.height = height;
    r.dots.assign(size_t(r.width) * size_t(height), 0);
    return r;
}

bool write_png(const Raster& r, const std::filesystem::path& file) {
    std::vector<uint8_t> gray(r.dots.size());
    for (size_t i = 0; i < gray.size(); ++i) gray[i] = r.dots[i] ? 0 : 255;
    return stbi_write_png(file.c_str(), r.width, r.height, 1, gray.data(), r.width) != 0;
}

} // namespace reception::print
