// Validation of what people type (validation.hpp). Rules and test vectors: docs/kazakhstan.md.
#include "base/validation.hpp"

#include <array>
#include <unicode/uchar.h>

namespace reception {

// Reason codes
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

std::string problem_code(Reason r) {
    return r == Reason::Ok ? std::string() : reason_code(r);
}

// UTF-8
// How many continuation bytes follow a lead byte; -1 for a byte that cannot start a character.
static int continuation_count(unsigned char c) {
    if ((c & 0xE0) == 0xC0) return 1;
    if ((c & 0xF0) == 0xE0) return 2;
    if ((c & 0xF8) == 0xF0) return 3;
    return -1;
}

// Decodes one code point at s[i] and advances i; -1 for anything that is not well-formed UTF-8:
// a stray or missing continuation byte, an overlong form, a surrogate, a code point past U+10FFFF.
// Overlong forms are refused so that a forbidden sign cannot pass as a longer byte sequence.
static long decode_utf8(std::string_view s, size_t& i) {
    static constexpr long kSmallest[] = {0, 0x80, 0x800, 0x10000};
    unsigned char c = (unsigned char)s[i++];
    if (c < 0x80) return c;
    int extra = continuation_count(c);
    if (extra < 0) return -1;
    long cp = c & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || ((unsigned char)s[i] & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | ((unsigned char)s[i++] & 0x3F);
    }
    bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (cp < kSmallest[extra] || surrogate || cp > 0x10FFFF) return -1;
    return cp;
}

// A malformed sequence becomes one U+FFFD; decode_utf8 stops before a byte that breaks a
// sequence, so that byte is decoded afresh and nothing after a bad byte is lost.
std::u32string utf8_decode(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        long cp = decode_utf8(s, i);
        out += cp < 0 ? U'\uFFFD' : char32_t(cp);
    }
    return out;
}

// Counts the bytes that start a character: the code points of valid UTF-8 (a malformed byte
// counts as one, which is all a length limit needs).
size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string utf8_cut(std::string_view s, size_t max_letters) {
    if (utf8_length(s) <= max_letters) return std::string(s);
    size_t letters = 0, i = 0;
    // Room for the ellipsis, which is a letter to the eye.
    while (i < s.size() && letters < max_letters - (max_letters > 0 ? 1 : 0)) {
        ++i;
        while (i < s.size() && ((unsigned char)s[i] & 0xC0) == 0x80) ++i;
        ++letters;
    }
    return std::string(s.substr(0, i)) + "…";
}

// Spaces
// U+00A0 comes with text copied from web pages and Word documents.
static bool is_nbsp_at(std::string_view s, size_t i) {
    return s.substr(i, 2) == "\xc2\xa0";
}

// A space or an invisible mark that text copied from a web page, a Word document or a messenger
// brings: ASCII spaces, every Unicode space (U+00A0, U+2003, U+202F, U+3000...) and the
// zero-width format marks (U+200B, U+FEFF, U+2060). None of them is anything a person typed.
static bool is_blank(long cp) {
    return cp >= 0 && (u_isUWhiteSpace(UChar32(cp)) || u_charType(UChar32(cp)) == U_FORMAT_CHAR);
}

// Bytes of the blank that starts at s[b] (0 when none).
static size_t blank_after(std::string_view s, size_t b) {
    size_t i = b;
    return is_blank(decode_utf8(s, i)) ? i - b : 0;
}

// Bytes of the blank that ends just before s[e], not reaching back past b (0 when none).
static size_t blank_before(std::string_view s, size_t b, size_t e) {
    size_t start = e - 1;
    while (start > b && ((unsigned char)s[start] & 0xC0) == 0x80) --start;
    size_t i = start;
    return is_blank(decode_utf8(s, i)) && i == e ? e - start : 0;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e) {
        size_t n = blank_after(s, b);
        if (n == 0) break;
        b += n;
    }
    while (e > b) {
        size_t n = blank_before(s, b, e);
        if (n == 0) break;
        e -= n;
    }
    return std::string(s.substr(b, e - b));
}

