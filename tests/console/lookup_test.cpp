// Status lookup by registration number, check code, phone or IIN, said in words to read to a
// caller.
#include "console_fixture.hpp"

#include "base/public_code.hpp"

#include <algorithm>
#include <cctype>
#include <doctest/doctest.h>

using namespace reception;
using namespace reception::console;
using namespace reception::console::test;

namespace {

Application registered(Console& c, const std::string& phone, const std::string& iin) {
    c->intake().new_call();
    IntakeForm& f = c->intake().form();
    f.surname = "Омаров";
    f.name = "Данияр";
    f.phone = phone;
    f.iin = iin;
    f.address = "Хромтау, Абай к-сі, 7";
    f.essence = "Аулада балалар алаңы салу туралы өтініш";
    c->intake().save(c->actor(), c.now);
    if (!c->intake().saved()) c->intake().save(c->actor(), c.now); // past the duplicate warning
    REQUIRE(c->intake().saved());
    return *c->intake().saved();
}

} // namespace

TEST_CASE("console: lookup by registration number reads out the state, the deadline and who") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    Application a = registered(c, "+7 701 111 22 33", "");
    REQUIRE(c->go(Screen::Lookup));
    c->lookup().query() = a.reg_number;
    REQUIRE(c->lookup().search(Lang::ru, c.now));
    REQUIRE(c->lookup().detail());
    const LookupDetail& d = *c->lookup().detail();
    REQUIRE(d.summary.size() >= 2);
    CHECK(d.summary[0] ==
          texts().format(Lang::ru, "console.lookup.summary",
                         {{"number", a.reg_number},
                          {"date", "14.04.2026"},
                          {"state", texts().text(Lang::ru, "app.state.registered")}}));
    // reg-29: the date of reception is due within 15 working days: 6 May 2026 (1, 7 May off).
    CHECK(d.summary[1].find(".05.2026") != std::string::npos);
    REQUIRE_FALSE(d.history.empty());
    CHECK(d.history[0].who == "Тестова Сәуле"); // the full name, not the login
    CHECK(d.history[0].when == "14.04.2026 10:00");
    // The oral protocol number finds it too.
    c->lookup().query() = a.oral_protocol_number;
    CHECK(c->lookup().search(Lang::ru, c.now));
}

// APPC art. 64: a caller cannot be handed the receipt, so the operator reads out what it
// prints: the number, and the status page with its check code.
TEST_CASE("console: a phone applicant is read the status page and check code, and a check code "
          "a caller reads back finds the application") {
    Console c(ConsoleConfig{.public_url = "https://akimat.example.kz/p"});
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    Application a = registered(c, "8 7132 11 22 33", "");
    REQUIRE(is_public_code(a.public_code));
    std::string check = check_code_of(a.public_code);
    auto lines = c->intake().read_back(c.now);
    std::string said =
        texts().format(Lang::kk, "console.readback.status_page",
                       {{"link", "https://akimat.example.kz/p/a"}, {"check", check}});
    CHECK(std::find(lines.begin(), lines.end(), said) != lines.end());

    // The caller reads the code off an SMS or a note, in small letters, with spaces, 0 for O.
    REQUIRE(c->go(Screen::Lookup));
    std::string typed;
    for (char ch : check) typed += ch == '-' ? ' ' : char(std::tolower(ch));
    for (char& ch : typed)
        if (ch == 'o') ch = '0';
    CAPTURE(typed);
    c->lookup().query() = typed;
    REQUIRE(c->lookup().search(Lang::ru, c.now));
    REQUIRE(c->lookup().detail());
    CHECK(c->lookup().detail()->app.uuid == a.uuid);

    // Another code finds nothing.
    c->lookup().query() = "AAAA-AAAA-AAAA-AAAA";
    CHECK_FALSE(c->lookup().search(Lang::ru, c.now));
    CHECK(c->lookup().error() == "lookup_nothing_found");
}

TEST_CASE("console: without the public pages' address no status page is read to a caller") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    Application a = registered(c, "8 7132 11 22 33", "");
    for (const auto& line : c->intake().read_back(c.now))
        CHECK(line.find(check_code_of(a.public_code)) == std::string::npos);
}

TEST_CASE("console: lookup by phone or IIN lists every application of the caller") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    registered(c, "+7 701 111 22 33", "871008401427");
    registered(c, "+7 701 111 22 33", "");
    registered(c, "+7 705 999 00 00", "871008401427");
    c->lookup().query() = "8 701 111 22 33";
    REQUIRE(c->lookup().search(Lang::kk, c.now));
    CHECK(c->lookup().results().size() == 2);
    CHECK_FALSE(c->lookup().detail()); // the operator picks one
    c->lookup().select(c->lookup().results()[0].uuid, Lang::kk, c.now);
    CHECK(c->lookup().detail());
    c->lookup().query() = "871008401427";
    REQUIRE(c->lookup().search(Lang::kk, c.now));
    CHECK(c->lookup().results().size() == 2);
}

TEST_CASE("console: a lookup that is not understood or finds nothing says so") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    for (auto [query, code] : std::vector<std::pair<std::string, std::string>>{
             {"", "empty"},
             {"hello", "lookup_not_understood"},
             {"871008401428", "bad_checksum"},
             {"K1-2026-99999", "lookup_nothing_found"},
             {"+7 777 123 45 67", "lookup_nothing_found"}}) {
        CAPTURE(query);
        c->lookup().query() = query;
        CHECK_FALSE(c->lookup().search(Lang::kk, c.now));
        CHECK(c->lookup().error() == code);
        CHECK(error_text(texts(), Lang::kk, "query", code) !=
              texts().format(Lang::kk, "error.unexpected", {{"code", code}}));
    }
}

TEST_CASE("console: the history says in words the consent to notices given with the call") {
    Console c;
    REQUIRE(c.sign_in_as("operator1", StaffRole::Operator));
    c->intake().new_call();
    IntakeForm& f = c->intake().form();
    f.surname = "Омаров";
    f.name = "Данияр";
    f.phone = "+7 701 111 22 33";
    f.address = "Хромтау, Абай к-сі, 7";
    f.essence = "Аулада балалар алаңы салу туралы өтініш";
    f.notice_consent = true;
    c->intake().save(c->actor(), c.now);
    REQUIRE(c->intake().saved());
    c->lookup().query() = c->intake().saved()->reg_number;
    REQUIRE(c->lookup().search(Lang::ru, c.now));
    std::vector<std::string> what;
    for (const auto& h : c->lookup().detail()->history) what.push_back(h.what);
    CHECK(std::find(what.begin(), what.end(),
                    texts().text(Lang::ru, "console.event.notice_consent")) != what.end());
    for (const auto& w : what) CHECK(w.find('_') == std::string::npos); // no code shown raw
}
