// Status lookup by registration number, phone or IIN, said in words to read to a caller.
#include "console_fixture.hpp"

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
