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

std::string public_ticket_link(std::string_view base, std::string_view code,
                               std::string_view lang) {
    std::string b(base);
    while (!b.empty() && b.back() == '/') b.pop_back();
    return b + "/t/" + std::string(code) + "?l=" + std::string(lang);
}

} // namespace reception
