// The fonts of the kiosk and the console: Noto Sans (fonts-noto-core) with every Kazakh letter,
// Cyrillic, Latin and the signs people read and type (— – « » … № ₸), in three sizes for a
// 1080p touchscreen; the console loads them at a smaller scale.
#pragma once

#include <filesystem>
#include <imgui.h>

namespace reception::ui {

// Body text on a touchscreen (kiosk, board), in Dear ImGui's size: the font's ascent to descent,
// 1.362 em for Noto Sans, so its capitals are 0.524 of it. 38 gives capitals of 20 px: 5.0 mm
// on a 21.5" 1080p panel (0.248 mm a pixel), the smallest kiosk panel we support, over the
// 4.8 mm a standing visitor needs (tests/kiosk_test.cpp measures the glyphs). The console, read
// from a chair at 60 cm, keeps 34 times its own scale.
constexpr float kTouchBodyPx = 38.0f;
constexpr float kConsoleBodyPx = 34.0f;

struct Fonts {
    ImFont* body = nullptr;  // kTouchBodyPx or kConsoleBodyPx: all text and buttons
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
Fonts load_fonts(float scale = 1.0f, bool board = false, bool huge = true,
                 float body_px = kConsoleBodyPx);

} // namespace reception::ui
