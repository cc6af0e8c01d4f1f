#include "validation.hpp"

#include <array>

namespace reception {

const char* reason_code(Reason r) {
    switch (r) {
    case Reason::Ok:
        return "ok";
    case Reason::Empty:
        return "empty";
    case Reason::TooLong:
        return "too_long";
    case Reason::TooShort:
        return "too_short";
    case Reason::NotDigits:
        return "not_digits";
    case Reason::WrongLength:
        return "wrong_length";
    case Reason::BadChecksum:
        return "bad_checksum";
    case Reason::BadDate:
        return "bad_date";
    case Reason::BadCentury:
        return "bad_century";
    case Reason::BadEntityType:
        return "bad_entity_type";
    case Reason::BadUnitType:
        return "bad_unit_type";
    case Reason::BadMonth:
        return "bad_month";
    case Reason::NotKazakhPhone:
        return "not_kazakh_phone";
    case Reason::LandlineNotAllowed:
        return "landline_not_allowed";
    case Reason::BadCharacters:
        return "bad_characters";
    }
    return "unknown";
}

// UTF-8
// Decodes one code point at s[i], advancing i; returns -1 for a malformed sequence.
static long decode_utf8(std::string_view s, size_t& i) {
    unsigned char c = (unsigned char)s[i++];
    if (c < 0x80) return c;
    int extra;
    long cp;
    if ((c & 0xE0) == 0xC0)
        extra = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0)
        extra = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0)
        extra = 3, cp = c & 0x07;
    else
        return -1;
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || ((unsigned char)s[i] & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | ((unsigned char)s[i++] & 0x3F);
    }
    return cp;
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size(); ++i)
        if (((unsigned char)s[i] >> 6) != 2) ++n;
    return n;
}

std::string trim(std::string_view s) {
    auto is_space_at_front = [&](size_t i) -> size_t {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') return 1;
        if (s.substr(i, 2) == "\xc2\xa0") return 2; // no-break space
        return 0;
    };
    size_t b = 0;
    while (b < s.size()) {
        size_t n = is_space_at_front(b);
        if (!n) break;
        b += n;
    }
    size_t e = s.size();
    while (e > b) {
        if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')
            --e;
        else if (e - b >= 2 && s.substr(e - 2, 2) == "\xc2\xa0")
            e -= 2;
        else
            break;
    }
    return std::string(s.substr(b, e - b));
}

// IIN and BIN
static bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

