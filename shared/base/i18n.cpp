#include "base/i18n.hpp"

#include "base/errors.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace reception {

const char* lang_code(Lang l) {
    switch (l) {
    case Lang::kk:
        return "kk";
    case Lang::ru:
        return "ru";
    case Lang::en:
        return "en";
    }
    return "en";
}

bool parse_lang(std::string_view code, Lang* out) {
    for (Lang l : {Lang::kk, Lang::ru, Lang::en})
        if (code == lang_code(l)) {
            *out = l;
            return true;
        }
    return false;
}

// Loading
static void load_file(Catalog& c, Lang l, const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw StoreError("texts_invalid", file.string() + ": cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw StoreError("texts_invalid",
                         file.string() + ": not a JSON object of \"key\": \"text\"");
    for (const auto& [key, value] : j.items()) {
        if (!value.is_string())
            throw StoreError("texts_invalid",
                             file.string() + ": the value of \"" + key + "\" is not text");
        c.set(l, key, value.get<std::string>());
    }
}

Catalog Catalog::load_dir(const std::filesystem::path& dir) {
    Catalog c;
    for (Lang l : {Lang::kk, Lang::ru, Lang::en})
        load_file(c, l, dir / (std::string(lang_code(l)) + ".json"));
    return c;
}

void Catalog::set(Lang l, std::string key, std::string text) {
    texts_[int(l)][std::move(key)] = std::move(text);
}

// Lookup
bool Catalog::has(Lang l, std::string_view key) const {
    return texts_[int(l)].find(key) != texts_[int(l)].end();
}

const std::string& Catalog::text(Lang l, std::string_view key) const {
    auto it = texts_[int(l)].find(key);
    if (it != texts_[int(l)].end() && !it->second.empty()) return it->second;
    auto en = texts_[int(Lang::en)].find(key);
    if (en != texts_[int(Lang::en)].end() && !en->second.empty()) return en->second;
    // The key itself, kept so a reference can be returned: a missing text shows as its key,
    // which a tester notices, instead of an empty button nobody can read.
    static thread_local std::map<std::string, std::string, std::less<>> missing;
    auto m = missing.find(key);
    if (m == missing.end()) m = missing.emplace(std::string(key), std::string(key)).first;
    return m->second;
}

std::string Catalog::format(Lang l, std::string_view key,
                            const std::vector<std::pair<std::string, std::string>>& args) const {
    std::string out = text(l, key);
    for (const auto& [name, value] : args) {
        std::string mark = "{" + name + "}";
        for (size_t p = out.find(mark); p != std::string::npos;
             p = out.find(mark, p + value.size()))
            out.replace(p, mark.size(), value);
    }
    return out;
}

std::vector<std::string> Catalog::keys(Lang l) const {
    std::vector<std::string> out;
    for (const auto& [k, _] : texts_[int(l)]) out.push_back(k);
    return out;
}

} // namespace reception
