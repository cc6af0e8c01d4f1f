// The programs' log: one line per event on stderr, with the syslog level as a "<N>" prefix,
// which journald reads as the line's priority (sd-daemon(3)), so `journalctl -p warning` shows
// what went wrong and nothing needs linking with libsystemd. Lines never carry personal data
// (names, IINs, phones, the essence of an application): ids, codes and counts only.
#pragma once
#include <string>
#include <string_view>

namespace reception {

enum class LogLevel { Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 };

// Lines above this level are dropped; Info unless --log-level says otherwise.
void set_log_level(LogLevel level);
LogLevel log_level();
// "error", "warning", "notice", "info", "debug"; false for anything else.
bool parse_log_level(std::string_view name, LogLevel* out);
// --log-level of every program: sets it, or says on stderr what the names are and returns false.
bool apply_log_level(std::string_view name);
inline constexpr const char* kLogLevelHelp = "error, warning, notice, info (default) or debug";

// Writes "<N>text\n" in one write(2), so lines from several threads never mix.
void log_line(LogLevel level, std::string_view text);
inline void log_error(std::string_view text) {
    log_line(LogLevel::Error, text);
}
inline void log_warning(std::string_view text) {
    log_line(LogLevel::Warning, text);
}
inline void log_notice(std::string_view text) {
    log_line(LogLevel::Notice, text);
}
inline void log_info(std::string_view text) {
    log_line(LogLevel::Info, text);
}
inline void log_debug(std::string_view text) {
    log_line(LogLevel::Debug, text);
}

} // namespace reception
