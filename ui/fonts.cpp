#include "fonts.hpp"

#include <filesystem>

namespace reception::ui {

const ImWchar* text_glyph_ranges() {
    static const ImWchar ranges[] = {
        0x0020, 0x00FF, // Basic Latin, Latin-1 (« » №-less quotes, ©)
        0x0400, 0x04FF, // Cyrillic, with Ә Ғ Қ Ң Ө Ұ Ү Һ І in both cases
        0x2010, 0x2027, // dashes – —, quotes, …
        0x2116, 0x2116, // №
        0x20B8, 0x20B8, // ₸
        0,
    };
    return ranges;
}

// Signs Noto Sans lacks, taken from DejaVu Sans: ← → ⇧ ⌫ ␣ ☐ ☑ ✓.
static const ImWchar* symbol_glyph_ranges() {
    static const ImWchar ranges[] = {0x2190, 0x2193, 0x21E7, 0x21E7, 0x232B, 0x232B, 0x2423,
                                     0x2423, 0x2610, 0x2611, 0x2713, 0x2713, 0};
    return ranges;
}

std::filesystem::path text_font_file() {
    for (const char* f : {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                          "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"})
        if (std::filesystem::exists(f)) return f;
    return "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
}

static const char* const kSymbolFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// The ticket number needs only what numbers are made of.
static const ImWchar* number_glyph_ranges() {
    static const ImWchar ranges[] = {0x0020, 0x005A, 0};
    return ranges;
}

Fonts load_fonts(float scale, bool board, bool huge, float body_px) {
    ImGuiIO& io = ImGui::GetIO();
    std::string file = text_font_file().string();
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    ImFontConfig merge;
    merge.MergeMode = true;
    Fonts f;
    auto text_font = [&](float size) {
        ImFont* font = io.Fonts->AddFontFromFileTTF(file.c_str(), size, &cfg, text_glyph_ranges());
        if (font && std::filesystem::exists(kSymbolFont))
            io.Fonts->AddFontFromFileTTF(kSymbolFont, size, &merge, symbol_glyph_ranges());
        return font;
    };
    f.body = text_font(body_px * scale);
    f.large = text_font(54.0f * scale);
    // Only the board needs text this big; its atlas is large, so the kiosk does not build it.
    if (board) f.board = text_font(96.0f * scale);
    ImFontConfig big;
    big.OversampleH = 1;
    if (huge)
        f.huge =
            io.Fonts->AddFontFromFileTTF(file.c_str(), 180.0f * scale, &big, number_glyph_ranges());
    if (f.body) io.FontDefault = f.body;
    return f;
}

} // namespace reception::ui
