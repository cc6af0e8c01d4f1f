// Issues tickets into a store until it is killed; after each issue returns, writes the ticket's
// uuid on a line of stdout. The crash test kills it with SIGKILL at random moments and checks
// that every uuid it reported is in the store exactly once, with its outbox row.
#include "base/assets.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/profile.hpp"
#include "store/store.hpp"

#include <cstdio>
#include <string>
#include <unistd.h>

using namespace reception;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: crash-child STORE [COUNT]\n");
        return 2;
    }
    long limit = argc > 2 ? std::stol(argv[2]) : -1;
    RegulationProfile profile = load_profile(assets_dir() / "regulations/khromtau-2023-133.json");
    auto store = Store::open(argv[1], OpenMode::CreateIfMissing);
    const char* services[] = {"same_day", "consultation", "documents"};
    for (long i = 0; limit < 0 || i < limit; ++i) {
        TicketRequest req{"main", services[i % 3], i % 5 == 0 ? "disability" : "", "kk", "crash"};
        Ticket t = issue_ticket(*store, profile, req, now_utc());
        // write(2), not stdio: nothing may sit in a buffer when the kill comes.
        std::string line = t.uuid + "\n";
        if (write(1, line.data(), line.size()) != ssize_t(line.size())) return 1;
    }
    return 0;
}