bool iin_bin_checksum_ok(std::string_view d) {
    if (d.size() != 12 || !all_digits(d)) return false;
    static constexpr std::array<int, 11> w1{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    static constexpr std::array<int, 11> w2{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    auto sum = [&](const std::array<int, 11>& w) {
        int s = 0;
        for (size_t i = 0; i < 11; ++i) s += (d[i] - '0') * w[i];
        return s % 11;
    };
    int check = sum(w1);
    if (check == 10) check = sum(w2);
    if (check == 10) return false; // such a number is never issued
    return check == d[11] - '0';
}

static int two(std::string_view s, size_t at) {
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// Order of checks: the cheapest message that helps most first (nothing typed, letters typed,
// wrong count), then the meaning of the digits, then the check digit.
static Reason digits_shape(std::string_view s) {
    if (s.empty()) return Reason::Empty;
    if (!all_digits(s)) return Reason::NotDigits;
    if (s.size() != 12) return Reason::WrongLength;
    return Reason::Ok;
}

Reason check_iin(std::string_view text) {
    std::string s = trim(text);
    if (Reason r = digits_shape(s); r != Reason::Ok) return r;
    int century_digit = s[6] - '0';
    if (century_digit < 1 || century_digit > 6) return Reason::BadCentury;
    int year = 1800 + 100 * ((century_digit - 1) / 2) + two(s, 0);
    Date birth{std::chrono::year{year}, std::chrono::month{unsigned(two(s, 2))},
               std::chrono::day{unsigned(two(s, 4))}};
    if (!birth.ok()) return Reason::BadDate;
    if (!iin_bin_checksum_ok(s)) return Reason::BadChecksum;
    return Reason::Ok;
}

std::optional<IinInfo> iin_info(std::string_view text) {
    if (check_iin(text) != Reason::Ok) return std::nullopt;
    std::string s = trim(text);
    int century_digit = s[6] - '0';
    int year = 1800 + 100 * ((century_digit - 1) / 2) + two(s, 0);
    return IinInfo{make_date(year, unsigned(two(s, 2)), unsigned(two(s, 4))),
                   century_digit % 2 == 1};
}

Reason check_bin(std::string_view text) {
    std::string s = trim(text);
    if (Reason r = digits_shape(s); r != Reason::Ok) return r;
    int month = two(s, 2);
    if (month < 1 || month > 12) return Reason::BadMonth;
    if (s[4] < '4' || s[4] > '6') return Reason::BadEntityType;
    if (s[5] < '0' || s[5] > '3') return Reason::BadUnitType;
    if (!iin_bin_checksum_ok(s)) return Reason::BadChecksum;
    return Reason::Ok;
}

// Phones
// Kazakhstan's mobile codes (libphonenumber's KZ metadata) and landline area codes 710-729.
static bool is_mobile_code(int c) {
    return (c >= 700 && c <= 702) || (c >= 705 && c <= 708) || c == 747 || (c >= 760 && c <= 764) ||
           c == 771 || (c >= 775 && c <= 778) || c == 785;
}
static bool is_landline_code(int c) {
    return c >= 710 && c <= 729;
}

Reason check_phone(std::string_view text, bool allow_landline, Phone* out) {
    std::string s = trim(text);
    if (s.empty()) return Reason::Empty;
    std::string digits;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            digits += c;
        else if (c == '+' && digits.empty() && i == 0)
            continue;
        else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.')
            continue;
        else
            return Reason::NotDigits;
    }
    // 8 7XX..., +7 7XX..., 7 7XX... (11 digits) or 7XX... (10 digits).
    if (digits.size() == 11 && (digits[0] == '7' || digits[0] == '8')) digits.erase(0, 1);
    if (digits.size() != 10) return Reason::WrongLength;
    int code = std::stoi(digits.substr(0, 3));
    PhoneKind kind;
    if (is_mobile_code(code))
        kind = PhoneKind::Mobile;
    else if (is_landline_code(code))
        kind = PhoneKind::Landline;
    else
        return Reason::NotKazakhPhone;
    if (kind == PhoneKind::Landline && !allow_landline) return Reason::LandlineNotAllowed;
    if (out) *out = Phone{"+7" + digits, kind};
    return Reason::Ok;
}

std::string format_phone(std::string_view e164) {
    if (e164.size() != 12 || e164.substr(0, 2) != "+7") return std::string(e164);
    std::string d(e164.substr(2));
    return "+7 " + d.substr(0, 3) + " " + d.substr(3, 3) + " " + d.substr(6, 2) + " " +
           d.substr(8, 2);
}

// Names and the essence
// Letters a name may have: Latin, Russian Cyrillic (А-я, Ё ё) and the Kazakh letters
// Ә ә Ғ ғ Қ қ Ң ң Ө ө Ұ ұ Ү ү Һ һ І і.
static bool is_name_letter(long cp) {
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) return true;
    if (cp >= 0x0410 && cp <= 0x044F) return true; // А..я
    if (cp == 0x0401 || cp == 0x0451) return true; // Ё ё
    switch (cp) {
    case 0x04D8:
    case 0x04D9: // Ә ә
    case 0x0492:
    case 0x0493: // Ғ ғ
    case 0x049A:
    case 0x049B: // Қ қ
    case 0x04A2:
    case 0x04A3: // Ң ң
    case 0x04E8:
    case 0x04E9: // Ө ө
    case 0x04B0:
    case 0x04B1: // Ұ ұ
    case 0x04AE:
    case 0x04AF: // Ү ү
    case 0x04BA:
    case 0x04BB: // Һ һ
    case 0x0406:
    case 0x0456: // І і
        return true;
    }
    return false;
}

Reason check_name(std::string_view name, bool required) {
    std::string s = trim(name);
    if (s.empty()) return required ? Reason::Empty : Reason::Ok;
    if (utf8_length(s) > 60) return Reason::TooLong;
    for (size_t i = 0; i < s.size();) {
        long cp = decode_utf8(s, i);
        if (cp < 0) return Reason::BadCharacters;
        if (is_name_letter(cp) || cp == ' ' || cp == '-' || cp == '\'' || cp == 0x2019) continue;
        return Reason::BadCharacters;
    }
    return Reason::Ok;
}

Reason check_essence(std::string_view essence, int min_chars, int max_chars) {
    std::string s = trim(essence);
    if (s.empty()) return Reason::Empty;
    size_t n = utf8_length(s);
    if (n < size_t(min_chars)) return Reason::TooShort;
    if (n > size_t(max_chars)) return Reason::TooLong;
    return Reason::Ok;
}

} // namespace reception
