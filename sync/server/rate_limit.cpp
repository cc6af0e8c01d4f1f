#include "server/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace reception {

static void refill(Bucket& b, const RateLimit& limit, Instant now) {
    double seconds = std::chrono::duration<double>(now - b.at).count();
    if (seconds > 0) b.tokens = std::min(limit.burst, b.tokens + seconds * limit.per_second);
    b.at = now;
}

static int wait_for(const Bucket& b, const RateLimit& limit) {
    return int(std::ceil((1 - b.tokens) / limit.per_second));
}

// Addresses whose bucket is full again are forgotten, so spraying addresses costs memory only
// for as long as their buckets take to refill.
static void forget_full(std::unordered_map<std::string, Bucket>& m, const RateLimit& limit,
                        Instant now) {
    if (m.size() < 4096) return;
    for (auto it = m.begin(); it != m.end();) {
        refill(it->second, limit, now);
        it = it->second.tokens >= limit.burst ? m.erase(it) : std::next(it);
    }
}

int AddressLimiter::take(const std::string& address, Instant now) {
    std::lock_guard lock(mutex_);
    forget_full(by_address_, per_address_, now);
    auto it = by_address_.try_emplace(address, Bucket{per_address_.burst, now}).first;
    Bucket& mine = it->second;
    refill(mine, per_address_, now);
    refill(global_, global_limit_, now);
    if (mine.tokens < 1) return wait_for(mine, per_address_);
    if (global_.tokens < 1) return wait_for(global_, global_limit_);
    mine.tokens -= 1;
    global_.tokens -= 1;
    return 0;
}

void AddressLimiter::give_back(const std::string& address, Instant now) {
    std::lock_guard lock(mutex_);
    auto it = by_address_.find(address);
    if (it != by_address_.end()) {
        refill(it->second, per_address_, now);
        it->second.tokens = std::min(per_address_.burst, it->second.tokens + 1);
    }
    refill(global_, global_limit_, now);
    global_.tokens = std::min(global_limit_.burst, global_.tokens + 1);
}

} // namespace reception
