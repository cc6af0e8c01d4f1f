// What an installed kiosk is told: its store, room, id, printer and default language.
// From a file (key = value lines) and flags; flags win. With nothing given, a first run uses a
// store in the user's XDG data folder filled with the demo officials and schedule.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace reception::kiosk {

struct KioskConfig {
    std::filesystem::path store; // empty: $XDG_DATA_HOME/reception/kiosk.db
    std::string room = "main";
    std::string kiosk_id = "kiosk-1";
    std::string printer = "";     // /dev/usb/lp0, host:9100, file:PATH; empty: no printer
    std::string preview_dir = ""; // where the PNG of each printout goes; empty: none
    // Where visitors' phones reach the central server's public pages ("https://host:8443/p");
    // empty: tickets carry no QR code (docs/public-pages.md).
    std::string public_url = "";
    // The central server sends SMS (its gateway is set up, docs/install.md): the ticket screen
    // offers "text me when my turn is near" (queue/turn_text.hpp). Off: never offered.
    bool turn_texts = false;
    std::string language = "kk";   // the start screen's language
    int inactivity_seconds = 60;   // then a countdown, then back to the start, fields wiped
    int countdown_seconds = 20;    // "need more time?": at least 20 s to answer
    std::string service_pin = "";  // staff PIN for the service gesture; empty: no exit at all
    bool restriction_mode = false; // reg-14: every new booking by video
    bool windowed = false;
    int monitor = 0;
    bool board = false; // the waiting-room board instead of the kiosk
    // A first run with no configuration and no store named: demo officials and schedule, and a
    // banner on every screen so nobody takes it for the real room. Never set by a file.
    bool demo = false;
    std::string accepted_where = "Қоғамдық қабылдау бөлмесі / Общественная приёмная";
    // The key that turns speech mode on (then says the screen again): a housing's button
    // wired as a key. F1-F12, KP_ENTER, ENTER, SPACE, KP_0-KP_9, or none.
    std::string speech_key = "F1";
};

// The GLFW key code of a speech_key name; 0 for none, -1 for a name not known.
int speech_key_code(const std::string& name);

// Reads "key = value" lines (# comments); returns the errors, one line each ("line 3: ...").
std::vector<std::string> read_config_file(const std::filesystem::path& file, KioskConfig& c);

} // namespace reception::kiosk
