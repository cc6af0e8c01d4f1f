// The SMS gateway's delivery reports (delivery.hpp, SmsReports): GET or POST
// /notices/report/TOKEN with the message's id ({notice}) and its status, in the query, a form
// body or a JSON object. The token is the only key: a request without the right one is told
// there is no such page before its body is read, and a report names no one.
#pragma once

#include "server/api.hpp"

#include <optional>
#include <string_view>

namespace reception {

bool is_report_path(std::string_view path);

// 404 for a wrong token or reports not configured, 413 for a body over 4 KiB, 405 for another
// method; nullopt when the body may be read.
std::optional<Reply> refuse_report(const ServerCore& core, const Request& req,
                                   unsigned long long length);

// The report applied through the single writer (apply_delivery_report): 200 whatever it said,
// since a gateway that is refused only sends it again; 400 when it names no message or status.
Reply delivery_report(const ServerCore& core, const Request& req, Instant now);

} // namespace reception
