// What the agent makes of a server's answer that is not a success.
#include "agent/steps.hpp"

#include "common/bounded_json.hpp"
#include "common/protocol.hpp"
#include "store/outbox.hpp"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

std::string describe_answer(const HttpResult& r) {
    if (r.curl_code != 0) return r.error;
    json j = parse_bounded_json(r.body);
    std::string what = j.is_object() ? j.value("error", "") + ": " + j.value("message", "") : "";
    return "HTTP " + std::to_string(r.status) + (what.empty() ? "" : " " + what);
}

// What staff are told (sync.error.<kind>); the words of describe_answer() stay for the
// technician.
static std::string error_kind(const HttpResult& r) {
    switch (r.curl_code) {
    case CURLE_OK:
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return "certificate";
    default:
        return "offline"; // no answer: the network, the server's machine, a timeout
    }
    if (r.status == 401) return "credential";
    if (r.status >= 500 || r.status == 408 || r.status == 429) return "server";
    json j = parse_bounded_json(r.body);
    if (j.is_object() && j.value("error", "") == "clock_skew") return "clock";
    return "refused";
}

StepResult failed_step(const HttpResult& r) {
    StepResult s;
    s.ok = false;
    s.error = describe_answer(r);
    s.error_kind = error_kind(r);
    s.retry_after_s = r.retry_after_s;
    return s;
}

StepResult answer_not_understood(const char* what) {
    StepResult s;
    s.ok = false;
    s.error = std::string("the server's ") + what + " answer is not understood";
    s.error_kind = "answer";
    return s;
}

// The server shows the administrator what this terminal still holds.
void report_counts(Store& store, HttpClient& client) {
    OutboxCounts c = count_waiting(store);
    client.set_terminal_status(format_terminal_counts({c.pending, c.dead_letters}));
}

} // namespace reception
