// One step of the agent's work: push the oldest outbox ops, or pull one page of what other
// terminals did. Plain functions over a store and a client, so tests drive them directly;
// SyncAgent (agent.hpp) runs them in its two threads.
#pragma once

#include "agent/client.hpp"
#include "store/store.hpp"

#include <string>

namespace reception {

struct StepResult {
    bool ok = true;
    bool more = false; // more is waiting: go again at once
    int count = 0;     // ops pushed or changes pulled
    std::string error;
    long retry_after_s = -1;
    std::string error_kind; // sync_key::last_error_kind: offline, certificate, credential ...
};

// Pushes the oldest outbox ops (at most max_ops) and settles each by the server's answer:
// applied / duplicate / superseded leave the outbox, rejected go to the dead letters.
StepResult push_once(Store& store, HttpClient& client, int max_ops = 200);
// Pulls one page after the stored cursor (waiting up to wait_s for news) and applies it with
// the new cursor in one transaction.
StepResult pull_once(Store& store, HttpClient& client, int wait_s, int limit = 500);
// Push everything, then pull everything, once (tests, `reception-syncd run --once`).
StepResult sync_until_idle(Store& store, HttpClient& client);

// How an exchange that went wrong is reported (step_answer.cpp): the words for the technician
// ("HTTP 403 forbidden: ...") and the failed step with the kind staff are told.
std::string describe_answer(const HttpResult& r);
StepResult failed_step(const HttpResult& r);
StepResult answer_not_understood(const char* what);
// Tells the server what this terminal still holds (pending, dead letters) with the next request.
void report_counts(Store& store, HttpClient& client);

} // namespace reception
