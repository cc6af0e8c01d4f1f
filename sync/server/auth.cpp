#include "server/auth.hpp"

#include "base/code_table.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace reception {

// Roles
static constexpr CodeTable<TerminalRole, 3> kTerminalRoles{{{TerminalRole::Kiosk, "kiosk"},
                                                            {TerminalRole::Console, "console"},
                                                            {TerminalRole::Board, "board"}}};

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
static Terminal terminal_from_row(const Stmt& st) {
    Terminal t;
    t.name = st.text(0);
    t.room = st.text(1);
    from_code(st.text(2), &t.role);
    t.series = st.text(3);
    return t;
}

std::string register_terminal(Store& db, const Terminal& t, Instant now) {
    if (t.name.empty() || t.name.size() > 32 || t.room.empty() || t.room.size() > 32)
        throw StoreError("bad_terminal", "terminal name and room: 1 to 32 characters");
    std::string code = new_enrolment_code();
    db.transaction([&] {
        Stmt found = db.prepare("SELECT enrolled_at, revoked FROM srv_terminals WHERE name = ?1");
        found.bind(1, t.name);
        if (found.step()) {
            if (found.integer(1) == 1)
                throw StoreError("terminal_revoked", "terminal " + t.name +
                                                         " was revoked; register the replacement "
                                                         "under a new name");
            if (!found.text(0).empty())
                throw StoreError("terminal_exists", "terminal " + t.name + " is already enrolled");
        }
        // Kiosks and consoles issue tickets: each gets its own series in the room, so two of
        // them offline never print the same number. Boards issue nothing.
        std::string series;
        if (t.role != TerminalRole::Board) {
            Stmt n = db.prepare("SELECT count(*) FROM srv_terminals WHERE room = ?1 AND "
                                "series <> '' AND name <> ?2");
            n.bind(1, t.room).bind(2, t.name);
            n.step();
            series = std::to_string(n.integer(0) + 1);
        }
        db.prepare("INSERT INTO srv_terminals(name, room, kind, series, code_hash, code_expires, "
                   "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(name) DO UPDATE "
                   "SET room = excluded.room, kind = excluded.kind, series = excluded.series, "
                   "code_hash = excluded.code_hash, code_expires = excluded.code_expires")
            .bind(1, t.name)
            .bind(2, t.room)
            .bind(3, to_code(t.role))
            .bind(4, series)
            .bind(5, sha256_hex(normalise_code(code)))
            .bind(6, format_instant(now + std::chrono::hours(24)))
            .bind(7, format_instant(now))
            .run();
    });
    return code;
}

std::optional<Credential> redeem_enrolment_code(Store& db, std::string_view code, Instant now) {
    std::optional<Credential> out;
    db.transaction([&] {
        Stmt st = db.prepare("SELECT name, room, kind, series, code_expires FROM srv_terminals "
                             "WHERE code_hash = ?1 AND enrolled_at = ''");
        st.bind(1, sha256_hex(normalise_code(code)));
        if (!st.step()) return;
        if (st.text(4) < format_instant(now)) return; // expired
        Credential c{terminal_from_row(st), random_hex(32)};
        // The code is spent: it is cleared in the same transaction that stores the token.
        db.prepare("UPDATE srv_terminals SET token_hash = ?2, code_hash = NULL, enrolled_at = ?3 "
                   "WHERE name = ?1")
            .bind(1, c.terminal.name)
            .bind(2, sha256_hex(c.token))
            .bind(3, format_instant(now))
            .run();
        out = c;
    });
    return out;
}

std::optional<Terminal> find_terminal_by_token(Store& db, std::string_view token) {
    if (token.size() != 64) return std::nullopt;
    Stmt st = db.prepare("SELECT name, room, kind, series FROM srv_terminals "
                         "WHERE token_hash = ?1 AND revoked = 0");
    st.bind(1, sha256_hex(token));
    if (!st.step()) return std::nullopt;
    return terminal_from_row(st);
}

void revoke_terminal(Store& db, const std::string& name) {
    db.transaction([&] {
        db.prepare("UPDATE srv_terminals SET revoked = 1, code_hash = NULL WHERE name = ?1")
            .bind(1, name)
            .run();
        Stmt found = db.prepare("SELECT count(*) FROM srv_terminals WHERE name = ?1");
        found.bind(1, name);
        if (!found.step() || found.integer(0) == 0)
            throw StoreError("terminal_unknown", "no terminal " + name + " is registered");
        db.prepare("INSERT INTO srv_counters(name, value) VALUES ('credentials', 1) "
                   "ON CONFLICT(name) DO UPDATE SET value = value + 1")
            .run();
    });
}

long long credentials_version(Store& db) {
    // No row until the first revocation (stores made before revocation existed have none).
    Stmt st = db.prepare("SELECT value FROM srv_counters WHERE name = 'credentials'");
    return st.step() ? st.integer(0) : 0;
}

std::vector<TerminalRow> list_terminals(Store& db) {
    Stmt st = db.prepare("SELECT name, room, kind, series, revoked, enrolled_at FROM srv_terminals "
                         "ORDER BY room, name");
    std::vector<TerminalRow> out;
    while (st.step()) {
        TerminalRow r{terminal_from_row(st), "", st.text(5)};
        r.state = st.integer(4) ? "revoked" : r.enrolled_at.empty() ? "code_pending" : "enrolled";
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace reception
