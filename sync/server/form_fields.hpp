// The fields of a URL's query and of a form body (application/x-www-form-urlencoded): what the
// public pages' check-code form sends, and what an SMS gateway's delivery report may.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace reception {

// The raw (still encoded) value of `key` in "a=1&b=2", "" when it is not there.
std::string query_param(std::string_view query, std::string_view key);

// A form's value as a browser sends it: '+' a space, %XX a byte; "" when a %XX is no hex.
std::string form_value(std::string_view v);

// Every field of "a=1&b=2", decoded (form_value); a key given twice keeps its first value.
std::map<std::string, std::string> form_fields(std::string_view query);

} // namespace reception
