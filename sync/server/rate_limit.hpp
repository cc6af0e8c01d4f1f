// Requests limited per source address and for the whole server, by token buckets.
// Enrolment attempts: a code has 60 random bits, so guessing is hopeless anyway; the limit
// keeps a flood of wrong codes from filling the single writer's queue (each attempt is a
// write) and from wearing the server. Every attempt takes a token; a right code gives it back,
// so only wrong codes count.
// The public pages (public_pages.hpp): visitors' phones, no credential, reads only; their own
// limit, so a flood of them never takes the terminals' share of the server.
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

// The public pages: a phone asks once a page and then waits on a long-poll; a village office
// or a mobile operator's NAT puts many phones behind one address. 120 at once, then 2/s an
// address; 2,000 at once, then 200/s for the server.
constexpr RateLimit kPublicPerAddress{120, 2.0};
constexpr RateLimit kPublicGlobal{2000, 200.0};

class AddressLimiter {
  public:
    AddressLimiter(RateLimit per_address, RateLimit global)
        : per_address_(per_address), global_limit_(global), global_{global.burst, {}} {}
    // Takes a token for an attempt from address: 0 when allowed, else the seconds to wait.
    int take(const std::string& address, Instant now);
    // The attempt's code was right (enrolment): its token goes back.
    void give_back(const std::string& address, Instant now);

  private:
    RateLimit per_address_, global_limit_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> by_address_;
    Bucket global_;
};

struct EnrolmentLimiter : AddressLimiter {
    EnrolmentLimiter() : AddressLimiter(kEnrolPerAddress, kEnrolGlobal) {}
};
struct PublicLimiter : AddressLimiter {
    PublicLimiter() : AddressLimiter(kPublicPerAddress, kPublicGlobal) {}
};

} // namespace reception
