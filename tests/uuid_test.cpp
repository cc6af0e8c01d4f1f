// Client-generated ids: time-ordered version 7 UUIDs (shared/uuid.hpp says why) and the short
// random terminal id of a new store.
#include "base/uuid.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <set>
#include <thread>

using namespace reception;

// The Unix time in milliseconds that a version 7 UUID carries in its first 48 bits.
static long long uuid_millis(const std::string& id) {
    std::string hex = id.substr(0, 8) + id.substr(9, 4);
    return std::stoll(hex, nullptr, 16);
}

TEST_CASE("ids: a new id is a lower-case RFC 9562 version 7 UUID carrying the current time") {
    auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    std::string id = new_uuid();
    auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    REQUIRE(id.size() == 36);
    CHECK(is_uuid(id));
    CHECK(id[14] == '7');                                         // version
    CHECK(std::string("89ab").find(id[19]) != std::string::npos); // RFC variant
    for (char c : id) CHECK_FALSE((c >= 'A' && c <= 'Z'));
    CHECK(uuid_millis(id) >= before);
    CHECK(uuid_millis(id) <= after);
}

TEST_CASE("ids: an id made later sorts after an earlier one, so keys land at the end of an index") {
    std::string first = new_uuid();
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    std::string second = new_uuid();
    CHECK(first < second);
}

TEST_CASE("ids: ten thousand ids made in a burst are all different") {
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) seen.insert(new_uuid());
    CHECK(seen.size() == 10000);
}

TEST_CASE("ids: short terminal ids come from the random part, not the clock") {
    // A prefix of a version 7 UUID is the same for years; terminal ids made from it would all
    // be equal. 100 random 4-digit ids have about 100 different values.
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        std::string id = random_id(4);
        CHECK(id.size() == 4);
        CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
        seen.insert(id);
    }
    CHECK(seen.size() > 90);
    CHECK(random_id(24).size() == 24);
}
