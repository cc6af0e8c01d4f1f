#include "base/public_code.hpp"

#include <stdexcept>
#include <sys/random.h>

namespace reception {

static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567"; // RFC 4648 base32

void random_bytes(unsigned char* out, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(out + got, n - got, 0);
        if (r <= 0) throw std::runtime_error("no random bytes from getrandom");
        got += size_t(r);
    }
}

std::string new_public_code() {
    unsigned char bytes[kPublicCodeChars];
    random_bytes(bytes, sizeof bytes);
    std::string code;
    for (unsigned char b : bytes) code += kAlphabet[b & 31]; // 5 uniform bits of each byte
    return code;
}

bool is_public_code(std::string_view s) {
    if (s.size() != size_t(kPublicCodeChars)) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) return false;
    return true;
}

static std::string trimmed_base(std::string_view base) {
    std::string b(base);
    while (!b.empty() && b.back() == '/') b.pop_back();
    return b;
}

std::string public_ticket_link(std::string_view base, std::string_view code,
                               std::string_view lang) {
    return trimmed_base(base) + "/t/" + std::string(code) + "?l=" + std::string(lang);
}

std::string public_application_link(std::string_view base, std::string_view code,
                                    std::string_view lang) {
    return trimmed_base(base) + "/a/" + std::string(code) + "?l=" + std::string(lang);
}

std::string public_lookup_link(std::string_view base) {
    return trimmed_base(base) + "/a";
}

std::string code_from_check_code(std::string_view typed) {
    std::string code;
    for (char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c == '0') c = 'o';
        if (c == '1') c = 'l';
        if (c == '8') c = 'b';
        code += c;
        if (code.size() > size_t(kPublicCodeChars)) return "";
    }
    return is_public_code(code) ? code : "";
}

std::string check_code_of(std::string_view code) {
    std::string out;
    for (size_t i = 0; i < code.size(); ++i) {
        if (i && i % 4 == 0) out += '-';
        char c = code[i];
        out += c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
    }
    return out;
}

} // namespace reception
