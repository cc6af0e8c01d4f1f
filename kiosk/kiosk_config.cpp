#include "kiosk_config.hpp"

#include "base/validation.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <algorithm>
#include <fstream>

namespace reception::kiosk {

static bool to_int(const std::string& v, int lo, int hi, int& out) {
    try {
        size_t used = 0;
        int n = std::stoi(v, &used);
        if (used != v.size() || n < lo || n > hi) return false;
        out = n;
        return true;
    } catch (...) {
        return false;
    }
}

// Only GLFW's key numbers are used here (a header, no library): the loop reads keys from GLFW.
int speech_key_code(const std::string& name) {
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::toupper(c); });
    if (n.empty() || n == "NONE") return 0;
    if (n == "KP_ENTER") return GLFW_KEY_KP_ENTER;
    if (n == "ENTER") return GLFW_KEY_ENTER;
    if (n == "SPACE") return GLFW_KEY_SPACE;
    if (n.size() == 4 && n.compare(0, 3, "KP_") == 0 && n[3] >= '0' && n[3] <= '9')
        return GLFW_KEY_KP_0 + (n[3] - '0');
    int f = 0;
    if (n.size() >= 2 && n[0] == 'F' && to_int(n.substr(1), 1, 12, f)) return GLFW_KEY_F1 + f - 1;
    return -1;
}

std::vector<std::string> read_config_file(const std::filesystem::path& file, KioskConfig& c) {
    std::vector<std::string> errors;
    std::ifstream in(file);
    if (!in) return {file.string() + ": cannot be read"};
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        size_t eq = t.find('=');
        std::string where = file.string() + ":" + std::to_string(n) + ": ";
        if (eq == std::string::npos) {
            errors.push_back(where + "expected key = value");
            continue;
        }
        std::string key = trim(t.substr(0, eq)), value = trim(t.substr(eq + 1));
        bool ok = true;
        if (key == "store")
            c.store = value;
        else if (key == "room")
            c.room = value;
        else if (key == "kiosk_id")
            c.kiosk_id = value;
        else if (key == "printer")
            c.printer = value;
        else if (key == "preview_dir")
            c.preview_dir = value;
        else if (key == "public_url")
            ok = (c.public_url = value).empty() || value.rfind("https://", 0) == 0;
        else if (key == "turn_texts")
            ok = (c.turn_texts = value == "true") || value == "false";
        else if (key == "language")
            ok = (c.language = value) == "kk" || value == "ru";
        else if (key == "inactivity_seconds")
            ok = to_int(value, 10, 3600, c.inactivity_seconds);
        else if (key == "countdown_seconds")
            ok = to_int(value, 20, 120, c.countdown_seconds);
        else if (key == "service_pin")
            c.service_pin = value;
        else if (key == "restriction_mode")
            ok = (c.restriction_mode = value == "true") || value == "false";
        else if (key == "monitor")
            ok = to_int(value, 0, 16, c.monitor);
        else if (key == "accepted_where")
            c.accepted_where = value;
        else if (key == "speech_key")
            ok = speech_key_code(c.speech_key = value) >= 0;
        else
            errors.push_back(where + "unknown key \"" + key + "\"");
        if (!ok) errors.push_back(where + "bad value for " + key + ": \"" + value + "\"");
    }
    return errors;
}

} // namespace reception::kiosk
