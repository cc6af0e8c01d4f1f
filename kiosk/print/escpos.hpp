// ESC/POS encoding of a raster: ESC @ (init), GS v 0 (raster bit image), feed and cut.
// decode_escpos reads such a stream back into a raster, so tests check what the printer gets.
#pragma once

#include "raster.hpp"

#include <optional>
#include <string>

namespace reception::print {

std::string encode_escpos(const Raster& r, bool cut = true);
// The rasters of every GS v 0 block in the stream, stacked; nullopt when malformed.
std::optional<Raster> decode_escpos(const std::string& stream);

} // namespace reception::print
