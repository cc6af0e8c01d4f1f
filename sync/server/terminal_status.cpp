#include "server/terminal_status.hpp"

#include "server/server_store.hpp"

#include <algorithm>
#include <cstdio>

namespace reception {

void TerminalStatusBoard::seen(const Terminal& t, std::string_view header, Instant now) {
    TerminalCounts told = parse_terminal_counts(header);
    std::lock_guard lock(mutex_);
    TerminalReport& r = by_name_[t.name];
    r.room = t.room;
    r.kind = to_code(t.role);
    r.last_seen = now;
    if (told.pending >= 0) r.counts.pending = told.pending;
    if (told.dead_letters >= 0) r.counts.dead_letters = told.dead_letters;
    r.dirty = true;
}

long long TerminalStatusBoard::connected(Instant now) {
    std::lock_guard lock(mutex_);
    long long n = 0;
    for (const auto& [name, r] : by_name_) n += now - r.last_seen <= std::chrono::seconds(60);
    return n;
}

Instant TerminalStatusBoard::room_last_seen(const std::string& room) {
    std::lock_guard lock(mutex_);
    Instant latest{};
    for (const auto& [name, r] : by_name_)
        if (r.room == room && r.kind != "board") latest = std::max(latest, r.last_seen);
    return latest;
}

// Names and rooms are the administrator's words: quotes and backslashes are escaped.
static std::string label(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out;
}

std::string TerminalStatusBoard::metrics_text() {
    std::string seen = "# HELP reception_terminal_last_seen_seconds When the terminal last made "
                       "an authenticated request (Unix time).\n"
                       "# TYPE reception_terminal_last_seen_seconds gauge\n";
    std::string pending = "# HELP reception_terminal_pending_changes Outbox rows the terminal "
                          "reported not yet accepted.\n"
                          "# TYPE reception_terminal_pending_changes gauge\n";
    std::string dead = "# HELP reception_terminal_dead_letters Ops of the terminal the server "
                       "rejected, as it reported.\n"
                       "# TYPE reception_terminal_dead_letters gauge\n";
    std::lock_guard lock(mutex_);
    for (const auto& [name, r] : by_name_) {
        std::string l = "{terminal=\"" + label(name) + "\",room=\"" + label(r.room) + "\",kind=\"" +
                        r.kind + "\"} ";
        seen += "reception_terminal_last_seen_seconds" + l +
                std::to_string(r.last_seen.time_since_epoch().count()) + "\n";
        if (r.counts.pending >= 0)
            pending +=
                "reception_terminal_pending_changes" + l + std::to_string(r.counts.pending) + "\n";
        if (r.counts.dead_letters >= 0)
            dead += "reception_terminal_dead_letters" + l + std::to_string(r.counts.dead_letters) +
                    "\n";
    }
    return seen + pending + dead;
}

std::map<std::string, TerminalReport> read_terminal_status(ServerStore& db) {
    return db.terminal_status();
}

void TerminalStatusBoard::load(ServerStore& db) {
    auto stored = read_terminal_status(db);
    std::lock_guard lock(mutex_);
    for (auto& [name, r] : stored) by_name_.emplace(name, std::move(r));
}

void TerminalStatusBoard::flush(ServerStore& db) {
    std::vector<std::pair<std::string, TerminalReport>> dirty;
    {
        std::lock_guard lock(mutex_);
        for (auto& [name, r] : by_name_)
            if (r.dirty) {
                dirty.emplace_back(name, r);
                r.dirty = false;
            }
    }
    if (dirty.empty()) return;
    std::sort(dirty.begin(), dirty.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    db.put_terminal_status(dirty);
}

} // namespace reception
