#include "base/log.hpp"

#include <atomic>
#include <unistd.h>

namespace reception {

static std::atomic<int> g_level{int(LogLevel::Info)};

void set_log_level(LogLevel level) {
    g_level = int(level);
}

LogLevel log_level() {
    return LogLevel(g_level.load());
}

bool parse_log_level(std::string_view name, LogLevel* out) {
    static const struct {
        const char* name;
        LogLevel level;
    } names[] = {{"error", LogLevel::Error},
                 {"warning", LogLevel::Warning},
                 {"notice", LogLevel::Notice},
                 {"info", LogLevel::Info},
                 {"debug", LogLevel::Debug}};
    for (const auto& n : names)
        if (name == n.name) {
            *out = n.level;
            return true;
        }
    return false;
}

bool apply_log_level(std::string_view name) {
    LogLevel level;
    if (!parse_log_level(name, &level)) {
        log_error("--log-level " + std::string(name) + ": give " + kLogLevelHelp);
        return false;
    }
    set_log_level(level);
    return true;
}

void log_line(LogLevel level, std::string_view text) {
    if (int(level) > g_level.load()) return;
    std::string line = "<" + std::to_string(int(level)) + ">";
    // One event, one line: a newline inside would start a line journald reads as level 6.
    for (char c : text) line += (c == '\n' || c == '\r') ? ' ' : c;
    line += '\n';
    for (size_t done = 0; done < line.size();) {
        ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
        if (n <= 0) return; // stderr gone: nothing else to tell it to
        done += size_t(n);
    }
}

} // namespace reception
