// The on-screen keyboard: Kazakh, Russian and Latin letter layouts and a digit pad. It edits
// one std::string (UTF-8) at a time; the kiosk has no physical keyboard.
#pragma once

#include "ui/touch.hpp"

#include <string>

namespace reception::ui {

enum class Layout { Kazakh, Russian, Latin, Digits };

struct Keyboard {
    Layout layout = Layout::Kazakh;
    bool shift = true; // capital first letter of a field
    // The keys' height; 0 for the usual 84 px at the screen's scale. A screen with large text
    // gives the keyboard what the fields leave, so no key is off the screen.
    float key_height = 0;
    // Draws the keyboard over the full width; edits text, at most max_chars code points.
    // Returns true when a key changed the text.
    bool draw(Ui& ui, std::string& text, size_t max_chars);
};

// Key actions, testable without a screen.
void type_key(std::string& text, const std::string& key, size_t max_chars);
void backspace(std::string& text);            // removes one letter (a whole UTF-8 sequence)
std::string upper(const std::string& letter); // Cyrillic, Kazakh and Latin letters

} // namespace reception::ui
