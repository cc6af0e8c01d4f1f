#include "server/op_times.hpp"

namespace reception {
using nlohmann::json;

[[noreturn]] static void bad_time(const std::string& what) {
    throw HttpError(400, "op_time", what);
}

static std::optional<Instant> instant_field(const json& p, const char* key) {
    auto it = p.find(key);
    if (it == p.end() || !it->is_string()) return std::nullopt;
    return parse_instant(it->get_ref<const std::string&>());
}

static void check_one(std::optional<Instant> t, Instant sent, bool own, const std::string& what) {
    if (!t) return;
    if (*t > sent + kMaxClockSkew)
        bad_time(what + " " + format_instant(*t) + " is after the batch's time " +
                 format_instant(sent));
    if (own && *t < sent - kMaxOpAge)
        bad_time(what + " " + format_instant(*t) + " is more than " +
                 std::to_string(kMaxOpAge.count() / 86400) + " days before the batch's time " +
                 format_instant(sent));
}

void check_op_times(const PushOp& op, Instant sent, const std::string& where) {
    check_one(parse_instant(op.created_at), sent, true, where + "created_at");
    std::string w = where + "payload.";
    for (const char* k : {"updated_at", "issued_at", "at"})
        check_one(instant_field(op.payload, k), sent, true, w + k);
    // Times a change refers back to: an application received months ago is changed today.
    for (const char* k : {"called_at", "received_at"})
        check_one(instant_field(op.payload, k), sent, false, w + k);
    if (op.entity != "ticket") return;
    // The ticket's queue day: the local date it was issued, or the day before for a ticket
    // issued before noon in a room whose queue day starts after midnight (queue_day in
    // shared/queue/ticket_queue.hpp; queue_policy.day_starts_at is before 12:00). No other
    // day: a number is unique per room and day, and a terminal must not claim another's.
    auto issued = instant_field(op.payload, "issued_at");
    if (!issued) return;
    std::string day = op.payload.value("day", "");
    Date on = local_date(*issued);
    bool before_noon = local_minute_of_day(*issued) < 12 * 60;
    if (day != format_date(on) && !(before_noon && day == format_date(add_days(on, -1))))
        bad_time(w + "day " + op.payload.value("day", "") + " is not the day of issued_at " +
                 format_instant(*issued));
}

} // namespace reception
