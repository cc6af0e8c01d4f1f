// Enrolment attempts, limited per source address and for the whole server. A code has 60
// random bits, so guessing is hopeless anyway; the limit keeps a flood of wrong codes from
// filling the single writer's queue (each attempt is a write) and from wearing the server.
// Every attempt takes a token; a right code gives it back, so only wrong codes count.
#pragma once

#include "base/date.hpp"

#include <mutex>
#include <string>
#include <unordered_map>

namespace reception {

struct Bucket {
    double tokens = 0;
    Instant at{};
};

struct RateLimit {
    double burst;      // attempts at once
    double per_second; // refill
};

// Per address: 10 wrong codes, then one a minute. All addresses together: 100, then 1/s.
constexpr RateLimit kEnrolPerAddress{10, 1.0 / 60};
constexpr RateLimit kEnrolGlobal{100, 1.0};

class EnrolmentLimiter {
  public:
    // Takes a token for an attempt from address: 0 when allowed, else the seconds to wait.
    int take(const std::string& address, Instant now);
    // The attempt's code was right: its token goes back.
    void give_back(const std::string& address, Instant now);

  private:
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> by_address_;
    Bucket global_{kEnrolGlobal.burst, {}};
};

} // namespace reception
