#include "server/auth.hpp"

#include "base/code_table.hpp"
#include "server/server_store.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace reception {

// Roles
static constexpr CodeTable<TerminalRole, 4> kTerminalRoles{{{TerminalRole::Kiosk, "kiosk"},
                                                            {TerminalRole::Console, "console"},
                                                            {TerminalRole::Board, "board"},
                                                            {TerminalRole::Reader, "reader"}}};

const char* to_code(TerminalRole v) {
    return code_of(kTerminalRoles, v);
}

bool from_code(std::string_view code, TerminalRole* out) {
    return value_of(kTerminalRoles, code, out);
}

// Randomness and hashing
static void random_bytes(unsigned char* out, size_t n) {
    if (RAND_bytes(out, int(n)) != 1) throw StoreError("random", "no random bytes from OpenSSL");
}

static std::string to_hex(const unsigned char* data, size_t n) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < n; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 15];
    }
    return out;
}

std::string random_hex(size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    random_bytes(raw.data(), bytes);
    return to_hex(raw.data(), bytes);
}

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    return to_hex(md, len);
}

std::string new_enrolment_code() {
    // 32 symbols, no 0/O, 1/I: read off a screen and typed on a kiosk without mistakes.
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    unsigned char raw[12];
    random_bytes(raw, sizeof raw);
    std::string code;
    for (int i = 0; i < 12; ++i) {
        if (i == 4 || i == 8) code += '-';
        code += alphabet[raw[i] & 31];
    }
    return code;
}

// The code as typed: upper case, dashes and spaces ignored.
static std::string normalise_code(std::string_view code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out += char(std::toupper((unsigned char)c));
    }
    return out;
}

// Terminals
std::string register_terminal(ServerStore& db, const Terminal& t, Instant now) {
    if (t.name.empty() || t.name.size() > 32 || t.room.empty() || t.room.size() > 32)
        throw StoreError("bad_terminal", "terminal name and room: 1 to 32 characters");
    std::string code = new_enrolment_code();
    db.transaction([&] {
        if (auto found = db.terminal_slot(t.name)) {
            if (found->revoked)
                throw StoreError("terminal_revoked", "terminal " + t.name +
                                                         " was revoked; register the replacement "
                                                         "under a new name");
            if (!found->enrolled_at.empty())
                throw StoreError("terminal_exists", "terminal " + t.name + " is already enrolled");
        }
        // Kiosks and consoles issue tickets: each gets its own series in the room, so two of
        // them offline never print the same number. Boards and readers issue nothing.
        Terminal with_series = t;
        with_series.series.clear();
        if (t.role == TerminalRole::Kiosk || t.role == TerminalRole::Console)
            with_series.series = std::to_string(db.series_in_room(t.room, t.name) + 1);
        db.put_terminal_code(with_series, sha256_hex(normalise_code(code)),
                             format_instant(now + std::chrono::hours(24)), format_instant(now));
    });
    return code;
}

std::optional<Credential> redeem_enrolment_code(ServerStore& db, std::string_view code,
                                                Instant now) {
    std::optional<Credential> out;
    db.transaction([&] {
        auto pending = db.pending_code(sha256_hex(normalise_code(code)));
        if (!pending) return;
        if (pending->expires < format_instant(now)) return; // expired
        Credential c{pending->terminal, random_hex(32)};
        // The code is spent: it is cleared in the same transaction that stores the token.
        db.set_token(c.terminal.name, sha256_hex(c.token), format_instant(now));
        out = c;
    });
    return out;
}

std::optional<Terminal> find_terminal_by_token(ServerStore& db, std::string_view token) {
    if (token.size() != 64) return std::nullopt;
    return db.terminal_by_token(sha256_hex(token));
}

std::string begin_token_rotation(ServerStore& db, const Terminal& t) {
    std::string token = random_hex(32);
    db.transaction([&] { db.set_next_token(t.name, sha256_hex(token)); });
    return token;
}

bool confirm_token_rotation(ServerStore& db, const Terminal& t, std::string_view token) {
    bool promoted = false;
    db.transaction([&] { promoted = db.promote_next_token(t.name, sha256_hex(token)); });
    return promoted;
}

void revoke_terminal(ServerStore& db, const std::string& name) {
    if (!db.revoke(name))
        throw StoreError("terminal_unknown", "no terminal " + name + " is registered");
}

long long credentials_version(ServerStore& db) {
    return db.credentials_version();
}

std::vector<TerminalRow> list_terminals(ServerStore& db) {
    return db.terminals();
}

} // namespace reception