// IIN and BIN
static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static bool all_digits(std::string_view s) {
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

static int two_digits(std::string_view s, size_t at) {
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

static int weighted_sum_mod11(std::string_view d, const std::array<int, 11>& weights) {
    int sum = 0;
    for (size_t i = 0; i < 11; ++i) sum += (d[i] - '0') * weights[i];
    return sum % 11;
}

// The rule of docs/kazakhstan.md. Note that digit 11 has weight 11 (0 mod 11) in the first pass:
// the standard itself lets most changes of that digit through, and nothing here can tell them.
bool iin_bin_checksum_ok(std::string_view d) {
    if (d.size() != 12 || !all_digits(d)) return false;
    static constexpr std::array<int, 11> first{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    static constexpr std::array<int, 11> second{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    int check = weighted_sum_mod11(d, first);
    if (check == 10) check = weighted_sum_mod11(d, second);
    if (check == 10) return false; // no check digit fits: such a number is never issued
    return check == d[11] - '0';
}

// Nothing typed, then a sign where a digit belongs, then the count: the first thing to fix first.
static Reason twelve_digits_shape(std::string_view s) {
    if (s.empty()) return Reason::Empty;
    if (!all_digits(s)) return Reason::NotDigits;
    if (s.size() != 12) return Reason::WrongLength;
    return Reason::Ok;
}

static bool iin_century_ok(std::string_view s) {
    return s[6] >= '1' && s[6] <= '6';
}

// Digits 1-6 (YYMMDD) in the century of digit 7 (1-2: 1800s, 3-4: 1900s, 5-6: 2000s).
// The century matters for the date itself: 29 February 1900 never was, 29 February 2000 was.
static Date iin_birth_date(std::string_view s) {
    int century = 1800 + 100 * ((s[6] - '1') / 2);
    return Date{std::chrono::year{century + two_digits(s, 0)},
                std::chrono::month{unsigned(two_digits(s, 2))},
                std::chrono::day{unsigned(two_digits(s, 4))}};
}

// Order: Empty, NotDigits, WrongLength, BadCentury, BadDate, BadChecksum. The century comes
// before the date because the date depends on it; the check digit comes last because a date
// error points the person to the exact digits to look at.
Reason check_iin(std::string_view text) {
    std::string s = trim(text);
    if (Reason r = twelve_digits_shape(s); r != Reason::Ok) return r;
    if (!iin_century_ok(s)) return Reason::BadCentury;
    // A birth date after today is no birth date either (the century digit makes 2030 a
    // possible reading of "30"); tomorrow is allowed for a terminal whose clock is a day off.
    Date born = iin_birth_date(s);
    if (!born.ok() || std::chrono::sys_days(born) >
                          std::chrono::sys_days(local_date(now_utc())) + std::chrono::days(1))
        return Reason::BadDate;
    if (!iin_bin_checksum_ok(s)) return Reason::BadChecksum;
    return Reason::Ok;
}

std::optional<IinInfo> iin_info(std::string_view text) {
    if (check_iin(text) != Reason::Ok) return std::nullopt;
    std::string s = trim(text);
    bool male = (s[6] - '0') % 2 == 1;
    return IinInfo{iin_birth_date(s), male};
}

// Order: Empty, NotDigits, WrongLength, BadMonth, BadEntityType, BadUnitType, BadChecksum
// (digit by digit from the left, the check digit last, as for the IIN).
Reason check_bin(std::string_view text) {
    std::string s = trim(text);
    if (Reason r = twelve_digits_shape(s); r != Reason::Ok) return r;
    int month = two_digits(s, 2);
    if (month < 1 || month > 12) return Reason::BadMonth;
    if (s[4] < '4' || s[4] > '6') return Reason::BadEntityType;
    if (s[5] < '0' || s[5] > '3') return Reason::BadUnitType;
    if (!iin_bin_checksum_ok(s)) return Reason::BadChecksum;
    return Reason::Ok;
}

// Phones
// Kazakhstan's mobile codes (libphonenumber's KZ metadata).
static bool is_mobile_code(int c) {
    return (c >= 700 && c <= 702) || (c >= 705 && c <= 708) || c == 747 || (c >= 760 && c <= 764) ||
           c == 771 || (c >= 775 && c <= 778) || c == 785;
}

// Area codes of landlines (a district office line is one).
static bool is_landline_code(int c) {
    return c >= 710 && c <= 729;
}

static bool is_phone_separator(char c) {
    return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.';
}

// Collects the digits of s, skipping separators; a '+' may only open the number.
// NotDigits for a letter or any other sign, and for a number with no digit at all.
static Reason phone_digits(std::string_view s, std::string& digits, bool& plus) {
    plus = !s.empty() && s[0] == '+';
    for (size_t i = plus ? 1 : 0; i < s.size(); ++i) {
        if (is_digit(s[i]))
            digits += s[i];
        else if (is_nbsp_at(s, i))
            ++i; // its second byte
        else if (!is_phone_separator(s[i]))
            return Reason::NotDigits;
    }
    return digits.empty() ? Reason::NotDigits : Reason::Ok;
}

// The 10 national digits (7XX XXX XX XX) of what was typed: +7 and 10 digits, 7 or 8 (the old
// trunk prefix) and 10 digits, or the 10 digits alone. A '+' with another country code, or 11
// digits behind another first digit, is a foreign number rather than a miscount.
static Reason national_digits(std::string& digits, bool plus) {
    if (plus && digits[0] != '7') return Reason::NotKazakhPhone;
    if (plus && digits.size() != 11) return Reason::WrongLength;
    if (digits.size() == 11 && digits[0] != '7' && digits[0] != '8') return Reason::NotKazakhPhone;
    if (digits.size() == 11) digits.erase(0, 1);
    return digits.size() == 10 ? Reason::Ok : Reason::WrongLength;
}

// Order: Empty, NotDigits, NotKazakhPhone (foreign prefix), WrongLength, NotKazakhPhone (code),
// LandlineNotAllowed. *out is written only when the number is accepted.
Reason check_phone(std::string_view text, bool allow_landline, Phone* out) {
    std::string s = trim(text);
    if (s.empty()) return Reason::Empty;
    std::string digits;
    bool plus = false;
    if (Reason r = phone_digits(s, digits, plus); r != Reason::Ok) return r;
    if (Reason r = national_digits(digits, plus); r != Reason::Ok) return r;
    int code = std::stoi(digits.substr(0, 3));
    PhoneKind kind = PhoneKind::Mobile;
    if (is_landline_code(code))
        kind = PhoneKind::Landline;
    else if (!is_mobile_code(code))
        return Reason::NotKazakhPhone; // +7 9XX is Russia; 703, 799... are not in use
    if (kind == PhoneKind::Landline && !allow_landline) return Reason::LandlineNotAllowed;
    if (out) *out = Phone{"+7" + digits, kind};
    return Reason::Ok;
}

// Anything that is not +7 and 10 digits is returned as it is: better shown than lost.
std::string format_phone(std::string_view e164) {
    if (e164.size() != 12 || e164.substr(0, 2) != "+7" || !all_digits(e164.substr(2)))
        return std::string(e164);
    std::string_view d = e164.substr(2);
    std::string out = "+7 ";
    out.append(d.substr(0, 3)).append(" ").append(d.substr(3, 3)).append(" ");
    out.append(d.substr(6, 2)).append(" ").append(d.substr(8, 2));
    return out;
}

// Names
// Ә ә Ғ ғ Қ қ Ң ң Ө ө Ұ ұ Ү ү Һ һ І і: the Kazakh letters outside the Russian alphabet.
static bool is_kazakh_letter(long cp) {
    switch (cp) {
    case 0x04D8: // Ә
    case 0x04D9: // ә
    case 0x0492: // Ғ
    case 0x0493: // ғ
    case 0x049A: // Қ
    case 0x049B: // қ
    case 0x04A2: // Ң
    case 0x04A3: // ң
    case 0x04E8: // Ө
    case 0x04E9: // ө
    case 0x04B0: // Ұ
    case 0x04B1: // ұ
    case 0x04AE: // Ү
    case 0x04AF: // ү
    case 0x04BA: // Һ
    case 0x04BB: // һ
    case 0x0406: // І
    case 0x0456: // і
        return true;
    }
    return false;
}

static bool is_russian_letter(long cp) {
    return (cp >= 0x0410 && cp <= 0x044F) || cp == 0x0401 || cp == 0x0451; // А..я, Ё, ё
}

static bool is_latin_letter(long cp) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

// Space, hyphen (Римский-Корсаков), apostrophe typed or typographic (O'Neil, D’Artagnan).
static bool is_name_sign(long cp) {
    return cp == ' ' || cp == '-' || cp == '\'' || cp == 0x2019;
}

static bool is_name_character(long cp) {
    return is_kazakh_letter(cp) || is_russian_letter(cp) || is_latin_letter(cp) || is_name_sign(cp);
}

// Order: Empty (or Ok when not required), TooLong, BadCharacters (invalid UTF-8 included).
Reason check_name(std::string_view name, bool required) {
    std::string s = trim(name);
    if (s.empty()) return required ? Reason::Empty : Reason::Ok;
    if (utf8_length(s) > 60) return Reason::TooLong;
    for (size_t i = 0; i < s.size();) {
        long cp = decode_utf8(s, i);
        if (cp < 0 || !is_name_character(cp)) return Reason::BadCharacters;
    }
    return Reason::Ok;
}

// The essence of the issue (reg-5)
// Counted in code points after trimming, so that "   жол   " is as short as it looks. Text with
// no letter at all (dots, dashes, digits, invisible marks) states no issue: it is no essence,
// whatever its length. A limit below zero (a slip in the profile) means no limit rather than
// refusing every essence.
static bool has_letter(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        long cp = decode_utf8(s, i);
        if (cp >= 0 && u_isalpha(UChar32(cp))) return true;
    }
    return false;
}

Reason check_essence(std::string_view essence, int min_chars, int max_chars) {
    std::string s = trim(essence);
    if (s.empty() || !has_letter(s)) return Reason::Empty;
    size_t n = utf8_length(s);
    if (min_chars > 0 && n < size_t(min_chars)) return Reason::TooShort;
    if (max_chars >= 0 && n > size_t(max_chars)) return Reason::TooLong;
    return Reason::Ok;
}

} // namespace reception
