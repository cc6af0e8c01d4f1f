// Speech mode: what the kiosk says, for a visitor who cannot read the screen. On each screen the
// prompt, then every choice or field in the order the screen shows them, where the buttons to
// go on are, and the errors that appeared; the ticket's number and the people ahead, the
// receipt's registration number. In the visitor's language, built from the model's state
// (never in a screen). A field's text is never read back: the whole room would hear it. The
// keyboard names the key under the finger, which a visitor who cannot see the keys needs to
// type at all (headphones in the housing's jack keep it to them).
// The model's speech intents (KioskModel::set_speech and the others) are defined here too.
#pragma once

#include "announce.hpp"
#include "kiosk_model.hpp"

#include <string>
#include <vector>

namespace reception::kiosk {

// The current screen: its errors first (when any), then its prompt and choices. The start
// screen also says, in the other language, how to switch to it: a visitor who does not know
// Kazakh hears where "Русский" is before a list in Kazakh.
std::vector<Announcement> screen_speech(KioskModel& m);
// The errors shown now, each "field: what is wrong".
std::vector<std::string> error_phrases(const KioskModel& m);
// A key tapped on the on-screen keyboard: its name; once typed, with how many letters the field
// (its text after the tap) has now.
std::vector<std::string> key_phrases(const KioskModel& m, const std::string& key, bool typed,
                                     const std::string& value);
// A field tapped: its label, empty or how many letters, and that the keyboard types into it.
std::vector<std::string> field_phrases(const KioskModel& m, const std::string& label,
                                       const std::string& value);
// The "need more time?" question, with how to answer it.
std::vector<std::string> countdown_phrases(const KioskModel& m, int seconds);
// Phrases as one text: each ends with a full stop unless it has its own sign, so the voice
// pauses between them.
std::string join_phrases(const std::vector<std::string>& phrases);

} // namespace reception::kiosk
