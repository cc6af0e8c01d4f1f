// The times inside an op, checked against its batch's sent_at (which is itself checked against
// the server's clock). A record stamped 9999-12-31 would win every conflict for ever — each
// later change "superseded" — and a ticket stamped 2000-01-01 would stand ahead of every queue.
//  - every time in the op: at most sent_at + kMaxClockSkew;
//  - the op's own times (created_at; the payload's updated_at, issued_at, at): at least
//    sent_at - kMaxOpAge, the longest an honest outbox holds an op (docs/sync.md);
//  - a ticket's day is the local day of its issue.
// A refusal is HttpError 400 "op_time": the agent finds the op and keeps it in its dead letters.
#pragma once

#include "server/push.hpp"

namespace reception {

void check_op_times(const PushOp& op, Instant sent_at, const std::string& where);

} // namespace reception
