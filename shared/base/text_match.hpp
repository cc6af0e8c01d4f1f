// Finding what a clerk typed in what was stored, whatever the letter case: "сәрсенбаева",
// "СӘРСЕНБАЕВА" and "Сәрсенбаева" are one name. Full Unicode case folding (ICU), so Kazakh
// letters (Ә ә, Ғ ғ, Қ қ, Ң ң, Ө ө, Ұ ұ, Ү ү, Һ һ, І і) fold as Russian and Latin ones do.
#pragma once

#include <string>
#include <string_view>

namespace reception {

// The text case-folded, as UTF-8. Invalid UTF-8 folds to U+FFFD and so never matches.
std::string fold_case(std::string_view utf8);

// Whether text holds folded_query (already fold_case'd) anywhere, ignoring case.
bool contains_folded(std::string_view text, const std::string& folded_query);

} // namespace reception
