// Validation of what people type: IIN, BIN, phone numbers, names, the essence of an issue.
// Every failure has a reason code; the UI shows the translation of "error.<code>"
// (assets/i18n), so the message is in the user's language.
#pragma once

#include "base/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace reception {

enum class Reason {
    Ok,
    Empty,              // nothing typed where something is required
    TooLong,            // longer than the field allows
    TooShort,           // shorter than makes sense (an essence of 3 letters)
    NotDigits,          // letters or signs where only digits belong
    WrongLength,        // IIN/BIN must be 12 digits
    BadChecksum,        // the 12th digit does not match the other 11
    BadDate,            // IIN digits 1-6 (with digit 7) are not a real birth date, or a future one
    BadCentury,         // IIN digit 7 outside 1-6
    BadEntityType,      // BIN digit 5 outside 4-6
    BadUnitType,        // BIN digit 6 outside 0-3
    BadMonth,           // BIN digits 3-4 are not a month
    NotKazakhPhone,     // not +7 7XX... (a +7 9XX number is Russian)
    LandlineNotAllowed, // a landline where a mobile is required (SMS)
    BadCharacters,      // a name with digits or signs no name has
};

// The code used in translation keys: "error." + reason_code(r), e.g. "error.bad_checksum".
const char* reason_code(Reason r);
// A form field's problem as the screens hold it: "" when the value is fine, else reason_code.
std::string problem_code(Reason r);

struct IinInfo {
    Date birth_date;
    bool male = false;
};

// 12 digits, check digit, birth date and century digit (docs/kazakhstan.md). Spaces around are
// trimmed. The first failing check is told, in this order: Empty, NotDigits, WrongLength,
// BadCentury, BadDate, BadChecksum.
Reason check_iin(std::string_view iin);
std::optional<IinInfo> iin_info(std::string_view iin); // nullopt when not valid
// 12 digits, check digit, registration month, entity type and unit digits. Order: Empty,
// NotDigits, WrongLength, BadMonth, BadEntityType, BadUnitType, BadChecksum.
Reason check_bin(std::string_view bin);
// The shared check-digit rule of IIN and BIN: true when digit 12 matches digits 1-11.
bool iin_bin_checksum_ok(std::string_view twelve_digits);

enum class PhoneKind { Mobile, Landline };
struct Phone {
    std::string e164; // "+77011234567"
    PhoneKind kind = PhoneKind::Mobile;
};
// Accepts "8 701 123 45 67", "+7 (701) 123-45-67", "7011234567"...; normalises to +77XXXXXXXXX.
// Separators: space, no-break space, brackets, dash, dot. *out is written only on Ok.
Reason check_phone(std::string_view text, bool allow_landline, Phone* out = nullptr);
// "+7 701 123 45 67", for reading aloud and printing.
std::string format_phone(std::string_view e164);

// A surname, name or patronymic: letters (Kazakh, Russian, Latin), space, hyphen, apostrophe;
// at most 60 characters (UTF-8 code points). Leading and trailing spaces are not counted.
Reason check_name(std::string_view name, bool required);
// The essence of the issue (reg-5): required, with at least one letter (dots, digits or
// invisible marks alone are no essence: Empty); between min_chars and max_chars code points.
Reason check_essence(std::string_view essence, int min_chars = 10, int max_chars = 4000);

// UTF-8 to code points; a malformed sequence becomes U+FFFD (never a crash, never dropped).
std::u32string utf8_decode(std::string_view s);
// Number of UTF-8 code points (the length a person sees).
size_t utf8_length(std::string_view s);
// At most max_letters code points, cut on a letter boundary (never inside a UTF-8 sequence),
// with "…" at the end when anything was cut: a printout or a screen line with a limit.
std::string utf8_cut(std::string_view s, size_t max_letters);
// Trims spaces and invisible marks from both ends: ASCII spaces, every Unicode space (U+00A0,
// U+2003, U+202F, U+3000...) and zero-width marks (U+200B, U+FEFF).
std::string trim(std::string_view s);

} // namespace reception
