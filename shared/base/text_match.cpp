#include "base/text_match.hpp"

#include <unicode/unistr.h>

namespace reception {

std::string fold_case(std::string_view utf8) {
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    std::string out;
    s.foldCase().toUTF8String(out);
    return out;
}

bool contains_folded(std::string_view text, const std::string& folded_query) {
    if (folded_query.empty()) return true;
    return fold_case(text).find(folded_query) != std::string::npos;
}

} // namespace reception
