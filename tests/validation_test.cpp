// What people type: IIN, BIN, phones, names, the essence (test vectors of docs/kazakhstan.md).
#include "base/validation.hpp"

#include "base/date.hpp"

#include <cstdio>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace reception;

static const char* const kValidIins[] = {"871008401427", "760212350620", "800416300257",
                                         "680503450037", "061211600012"};
static const char* const kValidBins[] = {"940140000385", "950341000052", "990140004654",
                                         "961141000023"};

// The two passes of the check-digit rule, written out here so the tests can say which one a
// number needs without trusting the code under test.
static int pass_sum(const std::string& d, const std::vector<int>& weights) {
    int sum = 0;
    for (size_t i = 0; i < 11; ++i) sum += (d[i] - '0') * weights[i];
    return sum % 11;
}
static int first_pass(const std::string& d) {
    return pass_sum(d, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
}
static int second_pass(const std::string& d) {
    return pass_sum(d, {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2});
}

// IIN: the test vectors
TEST_CASE("validation: the valid IINs of the test vectors pass, one of them by the second pass") {
    for (const char* iin : kValidIins) CHECK_MESSAGE(check_iin(iin) == Reason::Ok, iin);
    for (const char* iin : kValidIins) CHECK_MESSAGE(iin_bin_checksum_ok(iin), iin);
    REQUIRE(first_pass("061211600012") == 10); // so the second pass is what accepts it
    CHECK(second_pass("061211600012") == 2);
    CHECK(check_iin("061211600012") == Reason::Ok);
}

TEST_CASE("validation: an IIN whose both passes give 10 is invalid whatever its last digit") {
    REQUIRE(first_pass("821214240092") == 10);
    REQUIRE(second_pass("821214240092") == 10);
    for (char c = '0'; c <= '9'; ++c) {
        std::string iin = std::string("82121424009") + c;
        CHECK_MESSAGE(!iin_bin_checksum_ok(iin), iin);
        CHECK_MESSAGE(check_iin(iin) == Reason::BadChecksum, iin);
    }
}

// kazakhstan.md says any one-digit change of a valid number is invalid. The check-digit rule it
// gives (and the state uses) does not do that, and this test pins down exactly where not:
// (a) digit 11 has weight 11 in the first pass, which is 0 mod 11, so changing it leaves the
//     first sum and the check digit as they were (871008401427 -> 871008401407 passes);
// (b) a change that moves the first sum to 10 or away from 10 switches between the two passes,
//     and the other pass can match the check digit (871008401427 -> 871008601427).
// Rejecting these would reject numbers that are really issued, so the rule stays as it is.
// Every other change - any digit, any position, the check digit included - is rejected.
static bool explained_by_the_standard(const std::string& valid, const std::string& changed,
                                      size_t pos) {
    bool valid_by_first = first_pass(valid) != 10;
    bool changed_by_first = first_pass(changed) != 10;
    return (pos == 10 && valid_by_first) || valid_by_first != changed_by_first;
}

template <class Check>
static void change_every_digit(const char* valid, Check check, int& changes, int& accepted) {
    for (size_t pos = 0; pos < 12; ++pos)
        for (char c = '0'; c <= '9'; ++c) {
            if (c == valid[pos]) continue;
            std::string changed = valid;
            changed[pos] = c;
            ++changes;
            if (check(changed) == Reason::Ok) {
                ++accepted;
                CHECK_MESSAGE(explained_by_the_standard(valid, changed, pos), changed);
            }
        }
}

TEST_CASE("validation: every one-digit change of a valid IIN or BIN is rejected but for the "
          "standard's own blind spots") {
    int changes = 0, accepted = 0;
    for (const char* iin : kValidIins)
        change_every_digit(
            iin, [](const std::string& s) { return check_iin(s); }, changes, accepted);
    for (const char* bin : kValidBins)
        change_every_digit(
            bin, [](const std::string& s) { return check_bin(s); }, changes, accepted);
    CHECK(changes == 9 * 9 * 12);
    // 7 first-pass vectors x 9 changes of digit 11, plus 9 pass switches (counted by hand), less
    // two that the check digit lets through but the birth date does not: 871008 601427 (born
    // 2087) and 361211 600012 (born 2036) have not been born yet.
    CHECK(accepted == 79);
    CHECK(check_iin("871008601427") == Reason::BadDate);
    CHECK(check_iin("361211600012") == Reason::BadDate);
}

TEST_CASE("validation: a change of the check digit itself is always rejected") {
    for (const char* valid : kValidIins)
        for (char c = '0'; c <= '9'; ++c) {
            std::string changed = valid;
            if (changed[11] == c) continue;
            changed[11] = c;
            CHECK_MESSAGE(check_iin(changed) == Reason::BadChecksum, changed);
        }
}

TEST_CASE("validation: digit 11 is not covered by the first pass (the standard, not a bug)") {
    CHECK(check_iin("871008401427") == Reason::Ok);
    CHECK(check_iin("871008401407") == Reason::Ok);
    CHECK(check_iin("061211600002") == Reason::BadChecksum); // the second pass does cover it
}

// IIN: what it tells
TEST_CASE("validation: the IIN tells the date of birth and sex") {
    struct Case {
        const char* iin;
        Date birth;
        bool male;
    };
    const Case cases[] = {
        {"871008401427", make_date(1987, 10, 8), false}, // digit 7 = 4: 1900s, female
        {"760212350620", make_date(1976, 2, 12), true},  // 3: 1900s, male
        {"800416300257", make_date(1980, 4, 16), true},
        {"680503450037", make_date(1968, 5, 3), false},
        {"061211600012", make_date(2006, 12, 11), false}, // 6: 2000s, female
        {"050505512348", make_date(2005, 5, 5), true},    // 5: 2000s, male
        {"991231100000", make_date(1899, 12, 31), true},  // 1: 1800s, male
        {"991231200007", make_date(1899, 12, 31), false}, // 2: 1800s, female
    };
    for (const Case& c : cases) {
        auto info = iin_info(c.iin);
        REQUIRE_MESSAGE(info, c.iin);
        CHECK_MESSAGE(info->birth_date == c.birth, c.iin);
        CHECK_MESSAGE(info->male == c.male, c.iin);
    }
    CHECK(iin_info(" 871008401427 ")); // spaces around are forgiven here too
    CHECK_FALSE(iin_info("871008401428"));
    CHECK_FALSE(iin_info("871308401427"));
    CHECK_FALSE(iin_info(""));
}

// IIN: what is wrong with it
TEST_CASE("validation: IIN shape errors are told apart so the message helps") {
    CHECK(check_iin("") == Reason::Empty);
    CHECK(check_iin("   ") == Reason::Empty);
    CHECK(check_iin("87100840142") == Reason::WrongLength);
    CHECK(check_iin("8710084014270") == Reason::WrongLength);
    CHECK(check_iin("87100840142a") == Reason::NotDigits);
    CHECK(check_iin("871008 401427") == Reason::NotDigits); // only spaces around are trimmed
    CHECK(check_iin("8710a") == Reason::NotDigits);         // letters are told before the count
    CHECK(check_iin(" 871008401427 ") == Reason::Ok);
    CHECK(check_iin("\t871008401427\xc2\xa0") == Reason::Ok);
}

TEST_CASE("validation: an IIN whose first six digits are no date is refused") {
    CHECK(check_iin("871308401427") == Reason::BadDate); // month 13
    CHECK(check_iin("870008401427") == Reason::BadDate); // month 00
    CHECK(check_iin("870230401427") == Reason::BadDate); // 30 February
    CHECK(check_iin("870431401427") == Reason::BadDate); // 31 April
    CHECK(check_iin("871000401427") == Reason::BadDate); // day 00
    CHECK(check_iin("871032401427") == Reason::BadDate); // day 32
    // The century decides 29 February: 2000 was a leap year, 1900 was not. Both numbers have a
    // matching check digit, so only the date can refuse the second.
    CHECK(check_iin("000229500008") == Reason::Ok);
    REQUIRE(iin_bin_checksum_ok("000229300005"));
    CHECK(check_iin("000229300005") == Reason::BadDate);
}

// Eleven digits and the check digit that makes them a valid number; empty when both passes
// give 10 (no check digit fits).
static std::string with_check_digit(const std::string& eleven) {
    std::string d = eleven + "0";
    int c = first_pass(d);
    if (c == 10) c = second_pass(d);
    if (c == 10) return "";
    d[11] = char('0' + c);
    return d;
}

// An IIN of a person born on that day (the 21st century's century digit), any valid serial.
static std::string iin_born(Date born) {
    char six[16];
    std::snprintf(six, sizeof six, "%02d%02u%02u", int(born.year()) % 100, unsigned(born.month()),
                  unsigned(born.day()));
    for (int serial = 1000; serial < 1100; ++serial) {
        std::string iin = with_check_digit(std::string(six) + "5" + std::to_string(serial));
        if (!iin.empty()) return iin;
    }
    return "";
}

TEST_CASE("validation: an IIN whose birth date is still to come is refused") {
    using namespace std::chrono;
    Date today = local_date(now_utc());
    std::string in_a_year = iin_born(Date(sys_days(today) + days(366)));
    REQUIRE(iin_bin_checksum_ok(in_a_year));
    CHECK(check_iin(in_a_year) == Reason::BadDate);
    CHECK_FALSE(iin_info(in_a_year));
    CHECK(check_iin(iin_born(Date(sys_days(today) + days(30)))) == Reason::BadDate);
    // Born today (a newborn's parent applies) or yesterday: a real person.
    CHECK(check_iin(iin_born(today)) == Reason::Ok);
    CHECK(check_iin(iin_born(Date(sys_days(today) - days(1)))) == Reason::Ok);
}

TEST_CASE("validation: an IIN with a century digit outside 1-6 is refused") {
    for (char c : {'0', '7', '8', '9'}) {
        std::string iin = "871008401427";
        iin[6] = c;
        CHECK_MESSAGE(check_iin(iin) == Reason::BadCentury, iin);
    }
}

TEST_CASE("validation: IIN checks come in a fixed order") {
    // Empty, NotDigits, WrongLength, BadCentury, BadDate, BadChecksum.
    CHECK(check_iin("8713a") == Reason::NotDigits);
    CHECK(check_iin("871308001427") == Reason::BadCentury); // month 13 as well
    CHECK(check_iin("871308401428") == Reason::BadDate);    // wrong check digit as well
    CHECK(check_iin("871008401428") == Reason::BadChecksum);
}

// BIN
TEST_CASE("validation: the valid BINs of the test vectors pass") {
    for (const char* bin : kValidBins) CHECK_MESSAGE(check_bin(bin) == Reason::Ok, bin);
    REQUIRE(first_pass("961141000023") == 10); // this one needs the second pass
    CHECK(check_bin(" 961141000023 ") == Reason::Ok);
}

TEST_CASE("validation: a BIN's month, entity type and unit digits are checked") {
    CHECK(check_bin("940040000385") == Reason::BadMonth); // month 00
    CHECK(check_bin("941340000385") == Reason::BadMonth); // month 13
    for (char c : {'0', '1', '2', '3', '7', '8', '9'}) {
        std::string bin = "940140000385";
        bin[4] = c;
        CHECK_MESSAGE(check_bin(bin) == Reason::BadEntityType, bin);
    }
    for (char c : {'4', '5', '6', '7', '8', '9'}) {
        std::string bin = "940140000385";
        bin[5] = c;
        CHECK_MESSAGE(check_bin(bin) == Reason::BadUnitType, bin);
    }
    CHECK(check_bin("940140000386") == Reason::BadChecksum);
    CHECK(check_bin("871008401427") == Reason::BadEntityType); // an IIN is not a BIN
}

TEST_CASE("validation: BIN checks come in a fixed order") {
    // Empty, NotDigits, WrongLength, BadMonth, BadEntityType, BadUnitType, BadChecksum.
    CHECK(check_bin("") == Reason::Empty);
    CHECK(check_bin("94014000038x") == Reason::NotDigits);
    CHECK(check_bin("94014000038") == Reason::WrongLength);
    CHECK(check_bin("941379000386") == Reason::BadMonth);
    CHECK(check_bin("940179000386") == Reason::BadEntityType);
    CHECK(check_bin("940149000386") == Reason::BadUnitType);
}

// Phones
TEST_CASE("validation: phones in every usual spelling normalise to +77XXXXXXXXX") {
    for (const char* form :
         {"8 701 123 45 67", "+7 701 123 45 67", "7 701 123 45 67", "+7 (701) 123-45-67",
          "8 (701) 123-45-67", "8-701-123-45-67", "87011234567", "+77011234567", "77011234567",
          "7011234567", "701 123 45 67", "(701) 123-45-67", "701.123.45.67", " +7 701 1234567 ",
          "+7\xc2\xa0"
          "701\xc2\xa0"
          "123\xc2\xa0"
          "45\xc2\xa0"
          "67"}) {
        Phone p;
        REQUIRE_MESSAGE(check_phone(form, false, &p) == Reason::Ok, form);
        CHECK_MESSAGE(p.e164 == "+77011234567", form);
        CHECK(p.kind == PhoneKind::Mobile);
    }
}

TEST_CASE("validation: a phone is read aloud and printed as +7 7XX XXX XX XX") {
    CHECK(format_phone("+77011234567") == "+7 701 123 45 67");
    CHECK(format_phone("+77172556677") == "+7 717 255 66 77");
    CHECK(format_phone("") == "");
    CHECK(format_phone("8 701 123") == "8 701 123"); // not normalised: shown as it is
}

// Every code +7 7XX against the list of kazakhstan.md.
TEST_CASE("validation: mobile codes, landline codes and the rest of +7 7XX") {
    auto expected = [](int c) {
        bool mobile = (c >= 700 && c <= 702) || (c >= 705 && c <= 708) || c == 747 ||
                      (c >= 760 && c <= 764) || c == 771 || (c >= 775 && c <= 778) || c == 785;
        if (mobile) return Reason::Ok;
        if (c >= 710 && c <= 729) return Reason::LandlineNotAllowed;
        return Reason::NotKazakhPhone;
    };
    int mobiles = 0;
    for (int code = 700; code <= 799; ++code) {
        std::string number = "8" + std::to_string(code) + "1234567";
        CHECK_MESSAGE(check_phone(number, false) == expected(code), number);
        if (expected(code) == Reason::Ok) ++mobiles;
    }
    CHECK(mobiles == 19);
}

TEST_CASE("validation: a district office landline is allowed only where a landline makes sense") {
    Phone p;
    CHECK(check_phone("8 (7172) 55-66-77", true, &p) == Reason::Ok); // Astana
    CHECK(p.e164 == "+77172556677");
    CHECK(p.kind == PhoneKind::Landline);
    CHECK(check_phone("8 71336 2 11 00", true, &p) == Reason::Ok); // Khromtau, code 71336
    CHECK(p.kind == PhoneKind::Landline);
    CHECK(check_phone("8 71336 2 11 00", false) == Reason::LandlineNotAllowed);
    CHECK(check_phone("+7 710 123 45 67", false) == Reason::LandlineNotAllowed);
    CHECK(check_phone("+7 729 123 45 67", false) == Reason::LandlineNotAllowed);
}

TEST_CASE("validation: Russian and other foreign numbers are refused") {
    CHECK(check_phone("+7 912 345 67 89", true) == Reason::NotKazakhPhone); // Russia
    CHECK(check_phone("8 912 345 67 89", true) == Reason::NotKazakhPhone);
    CHECK(check_phone("9123456789", true) == Reason::NotKazakhPhone);
    CHECK(check_phone("+7 703 345 67 89", true) == Reason::NotKazakhPhone); // not in use
    CHECK(check_phone("+7 799 345 67 89", true) == Reason::NotKazakhPhone);
    CHECK(check_phone("+8 701 123 45 67", true) == Reason::NotKazakhPhone); // no country 8
    CHECK(check_phone("+380 44 123 4567", true) == Reason::NotKazakhPhone); // Ukraine
    CHECK(check_phone("9 701 123 45 67", true) == Reason::NotKazakhPhone);  // 11 digits, not 7/8
    CHECK(check_phone("+996 555 123 456", true) == Reason::NotKazakhPhone); // Kyrgyzstan
}

TEST_CASE("validation: a phone with letters or a wrong count of digits is refused") {
    CHECK(check_phone("", true) == Reason::Empty);
    CHECK(check_phone(" \xc2\xa0 ", true) == Reason::Empty);
    CHECK(check_phone("+7 701 12E 45 67", true) == Reason::NotDigits);
    CHECK(check_phone("8 701 123 45 67 доб. 12", true) == Reason::NotDigits);
    CHECK(check_phone("8 701 123+45 67", true) == Reason::NotDigits); // '+' only in front
    CHECK(check_phone("8/701/123 45 67", true) == Reason::NotDigits);
    CHECK(check_phone("+", true) == Reason::NotDigits);
    CHECK(check_phone("( )", true) == Reason::NotDigits);
    CHECK(check_phone("+7 701 123 45", true) == Reason::WrongLength);
    CHECK(check_phone("701 123 45 6", true) == Reason::WrongLength);
    CHECK(check_phone("8 701 123 45 67 8", true) == Reason::WrongLength);
    CHECK(check_phone("+7011234567", true) == Reason::WrongLength); // +7 and only 9 digits
}

TEST_CASE("validation: a refused phone leaves the output alone") {
    Phone p{"+77051234567", PhoneKind::Mobile};
    CHECK(check_phone("+7 912 345 67 89", true, &p) == Reason::NotKazakhPhone);
    CHECK(check_phone("8 7172 55 66 77", false, &p) == Reason::LandlineNotAllowed);
    CHECK(p.e164 == "+77051234567");
    CHECK(check_phone("8 701 123 45 67", false) == Reason::Ok); // no output wanted
}

// Names
TEST_CASE("validation: Kazakh names with every Kazakh letter pass") {
    for (const char* name :
         {"Әлия", "Ғалымжан", "Қайрат", "Аңсар", "Өмірзақ", "Ұлжан", "Үмбетов", "Һашим", "Ілияс",
          "Әбілқасымова", "Ғалымжан Қайырұлы", "Жеңіс Нұрланұлы", "Мұхамед-Әли"})
        CHECK_MESSAGE(check_name(name, true) == Reason::Ok, name);
    CHECK(check_name("ӘәҒғҚқҢңӨөҰұҮүҺһІі", true) == Reason::Ok);
}

TEST_CASE("validation: Russian, Latin, hyphenated and apostrophe names pass") {
    for (const char* name :
         {"Пётр", "Семён Ёлкин", "Щербакова", "Римский-Корсаков", "Анна-Мария", "Smith", "O'Neil",
          "D’Artagnan", "Jean-Luc Picard", "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
          "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "  Айгүл  "})
        CHECK_MESSAGE(check_name(name, true) == Reason::Ok, name);
}

TEST_CASE("validation: names with digits or signs are refused") {
    for (const char* name : {"Иван2", "3Ерлан", "Иван!", "Анна_Мария", "Анна\tМария", "Анна.",
                             "Ерлан@", "Айгүл😀", "Αλέξης", "Анна\xc2\xa0Мария"})
        CHECK_MESSAGE(check_name(name, true) == Reason::BadCharacters, name);
}

TEST_CASE("validation: a name that is not well-formed UTF-8 is refused") {
    for (const char* bytes : {"\xff\xfe", "\x80", "\xd0", "Ан\xd0", "\xc1\x81", // overlong A
                              "\xe0\x80\xad",                                   // overlong -
                              "\xed\xa0\x80",                                   // surrogate
                              "\xf4\x90\x80\x80"})                              // past U+10FFFF
        CHECK(check_name(bytes, true) == Reason::BadCharacters);
}

TEST_CASE("validation: a name is at most 60 letters, counted as a person sees them") {
    CHECK(check_name("", true) == Reason::Empty);
    CHECK(check_name(" \xc2\xa0\t", true) == Reason::Empty);
    CHECK(check_name("", false) == Reason::Ok);
    CHECK(check_name("   ", false) == Reason::Ok);
    CHECK(check_name(std::string(60, 'a'), true) == Reason::Ok);
    CHECK(check_name(std::string(61, 'a'), true) == Reason::TooLong);
    std::string sixty_kazakh;
    for (int i = 0; i < 60; ++i) sixty_kazakh += "ә";
    CHECK(check_name(sixty_kazakh, true) == Reason::Ok); // 60 letters, 120 bytes
    CHECK(check_name("  " + sixty_kazakh + "  ", true) == Reason::Ok);
    CHECK(check_name(sixty_kazakh + "ә", true) == Reason::TooLong);
}

// The essence of the issue (reg-5)
TEST_CASE("reg-5: an application without the essence of the issue is refused at input") {
    CHECK(check_essence("") == Reason::Empty);
    CHECK(check_essence("   ") == Reason::Empty);
    CHECK(check_essence(" \xc2\xa0\t\r\n ") == Reason::Empty);
    CHECK(std::string(reason_code(check_essence(""))) == "empty");
}

TEST_CASE(
    "reg-5: an essence with no letters is no essence — Unicode spaces, dots, dashes, digits") {
    auto times = [](const char* piece, int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out += piece;
        return out;
    };
    // Twelve of a mark each: long enough for the minimum, and nothing a person could read.
    for (const char* blank : {"\u2003", "\u3000", "\u202F", "\u200B", "\uFEFF", "\u00A0"})
        CHECK_MESSAGE(check_essence(times(blank, 12)) == Reason::Empty, "mark " << blank);
    CHECK(check_essence(times("\u2003\u200B", 8)) == Reason::Empty);
    CHECK(check_essence("............") == Reason::Empty);
    CHECK(check_essence("- - - - - - - -") == Reason::Empty);
    CHECK(check_essence("—.—.—.—.—.—.") == Reason::Empty);
    CHECK(check_essence("123456789012") == Reason::Empty);
    CHECK(check_essence("12.03.2026 — 14:00") == Reason::Empty);
    // Invisible marks around a short word do not make it long enough.
    CHECK(check_essence(times("\u3000", 6) + "жол" + times("\uFEFF", 6)) == Reason::TooShort);
    // Letters with digits and signs are an essence.
    CHECK(check_essence("Абай к-сі 12-үй: жарық жоқ") == Reason::Ok);
    CHECK(check_essence("\u200BСу құбыры жарылды\u3000") == Reason::Ok);
    CHECK(trim("\u3000\u2003 мәселе\u202F\u200B\uFEFF") == "мәселе");
    CHECK(trim("а\u3000б") == "а\u3000б"); // only the ends
}

TEST_CASE("reg-5: an essence shorter than the minimum is refused, counted in letters") {
    CHECK(check_essence("жол") == Reason::TooShort);
    CHECK(check_essence("   жол   ") == Reason::TooShort); // spaces around do not count
    CHECK(check_essence("Қазақстан") == Reason::TooShort); // 9 letters, 18 bytes
    CHECK(check_essence("Қазақстанң") == Reason::Ok);      // 10 letters
    CHECK(check_essence("Ауладағы жолды жөндеу") == Reason::Ok);
    CHECK(check_essence("жол", 3) == Reason::Ok); // the profile sets the minimum
    CHECK(check_essence("жо", 3) == Reason::TooShort);
}

TEST_CASE("reg-5: an essence longer than the maximum is refused") {
    CHECK(check_essence(std::string(4000, 'x')) == Reason::Ok);
    CHECK(check_essence(std::string(4001, 'x')) == Reason::TooLong);
    std::string kazakh;
    for (int i = 0; i < 4000; ++i) kazakh += "ө";
    CHECK(check_essence(kazakh) == Reason::Ok); // 4000 letters, 8000 bytes
    CHECK(check_essence(kazakh + "ө") == Reason::TooLong);
    CHECK(check_essence("Ауладағы жолды жөндеу", 10, 15) == Reason::TooLong);
}

// Text helpers
TEST_CASE("validation: trim takes ASCII spaces and no-break spaces from both ends only") {
    CHECK(trim("  мәселе \xc2\xa0") == "мәселе");
    CHECK(trim("\t\n\v\f\r x \r\n") == "x");
    CHECK(trim("\xc2\xa0\xc2\xa0x\xc2\xa0y\xc2\xa0") == "x\xc2\xa0y");
    CHECK(trim("a  b") == "a  b");
    CHECK(trim("") == "");
    CHECK(trim(" \xc2\xa0 ") == "");
    CHECK(trim("\xc2") == "\xc2"); // half a no-break space is not a space
}

TEST_CASE("validation: lengths are counted in code points") {
    CHECK(utf8_length("") == 0);
    CHECK(utf8_length("abc") == 3);
    CHECK(utf8_length("Қазақстан") == 9);
    CHECK(utf8_length("😀") == 1);
}

TEST_CASE("validation: a text cut for a printout ends on a whole letter with an ellipsis") {
    CHECK(utf8_cut("Қазақстан", 20) == "Қазақстан"); // short enough: as it is
    CHECK(utf8_cut("Қазақстан", 5) == "Қаза…");
    CHECK(utf8_length(utf8_cut("Қазақстан", 5)) == 5);
    // Cutting the bytes at 5 would split "з"/"а" mid-letter; every cut is valid UTF-8.
    for (size_t n = 1; n < 9; ++n)
        CHECK(utf8_decode(utf8_cut("Әйгерім Қайратқызы", n)).find(U'\uFFFD') ==
              std::u32string::npos);
    CHECK(utf8_cut("a😀b", 2) == "a…");
}

TEST_CASE("validation: utf8_decode gives code points and U+FFFD for broken bytes") {
    CHECK(utf8_decode("Қа") == U"Қа");
    CHECK(utf8_decode("a😀") == U"a😀");
    CHECK(utf8_decode("") == U"");
    CHECK(utf8_decode("a\xffz") == U"a\uFFFDz");
    CHECK(utf8_decode("\xd0z") == U"\uFFFDz");   // a cut-off letter does not swallow the next
    CHECK(utf8_decode("\xc1\x81") == U"\uFFFD"); // overlong
}

TEST_CASE("validation: every reason has the snake_case code of its translation key") {
    const std::pair<Reason, const char*> codes[] = {
        {Reason::Ok, "ok"},
        {Reason::Empty, "empty"},
        {Reason::TooLong, "too_long"},
        {Reason::TooShort, "too_short"},
        {Reason::NotDigits, "not_digits"},
        {Reason::WrongLength, "wrong_length"},
        {Reason::BadChecksum, "bad_checksum"},
        {Reason::BadDate, "bad_date"},
        {Reason::BadCentury, "bad_century"},
        {Reason::BadEntityType, "bad_entity_type"},
        {Reason::BadUnitType, "bad_unit_type"},
        {Reason::BadMonth, "bad_month"},
        {Reason::NotKazakhPhone, "not_kazakh_phone"},
        {Reason::LandlineNotAllowed, "landline_not_allowed"},
        {Reason::BadCharacters, "bad_characters"},
    };
    for (auto [reason, code] : codes) CHECK(std::string(reason_code(reason)) == code);
}
