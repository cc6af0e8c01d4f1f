// What people type: IIN, BIN, phones, names, the essence (test vectors of kazakhstan.md).
#include "validation.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace reception;

static const char* const kValidIins[] = {"871008401427", "760212350620", "800416300257",
                                         "680503450037", "061211600012"};
static const char* const kValidBins[] = {"940140000385", "950341000052", "990140004654",
                                         "961141000023"};

TEST_CASE("validation: the valid IINs of the test vectors pass, one with the second pass") {
    for (const char* iin : kValidIins) CHECK_MESSAGE(check_iin(iin) == Reason::Ok, iin);
    CHECK(iin_bin_checksum_ok("061211600012"));
}

TEST_CASE("validation: an IIN whose both passes give 10 is invalid") {
    CHECK(check_iin("821214240092") == Reason::BadChecksum);
}

// kazakhstan.md says every one-digit change of a valid number is invalid. The algorithm does
// not give that: (a) digit 11 has weight 11, which is 0 mod 11, so the first pass does not see
// it change (871008401427 -> 871008401407 passes); (b) a change that makes the first sum 10
// switches to the second weights, which can match again (871008401427 -> 871008601427), and a
// change of a number that needed the second pass can make the first one match. Every other
// change is rejected, and the exceptions are few.
static int first_pass(const std::string& d) {
    int s = 0;
    for (int i = 0; i < 11; ++i) s += (d[size_t(i)] - '0') * (i + 1);
    return s % 11;
}

TEST_CASE(
    "validation: a one-digit change of a valid IIN or BIN is rejected (but for the second pass)") {
    int changes = 0, accepted = 0;
    auto each_change = [&](const std::string& valid, auto&& check) {
        for (size_t pos = 0; pos < 12; ++pos)
            for (char c = '0'; c <= '9'; ++c) {
                if (c == valid[pos]) continue;
                std::string changed = valid;
                changed[pos] = c;
                changes++;
                if (check(changed) != Reason::Ok) continue;
                accepted++;
                CHECK_MESSAGE((pos == 10 || first_pass(changed) == 10 || first_pass(valid) == 10),
                              changed);
            }
    };
    for (const char* iin : kValidIins)
        each_change(iin, [](const std::string& s) { return check_iin(s); });
    for (const char* bin : kValidBins)
        each_change(bin, [](const std::string& s) { return check_bin(s); });
    MESSAGE(accepted << " of " << changes << " one-digit changes still pass (second pass)");
    CHECK(accepted * 8 < changes);
}

TEST_CASE("validation: the IIN says the date of birth and sex") {
    auto info = iin_info("871008401427");
    REQUIRE(info);
    CHECK(info->birth_date == make_date(1987, 10, 8));
    CHECK_FALSE(info->male); // digit 7 = 4: 1900s, female
    auto young = iin_info("061211600012");
    REQUIRE(young);
    CHECK(young->birth_date == make_date(2006, 12, 11));
    CHECK_FALSE(iin_info("871008401428"));
}

TEST_CASE("validation: IIN shape errors are told apart so the message helps") {
    CHECK(check_iin("") == Reason::Empty);
    CHECK(check_iin("87100840142") == Reason::WrongLength);
    CHECK(check_iin("87100840142a") == Reason::NotDigits);
    CHECK(check_iin("871308401427") == Reason::BadDate);    // month 13
    CHECK(check_iin("870230401427") == Reason::BadDate);    // 30 February
    CHECK(check_iin("871008701427") == Reason::BadCentury); // digit 7 = 7
    CHECK(check_iin(" 871008401427 ") == Reason::Ok);       // spaces around are forgiven
}

TEST_CASE("validation: BIN vectors pass and the BIN rules hold") {
    for (const char* bin : kValidBins) CHECK_MESSAGE(check_bin(bin) == Reason::Ok, bin);
    CHECK(check_bin("941340000385") == Reason::BadMonth);
    CHECK(check_bin("940170000385") == Reason::BadEntityType);
    CHECK(check_bin("940149000385") == Reason::BadUnitType);
}

