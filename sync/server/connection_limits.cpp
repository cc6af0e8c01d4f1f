#include "server/connection_limits.hpp"

namespace reception {

bool ConnectionLimits::admit(const std::string& address) {
    std::lock_guard lock(mutex_);
    int& mine = by_address_[address];
    if (mine >= caps_.per_address || total_ >= caps_.total) {
        if (mine == 0) by_address_.erase(address);
        return false;
    }
    ++mine;
    ++total_;
    return true;
}

void ConnectionLimits::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    auto it = by_address_.find(address);
    if (it != by_address_.end() && --it->second == 0) by_address_.erase(it);
    --total_;
}

bool ConnectionLimits::reserve_body(unsigned long long n) {
    unsigned long long now = buffered_.load();
    do {
        if (now + n > caps_.buffered_bytes) return false;
    } while (!buffered_.compare_exchange_weak(now, now + n));
    return true;
}

} // namespace reception
