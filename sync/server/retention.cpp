#include "server/retention.hpp"

#include "base/errors.hpp"
#include "server/server_store.hpp"

namespace reception {

Forgotten forget_idempotency(ServerStore& db, int keep_days, Instant now) {
    if (keep_days < kMinKeepDays) throw InputError("keep_days", "under_minimum");
    std::string before = format_instant(now - std::chrono::hours(24) * keep_days);
    auto [ops, batches] = db.forget_idempotency(before);
    return Forgotten{ops, batches};
}

long long prune_feed(ServerStore& db, int feed_days, Instant now) {
    if (feed_days < 1) throw InputError("feed_days", "under_minimum");
    return db.prune_feed(format_instant(now - std::chrono::hours(24) * feed_days));
}

} // namespace reception
