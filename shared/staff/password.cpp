#include "staff/password.hpp"

#include "base/public_code.hpp"

#include <argon2.h>
#include <stdexcept>
#include <vector>

namespace reception {

// Costs: OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): tens of milliseconds to sign in,
// years for someone who copied the store to try a dictionary.
static constexpr uint32_t kTimeCost = 2;
static constexpr uint32_t kMemoryKiB = 19 * 1024;
static constexpr uint32_t kLanes = 1;
static constexpr size_t kSaltBytes = 16;
static constexpr size_t kHashBytes = 32;

std::string hash_password(std::string_view password) {
    unsigned char salt[kSaltBytes];
    random_bytes(salt, sizeof salt);
    size_t len =
        argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
    std::vector<char> encoded(len);
    int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(),
                                   salt, sizeof salt, kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) throw std::runtime_error(argon2_error_message(rc));
    return encoded.data();
}

bool verify_password(const std::string& encoded, std::string_view password) {
    return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

} // namespace reception
