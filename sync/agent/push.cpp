// Pushing the outbox: the oldest ops in one batch, each settled by the server's answer.
#include "agent/steps.hpp"

#include "agent/reoffer.hpp"
#include "base/log.hpp"
#include "base/uuid.hpp"
#include "common/bounded_json.hpp"
#include "common/protocol.hpp"
#include "queue/turn_text.hpp"
#include "store/outbox.hpp"
#include "store/sync_state.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

static void mark_ok(Store& store) {
    store.set_meta(sync_key::last_ok, format_instant(now_utc()));
    store.set_meta(sync_key::last_error, "");
    store.set_meta(sync_key::last_error_kind, "");
}

// Settles each op by its answer, in one transaction; an op without an answer stays.
static int settle(Store& store, const std::vector<OutboxOp>& ops, const json& results) {
    std::map<std::string, std::pair<std::string, std::string>> answer;
    for (const json& r : results)
        if (r.is_object() && r.value("op_id", json()).is_string())
            answer[r["op_id"]] = {r.value("status", ""), r.value("reason", "")};
    int settled = 0;
    store.transaction([&] {
        for (const OutboxOp& op : ops) {
            auto it = answer.find(op.op_id);
            if (it == answer.end()) continue;
            const auto& [status, reason] = it->second;
            if (status == "rejected")
                dead_letter_op(store, op, reason.empty() ? "rejected" : reason);
            else if (status == "applied" || status == "duplicate" || status == "superseded")
                acknowledge_op(store, op.op_id, status);
            else
                continue;
            settled++;
        }
        prune_acknowledged(store, now_utc() - kMaxOpAge);
        mark_ok(store);
    });
    return settled;
}

// A batch refused as a whole (bad op, wrong room): find the culprit one op at a time, so one
// bad op goes to the dead letters and the rest go through (the queue never sticks).
static StepResult push_one_by_one(Store& store, HttpClient& client,
                                  const std::vector<OutboxOp>& ops, const HttpResult& refusal) {
    if (ops.size() == 1) {
        store.transaction([&] { dead_letter_op(store, ops[0], describe_answer(refusal)); });
        return StepResult{true, true, 0, "", -1, ""};
    }
    StepResult total;
    for (size_t i = 0; i < ops.size(); ++i) {
        StepResult r = push_once(store, client, 1);
        if (!r.ok) return r;
        total.count += r.count;
    }
    total.more = true;
    return total;
}

StepResult push_once(Store& store, HttpClient& client, int max_ops) {
    // A visitor's number is kept only through the next day (queue/turn_text.hpp): the agent,
    // which runs on every terminal day and night, forgets it, once a day.
    if (long long n = forget_turn_texts(store, now_utc()); n > 0)
        log_notice("forgot " + std::to_string(n) + " phone numbers left for turn texts");
    std::vector<OutboxOp> ops = oldest_outbox_ops(store, max_ops);
    if (ops.empty()) return {};
    report_counts(store, client);
    json batch = json::array();
    for (const OutboxOp& o : ops)
        batch.push_back(op_json(o.op_id, o.entity, o.entity_uuid, o.kind, o.payload, o.created_at));
    json body{{"batch_id", new_uuid()}, {"sent_at", format_instant(now_utc())}, {"ops", batch}};
    HttpResult res = client.post("/v1/push", body.dump(), 30000);
    bool refused = res.curl_code == 0 && (res.status == 400 || res.status == 403 ||
                                          res.status == 409 || res.status == 413);
    json answer = parse_bounded_json(res.body);
    bool clock = answer.is_object() && answer.value("error", "") == "clock_skew";
    if (refused && !clock) return push_one_by_one(store, client, ops, res);
    if (!res.ok()) return failed_step(res);
    if (!answer.is_object() || !answer["results"].is_array()) return answer_not_understood("push");
    StepResult s;
    s.count = settle(store, ops, answer["results"]);
    s.more = int(ops.size()) == max_ops;
    // Another epoch: the server's store was restored from a backup. What it acknowledged
    // before may be gone from it: offer it all again.
    std::string epoch = answer.value("epoch", ""),
                cursor = store.meta(sync_key::cursor).value_or("");
    if (!epoch.empty() && !cursor.empty() && cursor_epoch(cursor) != epoch)
        s.more = reoffer_journal(store, cursor) > 0 || s.more;
    return s;
}

} // namespace reception
