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

} // namespace reception
