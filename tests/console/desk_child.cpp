// A desk in a process of its own, for the two-process test of reg-12: opens desk NUMBER on the
// store and calls the next ticket (then finishes it) until nobody waits, printing each number.
// Usage: desk-child STORE NUMBER
#include "base/assets.hpp"
#include "queue/desks.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/profile.hpp"

#include <cstdio>

using namespace reception;

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    auto profiles = load_profiles(assets_dir() / "regulations");
    Instant now = now_utc();
    RegulationProfile profile = profile_for(profiles, local_date(now), nullptr);
    auto store = Store::open(argv[1], OpenMode::Existing);
    std::string clerk = std::string("clerk") + argv[2];
    std::vector<std::string> services;
    for (const auto& s : profile.services) services.push_back(s.code);
    Desk d = open_desk(*store, profile, "main", argv[2], services, clerk, now);
    while (auto t = call_next_at_desk(*store, profile.queue_policy, d.uuid, clerk, now_utc())) {
        std::printf("%s\n", t->uuid.c_str());
        start_ticket(*store, t->uuid, clerk, now_utc());
        finish_ticket(*store, t->uuid, clerk, now_utc());
    }
    return 0;
}
