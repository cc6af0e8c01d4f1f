// Push and pull steps of the agent, and enrolment: plain functions over a store and a client.
#include "agent.hpp"

#include "base/uuid.hpp"
#include "bounded_json.hpp"
#include "protocol.hpp"
#include "reoffer.hpp"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

ClientConfig client_config(Store& store) {
    ClientConfig c;
    c.base_url = store.meta(sync_key::url).value_or("");
    c.ca_pem = store.meta(sync_key::ca_pem).value_or("");
    c.pin = store.meta(sync_key::pin).value_or("");
    c.token = store.meta(sync_key::token).value_or("");
    return c;
}

static std::string describe(const HttpResult& r) {
    if (r.curl_code != 0) return r.error;
    json j = parse_bounded_json(r.body);
    std::string what = j.is_object() ? j.value("error", "") + ": " + j.value("message", "") : "";
    return "HTTP " + std::to_string(r.status) + (what.empty() ? "" : " " + what);
}

// What staff are told (sync.error.<kind>); the words of describe() stay for the technician.
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

static StepResult failed(const HttpResult& r) {
    StepResult s;
    s.ok = false;
    s.error = describe(r);
    s.error_kind = error_kind(r);
    s.retry_after_s = r.retry_after_s;
    return s;
}

// Enrolment
std::string enrol_store(Store& store, const std::string& url, const std::string& ca_pem,
                        const std::string& pin, const std::string& code) {
    HttpClient client(ClientConfig{url, ca_pem, pin, "", 5000});
    HttpResult r = client.post("/v1/enrol", json{{"code", code}}.dump(), 15000);
    if (!r.ok()) return describe(r);
    json j = parse_bounded_json(r.body);
    if (!j.is_object() || !j.contains("token")) return "the server's answer is not understood";
    store.transaction([&] {
        store.set_meta(sync_key::url, url);
        store.set_meta(sync_key::ca_pem, ca_pem);
        store.set_meta(sync_key::pin, pin);
        store.set_meta(sync_key::token, j["token"].get<std::string>());
        store.set_meta(sync_key::room, j["room"].get<std::string>());
        store.set_meta(sync_key::kind, j["kind"].get<std::string>());
        store.set_meta(sync_key::cursor, j["cursor"].get<std::string>());
        // Registration numbers carry the terminal name; tickets carry the series.
        store.set_meta("terminal_id", j["terminal"].get<std::string>());
        store.set_meta("ticket_series", j["series"].get<std::string>());
    });
    return "";
}

// Push
struct OutboxRow {
    long long seq;
    std::string op_id, entity, entity_uuid, kind, payload, created_at;
};

static std::vector<OutboxRow> oldest_ops(Store& store, int max_ops) {
    Stmt st = store.prepare("SELECT seq, op_id, entity, entity_uuid, kind, payload, created_at "
                            "FROM outbox ORDER BY seq LIMIT ?1");
    st.bind(1, max_ops);
    std::vector<OutboxRow> rows;
    while (st.step())
        rows.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
                        st.text(6)});
    return rows;
}

