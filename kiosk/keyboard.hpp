// The on-screen keyboard: Kazakh, Russian and Latin letter layouts and a digit pad. It edits
// one std::string (UTF-8) at a time; the kiosk has no physical keyboard.
#pragma once

#include "ui/touch.hpp"

#include <optional>
#include <string>

namespace reception::ui {

enum class Layout { Kazakh, Russian, Latin, Digits };

struct Keyboard {
    Layout layout = Layout::Kazakh;
    bool shift = true; // capital first letter of a field
    // The keys' height; 0 for the usual 84 px at the screen's scale. A screen with large text
    // gives the keyboard what the fields leave, so no key is off the screen.
    float key_height = 0;
    // Speech mode: a first tap on a key only names it; a second tap on the same key within
    // kConfirmSeconds types it. A visitor who cannot see the keys finds them by touch, as
    // with a phone's screen reader, and nothing is typed by a finger that is still looking.
    bool confirm_taps = false;
    static constexpr double kConfirmSeconds = 2.0;
    // The key tapped in the last draw, for the voice: a letter or sign as shown, or one of
    // "key.space", "key.backspace", "key.shift_on" or "_off" (as it now is), "key.kk", "key.ru",
    // "key.lat". The caller takes it (resets it) after saying it.
    struct Tap {
        std::string key;
        bool typed = false; // false: only named (confirm_taps), nothing changed
    };
    std::optional<Tap> tapped;
    // Draws the keyboard over the full width; edits text, at most max_chars code points.
    // Returns true when a key changed the text.
    bool draw(Ui& ui, std::string& text, size_t max_chars);

  private:
    std::string armed_key; // named by a first tap, typed by the next one on it
    double armed_at = 0;
    bool take(const std::string& key); // records the tap; true when it acts
};

// Key actions, testable without a screen.
void type_key(std::string& text, const std::string& key, size_t max_chars);
void backspace(std::string& text);            // removes one letter (a whole UTF-8 sequence)
std::string upper(const std::string& letter); // Cyrillic, Kazakh and Latin letters

} // namespace reception::ui
