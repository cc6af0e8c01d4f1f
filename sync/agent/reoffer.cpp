#include "agent/reoffer.hpp"
#include "base/log.hpp"

#include "common/protocol.hpp"
#include "store/outbox.hpp"
#include "store/sync_state.hpp"

namespace reception {

std::string cursor_epoch(const std::string& cursor) {
    auto c = parse_cursor(cursor);
    return c ? c->epoch : std::string();
}

long long reoffer_journal(Store& store, const std::string& stale) {
    long long offered = 0;
    store.transaction([&] {
        if (stale.empty() || store.meta(sync_key::cursor).value_or("") != stale) return;
        offered = requeue_acknowledged(store);
        store.set_meta(sync_key::cursor, ""); // and pull from the start
    });
    if (offered > 0)
        log_notice("resync: the server's store was restored (new epoch); offering again " +
                   std::to_string(offered) +
                   " ops it had acknowledged, and pulling from the start");
    return offered;
}

} // namespace reception
