// The catalogue of texts: every key in every language, Kazakh that is Kazakh, placeholders kept.
#include "test_support.hpp"

#include "base/domain.hpp"
#include "base/i18n.hpp"
#include "base/validation.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <regex>
#include <set>

using namespace reception;
using namespace reception::test;

static std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> out;
    std::regex re("\\{[a-z_]+\\}");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
         ++it)
        out.insert(it->str());
    return out;
}

static bool has_cyrillic(const std::string& s) {
    for (size_t i = 0; i + 1 < s.size(); ++i)
        if ((unsigned char)s[i] == 0xD0 || (unsigned char)s[i] == 0xD1 ||
            (unsigned char)s[i] == 0xD2 || (unsigned char)s[i] == 0xD3)
            return true;
    return false;
}

static bool has_kazakh_letter(const std::string& s) {
    for (const char* letter :
         {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і", "Ә", "Ғ", "Қ", "Ң", "Ө", "Ұ", "Ү", "Һ", "І"})
        if (s.find(letter) != std::string::npos) return true;
    return false;
}

TEST_CASE("i18n: every key exists, not empty, in kk, ru and en") {
    std::set<std::string> all;
    for (Lang l : {Lang::kk, Lang::ru, Lang::en})
        for (const auto& k : catalog().keys(l)) all.insert(k);
    CHECK(all.size() > 100);
    for (const auto& k : all)
        for (Lang l : {Lang::kk, Lang::ru, Lang::en}) {
            CHECK_MESSAGE(catalog().has(l, k), lang_code(l) << " lacks " << k);
            CHECK_MESSAGE(!catalog().text(l, k).empty(), lang_code(l) << " " << k << " is empty");
        }
}

TEST_CASE("i18n: every placeholder of the English text is in the Kazakh and Russian ones") {
    for (const auto& k : catalog().keys(Lang::en)) {
        auto en = placeholders(catalog().text(Lang::en, k));
        CHECK_MESSAGE(placeholders(catalog().text(Lang::kk, k)) == en, "kk " << k);
        CHECK_MESSAGE(placeholders(catalog().text(Lang::ru, k)) == en, "ru " << k);
    }
}

TEST_CASE("i18n: no Kazakh text is the Russian one copied by mistake") {
    // Words that are the same in both languages, on purpose.
    const std::set<std::string> same_on_purpose = {
        "lang.kk",
        "lang.ru",       // each language is named in itself on the switch
        "channel.kiosk", // «Терминал» is the Kazakh word too
        "ui.phone",      // «Телефон» likewise
        "staff.printer", // «Принтер» likewise
        "console.channel.phone",
        "console.survey.col.phone",
    };
    for (const auto& k : catalog().keys(Lang::kk)) {
        const std::string& kk = catalog().text(Lang::kk, k);
        if (kk == catalog().text(Lang::ru, k) && has_cyrillic(kk))
            CHECK_MESSAGE(same_on_purpose.count(k), k << ": kk is a copy of ru: " << kk);
    }
}

TEST_CASE("i18n: Kazakh texts are written with Kazakh letters") {
    int cyrillic = 0, kazakh = 0;
    for (const auto& k : catalog().keys(Lang::kk)) {
        const std::string& t = catalog().text(Lang::kk, k);
        if (!has_cyrillic(t)) continue;
        cyrillic++;
        kazakh += has_kazakh_letter(t);
    }
    // Some Kazakh words have none of ә ғ қ ң ө ұ ү һ і («Телефон», «Бастау»); most sentences do.
    CHECK(kazakh * 100 >= cyrillic * 75);
}

TEST_CASE("i18n: every state, channel and validation reason has its text") {
    std::vector<std::string> keys;
    for (int s = 0; s <= int(AppState::Withdrawn); ++s)
        keys.push_back(std::string("app.state.") + to_code(AppState(s)));
    for (int s = 0; s <= int(TicketState::Transferred); ++s)
        keys.push_back(std::string("ticket.state.") + to_code(TicketState(s)));
    for (int c = 0; c <= int(Channel::Kiosk); ++c)
        keys.push_back(std::string("channel.") + to_code(Channel(c)));
    for (int r = 1; r <= int(Reason::BadCharacters); ++r)
        keys.push_back(std::string("error.") + reason_code(Reason(r)));
    for (const auto& service : profile().services) keys.push_back("service." + service.code);
    for (const auto& role : profile().roles) keys.push_back("role." + role.code);
    for (const auto& k : keys)
        for (Lang l : {Lang::kk, Lang::ru, Lang::en})
            CHECK_MESSAGE(catalog().has(l, k), lang_code(l) << " lacks " << k);
}

TEST_CASE("i18n: lookup falls back to English, then to the key — placeholders are filled") {
    Catalog c;
    c.set(Lang::en, "ui.only_en", "Only English");
    c.set(Lang::kk, "ui.people_ahead", "Сізден бұрын: {count} адам");
    CHECK(c.text(Lang::kk, "ui.only_en") == "Only English");
    CHECK(c.text(Lang::ru, "ui.nowhere") == "ui.nowhere");
    CHECK(c.format(Lang::kk, "ui.people_ahead", {{"count", "3"}}) == "Сізден бұрын: 3 адам");
    CHECK(catalog().format(Lang::ru, "error.printer_failed", {{"number", "A-012"}}) ==
          "Принтер не сработал. Пожалуйста, запишите ваш номер: A-012.");
}

TEST_CASE("i18n: a malformed catalogue is refused with the file named") {
    TempDir dir;
    std::ofstream(dir / "kk.json") << "{\"a\": \"ә\"}";
    std::ofstream(dir / "ru.json") << "{\"a\": 5}";
    std::ofstream(dir / "en.json") << "{\"a\": \"a\"}";
    try {
        Catalog::load_dir(dir.path);
        FAIL("loaded a malformed catalogue");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("ru.json") != std::string::npos);
    }
}