static void dead_letter(Store& store, const OutboxRow& r, const std::string& reason) {
    store
        .prepare("INSERT OR IGNORE INTO sync_dead_letters(op_id, entity, entity_uuid, kind, "
                 "payload, created_at, reason, failed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, r.op_id)
        .bind(2, r.entity)
        .bind(3, r.entity_uuid)
        .bind(4, r.kind)
        .bind(5, r.payload)
        .bind(6, r.created_at)
        .bind(7, reason)
        .bind(8, format_instant(now_utc()))
        .run();
}

static void mark_ok(Store& store) {
    store.set_meta(sync_key::last_ok, format_instant(now_utc()));
    store.set_meta(sync_key::last_error, "");
    store.set_meta(sync_key::last_error_kind, "");
}

// Settles each op by its answer, in one transaction; an op without an answer stays. Deleted by
// op id, not seq: after a restore the other thread may have put the outbox back in a new order.
static int settle(Store& store, const std::vector<OutboxRow>& rows, const json& results) {
    std::map<std::string, std::pair<std::string, std::string>> answer;
    for (const json& r : results)
        if (r.is_object() && r.value("op_id", json()).is_string())
            answer[r["op_id"]] = {r.value("status", ""), r.value("reason", "")};
    int settled = 0;
    store.transaction([&] {
        for (const OutboxRow& row : rows) {
            auto it = answer.find(row.op_id);
            if (it == answer.end()) continue;
            const auto& [status, reason] = it->second;
            if (status == "rejected")
                dead_letter(store, row, reason.empty() ? "rejected" : reason);
            else if (status == "applied" || status == "duplicate" || status == "superseded")
                journal_acked(store, row.op_id, status);
            else
                continue;
            store.prepare("DELETE FROM outbox WHERE op_id = ?1").bind(1, row.op_id).run();
            settled++;
        }
        prune_journal(store);
        mark_ok(store);
    });
    return settled;
}

// The server shows the administrator what this terminal still holds.
static void report_counts(Store& store, HttpClient& client) {
    SyncState s = read_sync_state(store);
    client.set_terminal_status(format_terminal_counts({s.pending, s.dead_letters}));
}

StepResult push_once(Store& store, HttpClient& client, int max_ops) {
    std::vector<OutboxRow> rows = oldest_ops(store, max_ops);
    if (rows.empty()) return {};
    report_counts(store, client);
    json ops = json::array();
    for (const OutboxRow& r : rows)
        ops.push_back(op_json(r.op_id, r.entity, r.entity_uuid, r.kind, r.payload, r.created_at));
    json body{{"batch_id", new_uuid()}, {"sent_at", format_instant(now_utc())}, {"ops", ops}};
    HttpResult res = client.post("/v1/push", body.dump(), 30000);
    // A batch refused as a whole (bad op, wrong room): find the culprit one op at a time, so
    // one bad op goes to the dead letters and the rest go through (the queue never sticks).
    bool refused = res.curl_code == 0 && (res.status == 400 || res.status == 403 ||
                                          res.status == 409 || res.status == 413);
    json answer = parse_bounded_json(res.body);
    bool clock = answer.is_object() && answer.value("error", "") == "clock_skew";
    if (refused && !clock) {
        if (rows.size() > 1) { // through this batch one op at a time: only the culprit stays
            StepResult total;
            for (size_t i = 0; i < rows.size(); ++i) {
                StepResult r = push_once(store, client, 1);
                if (!r.ok) return r;
                total.count += r.count;
            }
            total.more = true;
            return total;
        }
        store.transaction([&] {
            dead_letter(store, rows[0], describe(res));
            store.prepare("DELETE FROM outbox WHERE op_id = ?1").bind(1, rows[0].op_id).run();
        });
        return StepResult{true, true, 0, "", -1, ""};
    }
    if (!res.ok()) return failed(res);
    if (!answer.is_object() || !answer["results"].is_array()) {
        StepResult s;
        s.ok = false;
        s.error = "the server's push answer is not understood";
        s.error_kind = "answer";
        return s;
    }
    StepResult s;
    s.count = settle(store, rows, answer["results"]);
    s.more = int(rows.size()) == max_ops;
    // Another epoch: the server's store was restored from a backup. What it acknowledged
    // before may be gone from it: offer it all again.
    std::string epoch = answer.value("epoch", ""),
                cursor = store.meta(sync_key::cursor).value_or("");
    if (!epoch.empty() && !cursor.empty() && cursor_epoch(cursor) != epoch)
        s.more = reoffer_journal(store, cursor) > 0 || s.more;
    return s;
}

// Pull
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
    if (!res.ok()) return failed(res);
    if (!answer.is_object() || !answer["changes"].is_array() || !answer["cursor"].is_string()) {
        StepResult s;
        s.ok = false;
        s.error = "the server's pull answer is not understood";
        s.error_kind = "answer";
        return s;
    }
    StepResult s;
    s.count = int(answer["changes"].size());
    apply_pulled(store, answer["changes"], answer["cursor"]);
    s.more = answer.value("has_more", false);
    return s;
}

// A pull may find the server restored and put the journal back into the outbox: then push
// and pull once more.
StepResult sync_until_idle(Store& store, HttpClient& client) {
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
