// An enum's stable codes as one table: the code of a value and the value of a code, from the
// same list, so the two directions cannot disagree. Codes are stored in the database, sent to
// the server and used as translation keys: renaming one is a migration, not a refactoring.
#pragma once

#include <array>
#include <string_view>
#include <utility>

namespace reception {

template <class E, size_t N> using CodeTable = std::array<std::pair<E, const char*>, N>;

// "unknown" only for a value the table lacks, which a table listing every value never gives.
template <class E, size_t N> const char* code_of(const CodeTable<E, N>& table, E value) {
    for (const auto& [v, code] : table)
        if (v == value) return code;
    return "unknown";
}

template <class E, size_t N>
bool value_of(const CodeTable<E, N>& table, std::string_view code, E* out) {
    for (const auto& [v, c] : table)
        if (code == c) {
            *out = v;
            return true;
        }
    return false;
}

} // namespace reception
