#include "cases/notice_delivery.hpp"

#include "store/store.hpp"

namespace reception {

bool delivery_went_out(const std::string& state) {
    return state == "sent" || state == "delivered";
}

std::optional<NoticeDelivery> find_notice_delivery(Store& store, const std::string& uuid) {
    Stmt st = store.prepare("SELECT uuid, channel, state, reason, attempts, queued_at, "
                            "last_attempt_at, sent_at, updated_at FROM notice_deliveries "
                            "WHERE uuid = ?1");
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    return NoticeDelivery{st.text(0), st.text(1), st.text(2), st.text(3), int(st.integer(4)),
                          st.text(5), st.text(6), st.text(7), st.text(8)};
}

} // namespace reception
