// What the central server reported of a notice it sends by SMS or e-mail: pulled from its feed
// (entity notice_delivery, applied by the agent into notice_deliveries), so every console of the
// room shows the same. Only the server writes it: a terminal that pushes one is refused
// (sync/server/write_rules.cpp). docs/notices.md has the states.
#pragma once

#include <optional>
#include <string>

namespace reception {

class Store;

struct NoticeDelivery {
    std::string uuid; // the notice's
    std::string channel, state, reason;
    int attempts = 0;
    std::string queued_at, last_attempt_at, sent_at, updated_at;
};

// queued | sending | retrying: the server is at it; sent: the relay or gateway took it (the
// notice went out: its clock stops); delivered: the gateway reported it on the phone; failed
// (with the reason: staff phone or write instead); cancelled (staff sent it another way, or the
// applicant opted out).
bool delivery_went_out(const std::string& state);

std::optional<NoticeDelivery> find_notice_delivery(Store& store, const std::string& uuid);

} // namespace reception
