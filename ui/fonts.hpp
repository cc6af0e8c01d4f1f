// The fonts of the kiosk and the console: Noto Sans (fonts-noto-core) with every Kazakh letter,
// Cyrillic, Latin and the signs people read and type (— – « » … № ₸), in three sizes for a
// 1080p touchscreen; the console loads them at a smaller scale.
#pragma once

#include <filesystem>
#include <imgui.h>

namespace reception::ui {

struct Fonts {
    ImFont* body = nullptr;  // 34 px: all text and buttons
    ImFont* large = nullptr; // 54 px: headings
    ImFont* huge = nullptr;  // 180 px: the ticket number (digits, Latin capitals, hyphen)
    ImFont* board = nullptr; // 96 px text for the board, read from 5 m (board mode only)
};

// Noto Sans from fonts-noto-core, else DejaVu Sans (screens and printouts use the same one).
std::filesystem::path text_font_file();
// The glyph ranges of body and large text (zero-terminated pairs).
const ImWchar* text_glyph_ranges();
// Adds the fonts to the current context's atlas; scale multiplies every size (a smaller
// window in --windowed mode). Without huge, no ticket-number font (the kiosk's large text
// keeps the usual one). Returns nullptr fonts when no font file is found.
Fonts load_fonts(float scale = 1.0f, bool board = false, bool huge = true);

} // namespace reception::ui
