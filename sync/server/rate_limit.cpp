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
static void forget_full(std::unordered_map<std::string, Bucket>& m, Instant now) {
    if (m.size() < 4096) return;
    for (auto it = m.begin(); it != m.end();) {
        refill(it->second, kEnrolPerAddress, now);
        it = it->second.tokens >= kEnrolPerAddress.burst ? m.erase(it) : std::next(it);
    }
}

int EnrolmentLimiter::take(const std::string& address, Instant now) {
    std::lock_guard lock(mutex_);
    forget_full(by_address_, now);
    auto it = by_address_.try_emplace(address, Bucket{kEnrolPerAddress.burst, now}).first;
    Bucket& mine = it->second;
    refill(mine, kEnrolPerAddress, now);
    refill(global_, kEnrolGlobal, now);
    if (mine.tokens < 1) return wait_for(mine, kEnrolPerAddress);
    if (global_.tokens < 1) return wait_for(global_, kEnrolGlobal);
    mine.tokens -= 1;
    global_.tokens -= 1;
    return 0;
}

void EnrolmentLimiter::give_back(const std::string& address, Instant now) {
    std::lock_guard lock(mutex_);
    auto it = by_address_.find(address);
    if (it != by_address_.end()) {
        refill(it->second, kEnrolPerAddress, now);
        it->second.tokens = std::min(kEnrolPerAddress.burst, it->second.tokens + 1);
    }
    refill(global_, kEnrolGlobal, now);
    global_.tokens = std::min(kEnrolGlobal.burst, global_.tokens + 1);
}

} // namespace reception
