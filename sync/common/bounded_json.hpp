// Parsing JSON that came over the network, on the server (pushes, enrolment) and on the agent
// (pull and push answers). nlohmann's parser itself loops, but copying, printing and SQLite's
// json_valid recurse: a document nested 65,500 deep (131 KB) overflowed the server's stack.
// So depth is capped while parsing, and what no legal document holds is refused outright.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace reception {

// Our documents are at most 6 levels deep (batch, ops, op, payload, data, a list in it).
constexpr int kMaxJsonDepth = 64;

// One JSON document, or a discarded value (is_discarded()) with the reason in *why when text
// is not JSON, has anything but white space after the document, holds a NUL (raw or as
// \u0000 in a string) or nests arrays and objects more than kMaxJsonDepth deep.
nlohmann::json parse_bounded_json(std::string_view text, std::string* why = nullptr);

} // namespace reception
