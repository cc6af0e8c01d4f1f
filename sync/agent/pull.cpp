// Pulling what other terminals did, page by page after the stored cursor.
#include "agent/steps.hpp"

#include "agent/apply.hpp"
#include "agent/enrol.hpp"
#include "agent/reoffer.hpp"
#include "common/bounded_json.hpp"
#include "store/sync_state.hpp"

#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

StepResult pull_once(Store& store, HttpClient& client, int wait_s, int limit) {
    std::string cursor = store.meta(sync_key::cursor).value_or("");
    report_counts(store, client);
    std::string path = "/v1/pull?limit=" + std::to_string(limit) +
                       "&wait=" + std::to_string(wait_s) +
                       (cursor.empty() ? "" : "&cursor=" + cursor);
    HttpResult res = client.get(path, (wait_s + 15) * 1000L);
    json answer = parse_bounded_json(res.body);
    if (res.curl_code == 0 && res.status == 409 && answer.is_object() &&
        answer.value("error", "") == "resync") {
        // The server's store was restored: offer again what it had acknowledged, and start
        // the feed again (applying is idempotent).
        reoffer_journal(store, cursor);
        return StepResult{true, true, 0, "", -1, ""};
    }
    if (!res.ok()) return failed_step(res);
    if (!answer.is_object() || !answer["changes"].is_array() || !answer["cursor"].is_string())
        return answer_not_understood("pull");
    StepResult s;
    s.count = int(answer["changes"].size());
    apply_pulled(store, answer["changes"], answer["cursor"]);
    s.more = answer.value("has_more", false);
    return s;
}

// A pull may find the server restored and put the journal back into the outbox: then push
// and pull once more. A rotated token not yet confirmed is confirmed first (its failure is not
// this round's: the new token works as it is).
StepResult sync_until_idle(Store& store, HttpClient& client) {
    confirm_rotated_token(store, client);
    StepResult total;
    for (int round = 0; round < 3; ++round) {
        for (StepResult r = push_once(store, client);; r = push_once(store, client)) {
            if (!r.ok) return r;
            total.count += r.count;
            if (!r.more) break;
        }
        for (StepResult r = pull_once(store, client, 0);; r = pull_once(store, client, 0)) {
            if (!r.ok) return r;
            total.count += r.count;
            if (!r.more) break;
        }
        if (read_sync_state(store).pending == 0) break;
    }
    return total;
}

} // namespace reception
