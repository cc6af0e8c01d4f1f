// The notices the central server sends (docs/notices.md): the rules over the server store, no
// network here (the senders are notice_senders.hpp, the thread delivery_worker.hpp).
//
// A notice a terminal pushes with channel sms or email, not yet sent, is queued in the same
// transaction as the push (one row per notice uuid: pushed again, it is not queued again). The
// worker claims a due row by setting it "sending" and committing, then sends, then records the
// outcome: sent, or retrying with an exponential backoff, or failed with the reason once the
// attempts are spent or the relay or gateway refused it for good. Each change of state goes into
// the room's feed as a notice_delivery record, so every console of the room shows it; a sent
// notice also gets a notice_delivered event (actor "server") in the application's history, which
// stops the clock the notice stops (shared/cases/deadlines.cpp). Terminals may write neither
// (write_rules.cpp).
//
// At most once: a row found "sending" after a crash or a restart (older than the send timeout
// allows) is not sent again but failed as "interrupted", because the relay or gateway may have
// taken it; staff see it and phone. A duplicate SMS is avoided at the price of a notice staff
// must check by hand, never a silent drop.
#pragma once

#include "server/push.hpp"
#include "server/server_store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace reception {

// The SMS gateway's delivery reports (docs/notices.md): the gateway calls
// https://SERVER/notices/report/TOKEN with the id the server gave the message ({notice} in the
// request: the notice's uuid) and a status. With reports on, "sent" only says the gateway took
// the message: the clock the notice stops is stopped by the report "delivered"; a report of
// failure fails the delivery with the gateway's status, and staff phone.
struct SmsReports {
    std::string token;           // the URL's secret; "" for no reports
    std::string id_field = "id"; // the report's field with {notice}
    std::string status_field = "status";
    std::vector<std::string> delivered = {"delivered", "DELIVRD"};
    std::vector<std::string> failed = {"failed", "undelivered", "UNDELIV", "REJECTD", "EXPIRED"};
    bool on() const { return !token.empty(); }
};

// What a report says of a status: delivered, failed, or neither (on the way: ignored).
enum class ReportMeaning { Delivered, Failed, Other };
ReportMeaning report_meaning(const SmsReports& reports, const std::string& status);

struct RetryPolicy {
    int max_attempts = 6;
    std::chrono::seconds first_retry{30}, max_retry{3600};
    std::chrono::seconds send_timeout{20};
};

// What one attempt came to.
struct SendOutcome {
    bool sent = false;
    bool retry = false; // a failure worth another attempt (timeout, 5xx, 4xx of SMTP)
    std::string reason; // "code: detail", e.g. "unreachable: HTTP 503"; no personal data
};

// A claimed delivery with what the senders need.
struct DeliveryJob {
    DeliveryRow row;
    std::string about; // the notice's kind
    std::string to;    // the phone (E.164) or the e-mail address
    std::string lang = "kk", reg_number, registered_on, date, time, room;
    std::string number; // the ticket's, for the turn SMS (turn_texts.hpp)
};

// After push applied a notice record (in its transaction): queue it, or cancel a queued one that
// staff marked sent meanwhile or planned for another channel.
void on_notice_pushed(ServerStore& db, const Terminal& t, const PushOp& op, Instant now);

// The turn SMS of a watch that fell due (turn_texts.hpp), in the caller's transaction; once.
void queue_turn_sms(ServerStore& db, const TurnWatch& w, Instant now);

// How many deliveries this process queued so far: after a commit the server wakes the sender
// when it moved, instead of the sender's next look (a rolled-back push only wakes it for
// nothing).
long long deliveries_queued();

// Claims the row (state queued or retrying, due) for one attempt, in its own transaction: the
// job, or nothing when another sender took it or the notice no longer needs sending (then it is
// cancelled or failed with the reason, in the feed). *rooms gets the room when its feed grew.
std::optional<DeliveryJob> claim_delivery(ServerStore& db, const DeliveryRow& row, Instant now,
                                          std::vector<std::string>* rooms);

// Records an attempt's outcome (in its own transaction) and returns the row as written.
// A sent SMS with reports on (report_follows) waits for the report to stop its clock.
DeliveryRow record_outcome(ServerStore& db, const DeliveryJob& job, const SendOutcome& outcome,
                           const RetryPolicy& policy, Instant now, bool report_follows = false);

// A delivery report (in the caller's transaction): a notice sent (or being sent: the gateway may
// report before the server wrote down its answer) becomes delivered, with the notice_delivered
// event that stops its clock, or failed as "undelivered: STATUS". A report on a notice in any
// other state, repeated, or on no notice of the server's changes nothing. Returns the room
// whose feed grew, "" when nothing changed.
std::string apply_delivery_report(ServerStore& db, const std::string& notice_uuid,
                                  ReportMeaning meaning, const std::string& status, Instant now);

// Rows left "sending" by a stopped or crashed sender, claimed before `before`: failed as
// interrupted (see above). Returns how many.
int fail_interrupted(ServerStore& db, Instant before, Instant now, std::vector<std::string>* rooms);

// The wait before attempt n + 1 after n failed: first_retry doubled each time, at most max.
std::chrono::seconds retry_delay(const RetryPolicy& policy, int attempts);

} // namespace reception
