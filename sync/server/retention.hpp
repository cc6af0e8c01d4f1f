// Retention of the idempotency records: the op ids (srv_applied_ops) and batch ids
// (srv_batches) the server has seen, which otherwise grow with every op ever pushed.
//
// The guarantee: forgetting them never lets an op be applied twice. The server takes an op only
// while its created_at is at most kMaxOpAge (30 days) before its batch's sent_at, and a batch
// only while its sent_at is within kMaxClockSkew (5 min) of the server's clock
// (op_times.cpp, push.cpp). So an op made more than kMaxOpAge + kMaxClockSkew ago is refused
// (400 op_time) however often it comes again, before its id is looked up, and a batch sent
// that long ago is refused (400 clock_skew) before its id is. The window may not be shorter than
// kMinKeepDays, which is longer than both: every retry that can still be taken finds its op id
// and is answered as the first time. The agent's own horizon is the same kMaxOpAge: it drops a
// dead or acknowledged op from its journal after it (store/outbox.hpp).
#pragma once

#include "base/date.hpp"
#include "common/protocol.hpp"

namespace reception {

class ServerStore;

constexpr int kMinKeepDays = 31;
constexpr int kDefaultKeepDays = 45;
static_assert(std::chrono::seconds(kMinKeepDays * 86400LL) > kMaxOpAge + kMaxClockSkew,
              "the window must outlast the last moment an op or batch can still be taken");

struct Forgotten {
    long long ops = 0, batches = 0;
};

// Forgets the ops made and the batches received more than keep_days before now. Throws
// InputError when keep_days is under kMinKeepDays.
Forgotten forget_idempotency(ServerStore& db, int keep_days, Instant now);

// The feed's changes older than feed_days (at least 1): a terminal behind them starts from a
// snapshot of its room's records (feed.hpp). Returns how many went.
long long prune_feed(ServerStore& db, int feed_days, Instant now);

} // namespace reception
