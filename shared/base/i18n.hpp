// Translations: assets/i18n/{kk,ru,en}.json, flat objects "key": "text".
// Lookup falls back kk/ru -> en -> the key itself, so a missing string shows its key, never
// an empty button. Placeholders are written {name} and filled by format().
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reception {

enum class Lang { kk, ru, en };
const char* lang_code(Lang l); // "kk", "ru", "en"
bool parse_lang(std::string_view code, Lang* out);

class Catalog {
  public:
    // Loads kk.json, ru.json and en.json from the folder; throws std::runtime_error naming the
    // file on a parse error or a value that is not a string.
    static Catalog load_dir(const std::filesystem::path& dir);
    void set(Lang l, std::string key, std::string text);

    // The text for key in lang, with fallback to en, then the key itself.
    const std::string& text(Lang l, std::string_view key) const;
    bool has(Lang l, std::string_view key) const;
    // text() with {name} placeholders replaced.
    std::string format(Lang l, std::string_view key,
                       const std::vector<std::pair<std::string, std::string>>& args) const;
    std::vector<std::string> keys(Lang l) const;

  private:
    std::map<std::string, std::string, std::less<>> texts_[3];
};

} // namespace reception
