#include "keyboard.hpp"

#include "base/validation.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

namespace reception::ui {

// Layouts: rows of keys, each key one letter (UTF-8).
static const std::vector<std::vector<std::string>>& rows(Layout l) {
    static const std::vector<std::vector<std::string>> kazakh{
        {"ә", "і", "ң", "ғ", "ү", "ұ", "қ", "ө", "һ", "-", ","},
        {"й", "ц", "у", "к", "е", "н", "г", "ш", "щ", "з", "х", "ъ"},
        {"ф", "ы", "в", "а", "п", "р", "о", "л", "д", "ж", "э", "."},
        {"я", "ч", "с", "м", "и", "т", "ь", "б", "ю", "ё", "?"}};
    static const std::vector<std::vector<std::string>> russian{
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", ","},
        {"й", "ц", "у", "к", "е", "н", "г", "ш", "щ", "з", "х", "ъ"},
        {"ф", "ы", "в", "а", "п", "р", "о", "л", "д", "ж", "э", "."},
        {"я", "ч", "с", "м", "и", "т", "ь", "б", "ю", "ё", "?"}};
    static const std::vector<std::vector<std::string>> latin{
        {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "'"},
        {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", ","},
        {"a", "s", "d", "f", "g", "h", "j", "k", "l", "."},
        {"z", "x", "c", "v", "b", "n", "m", "?"}};
    static const std::vector<std::vector<std::string>> digits{
        {"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"+", "0"}}; // ⌫ ends the last row
    switch (l) {
    case Layout::Kazakh:
        return kazakh;
    case Layout::Russian:
        return russian;
    case Layout::Latin:
        return latin;
    case Layout::Digits:
        return digits;
    }
    return kazakh;
}

std::string upper(const std::string& letter) {
    std::u32string cps = utf8_decode(letter);
    if (cps.size() != 1) return letter;
    char32_t c = cps[0], u = c;
    if (c >= U'a' && c <= U'z')
        u = c - 32;
    else if (c >= U'а' && c <= U'я')
        u = c - 32;
    else if (c == U'ё')
        u = U'Ё';
    else if (c == U'і')
        u = U'І';
    else if (c >= 0x0490 && c <= 0x04FF && (c % 2) == 1)
        u = c - 1; // ә ғ қ ң ө ұ ү һ
    if (u == c) return letter;
    std::string out;
    if (u < 0x80)
        out += char(u);
    else {
        out += char(0xC0 | (u >> 6));
        out += char(0x80 | (u & 0x3F));
    }
    return out;
}

void type_key(std::string& text, const std::string& key, size_t max_chars) {
    if (utf8_length(text) + utf8_length(key) > max_chars) return;
    text += key;
}

void backspace(std::string& text) {
    while (!text.empty()) {
        unsigned char c = (unsigned char)text.back();
        text.pop_back();
        if ((c & 0xC0) != 0x80) break; // the first byte of the letter is gone: done
    }
}

bool Keyboard::take(const std::string& key) {
    double now = ImGui::GetTime();
    bool acts = !confirm_taps || (key == armed_key && now - armed_at <= kConfirmSeconds);
    armed_key = acts ? "" : key;
    armed_at = now;
    tapped = Tap{key, acts};
    return acts;
}

bool Keyboard::draw(Ui& ui, std::string& text, size_t max_chars) {
    bool changed = false;
    const auto& layout_rows = rows(layout);
    float full = ImGui::GetContentRegionAvail().x;
    float gap = ImGui::GetStyle().ItemSpacing.x;
    bool pad = layout == Layout::Digits;
    float key_w = pad ? ui.px(150) : (full - gap * 11) / 12;
    float key_h = key_height > 0 ? key_height : ui.px(84);
    // Keys made lower (large text) keep their letters whole: less padding, not less letter.
    ImVec2 padding = ImGui::GetStyle().FramePadding;
    padding.y = std::max(0.0f, std::min(padding.y, (key_h - ImGui::GetFontSize()) / 2));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, padding);
    ImGui::PushID("keyboard");
    for (const auto& row : layout_rows) {
        if (pad) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (full - 3 * key_w - 2 * gap) / 2);
        for (size_t i = 0; i < row.size(); ++i) {
            if (i) ImGui::SameLine();
            std::string shown = shift ? upper(row[i]) : row[i];
            if (ui.button(shown + "##key" + row[i], ImVec2(key_w, key_h), false, false) &&
                take(shown)) {
                type_key(text, shown, max_chars);
                shift = false;
                changed = true;
            }
        }
    }
    // The last row: switches, space, backspace.
    float wide = ui.px(220);
    if (!pad) {
        for (auto [name, l, id] : {std::tuple{"Қаз", Layout::Kazakh, "key.kk"},
                                   {"Рус", Layout::Russian, "key.ru"},
                                   {"Lat", Layout::Latin, "key.lat"}}) {
            if (ui.button(std::string(name) + "##layout", ImVec2(ui.px(130), key_h), layout == l,
                          false) &&
                take(id))
                layout = l;
            ImGui::SameLine();
        }
        if (ui.button("⇧##shift", ImVec2(ui.px(130), key_h), shift, false) && take("key.shift")) {
            shift = !shift;
            tapped->key = shift ? "key.shift_on" : "key.shift_off";
        }
        ImGui::SameLine();
        float space_w = full - 4 * ui.px(130) - wide - 5 * gap;
        if (ui.button("␣##space", ImVec2(space_w, key_h), false, false) && take("key.space")) {
            type_key(text, " ", max_chars);
            changed = true;
        }
        ImGui::SameLine();
    } else {
        ImGui::SameLine(); // the pad's backspace sits beside 0
    }
    if (ui.button("⌫##backspace", ImVec2(pad ? key_w : wide, key_h), false, false) &&
        take("key.backspace")) {
        backspace(text);
        changed = true;
    }
    ImGui::PopID();
    ImGui::PopStyleVar();
    return changed;
}

} // namespace reception::ui
