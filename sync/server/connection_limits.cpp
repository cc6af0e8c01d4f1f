#include "server/connection_limits.hpp"

namespace reception {

// One more connection of address: within its share when capped, and within the total when it
// counts there. Under the lock.
bool ConnectionLimits::take(const std::string& address, bool capped, bool counted) {
    std::lock_guard lock(mutex_);
    int& mine = by_address_[address];
    if ((capped && mine >= caps_.per_address) || (counted && total_ >= caps_.total)) {
        if (mine == 0) by_address_.erase(address);
        return false;
    }
    ++mine;
    if (counted) ++total_;
    return true;
}

void ConnectionLimits::give_back(const std::string& address, bool counted) {
    std::lock_guard lock(mutex_);
    auto it = by_address_.find(address);
    if (it != by_address_.end() && --it->second == 0) by_address_.erase(it);
    if (counted) --total_;
}

bool ConnectionLimits::admit(const std::string& address, bool capped) {
    return take(address, capped, true);
}

void ConnectionLimits::release(const std::string& address) {
    give_back(address, true);
}

bool ConnectionLimits::admit_behind_proxy(const std::string& client) {
    return take(client, true, false);
}

void ConnectionLimits::release_behind_proxy(const std::string& client) {
    give_back(client, false);
}

bool ConnectionLimits::reserve_body(unsigned long long n) {
    unsigned long long now = buffered_.load();
    do {
        if (now + n > caps_.buffered_bytes) return false;
    } while (!buffered_.compare_exchange_weak(now, now + n));
    return true;
}

} // namespace reception