TEST_CASE("validation: phones in every usual spelling normalise to +77XXXXXXXXX") {
    for (const char* form : {"8 701 123 45 67", "+7 701 123 45 67", "+7 (701) 123-45-67",
                             "87011234567", "77011234567", "7011234567", "701.123.45.67"}) {
        Phone p;
        CHECK_MESSAGE(check_phone(form, false, &p) == Reason::Ok, form);
        CHECK(p.e164 == "+77011234567");
        CHECK(p.kind == PhoneKind::Mobile);
    }
    CHECK(format_phone("+77011234567") == "+7 701 123 45 67");
}

TEST_CASE("validation: Russian numbers, unknown codes and bad forms are refused") {
    CHECK(check_phone("+7 912 345 67 89", true) == Reason::NotKazakhPhone);
    CHECK(check_phone("+7 703 345 67 89", true) == Reason::NotKazakhPhone);
    CHECK(check_phone("+7 701 123 45", true) == Reason::WrongLength);
    CHECK(check_phone("+7 701 12E 45 67", true) == Reason::NotDigits);
    CHECK(check_phone("", true) == Reason::Empty);
    for (const char* mobile :
         {"7001234567", "7021234567", "7051234567", "7081234567", "7471234567", "7601234567",
          "7641234567", "7711234567", "7751234567", "7781234567", "7851234567"})
        CHECK_MESSAGE(check_phone(mobile, false) == Reason::Ok, mobile);
}

TEST_CASE("validation: a district office landline is allowed only where a landline makes sense") {
    Phone p;
    CHECK(check_phone("8 71336 2 11 00", true, &p) == Reason::Ok); // Khromtau, code 71336
    CHECK(p.kind == PhoneKind::Landline);
    CHECK(check_phone("8 71336 2 11 00", false) == Reason::LandlineNotAllowed);
}

TEST_CASE("validation: names in Kazakh, Russian and Latin letters") {
    CHECK(check_name("Әбілқасымова", true) == Reason::Ok);
    CHECK(check_name("Ғалымжан Қайырұлы", true) == Reason::Ok);
    CHECK(check_name("ӘәҒғҚқҢңӨөҰұҮүҺһІі", true) == Reason::Ok);
    CHECK(check_name("Пётр", true) == Reason::Ok);
    CHECK(check_name("Римский-Корсаков", true) == Reason::Ok);
    CHECK(check_name("O'Neil", true) == Reason::Ok);
    CHECK(check_name("Smith", true) == Reason::Ok);
    CHECK(check_name("Иван2", true) == Reason::BadCharacters);
    CHECK(check_name("Иван!", true) == Reason::BadCharacters);
    CHECK(check_name("\xff\xfe", true) == Reason::BadCharacters);
    CHECK(check_name("", true) == Reason::Empty);
    CHECK(check_name("", false) == Reason::Ok);
    CHECK(check_name(std::string(61, 'a'), true) == Reason::TooLong);
    std::string sixty_kazakh;
    for (int i = 0; i < 60; ++i) sixty_kazakh += "ә";
    CHECK(check_name(sixty_kazakh, true) == Reason::Ok); // 60 letters, 120 bytes
}

TEST_CASE("reg-5: an application without the essence of the issue is refused at input") {
    CHECK(check_essence("") == Reason::Empty);
    CHECK(check_essence(" \xc2\xa0 ") == Reason::Empty);
    CHECK(check_essence("жол") == Reason::TooShort);
    CHECK(check_essence("Ауладағы жолды жөндеу") == Reason::Ok);
    CHECK(check_essence(std::string(4001, 'x')) == Reason::TooLong);
    CHECK(utf8_length("Қазақстан") == 9);
    CHECK(trim("  мәселе \xc2\xa0") == "мәселе");
}
