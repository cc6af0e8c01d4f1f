// Making a staff account from the command line, the password from standard input.
#include "console_fixture.hpp"

#include "staff_cli.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace reception;
using namespace reception::console;
using namespace reception::console::test;

TEST_CASE("console: the first administrator is made from the command line and can sign in") {
    Console c;
    std::istringstream password("a-long-secret\n");
    std::ostringstream out;
    CHECK(add_staff_from_cli(*c.s, {"daniyar", "Омаров Данияр Асқарұлы", "Әкімші", "admin"},
                             password, out, "cli-root", c.now) == 0);
    CHECK(out.str() == "created daniyar (admin)\n");
    c->sign_in_form() = {"daniyar", "a-long-secret"};
    CHECK(c->sign_in(c.now));
    CHECK(c->user()->role == StaffRole::Admin);
}

TEST_CASE("console: a bad account from the command line says why and saves nothing") {
    Console c;
    struct Case {
        StaffCli s;
        std::string password, said;
    };
    const Case cases[] = {
        {{"daniyar", "Омаров Данияр", "", "boss"}, "a-long-secret", "role: use operator"},
        {{"daniyar", "Омаров Данияр", "", "admin"}, "short", "password: password_too_short"},
        {{"Daniyar Omarov", "Омаров Данияр", "", "admin"}, "a-long-secret", "login: bad_login"},
        {{"daniyar", "Омаров2", "", "admin"}, "a-long-secret", "full_name: "},
    };
    for (const auto& k : cases) {
        CAPTURE(k.said);
        std::istringstream password(k.password + "\n");
        std::ostringstream out;
        CHECK(add_staff_from_cli(*c.s, k.s, password, out, "cli-root", c.now) == 1);
        CHECK(out.str().rfind(k.said, 0) == 0);
    }
    CHECK(c.count("SELECT COUNT(*) FROM staff") == 0);
}
