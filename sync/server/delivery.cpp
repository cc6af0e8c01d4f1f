#include "server/delivery.hpp"

#include "base/log.hpp"
#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "cases/notice_channel.hpp"
#include "common/rules.hpp"

#include <atomic>
#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

static std::string text_of(const json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

static json parsed(const ExistingRecord& e) {
    if (!e.found) return json::object();
    json p = json::parse(e.payload, nullptr, false);
    return p.is_object() ? p : json::object();
}

static bool may_send(const std::string& state) {
    return state == "queued" || state == "retrying";
}

// The feed
// What consoles pull: the row without the server's own columns (room, next_at).
static json delivery_json(const DeliveryRow& r) {
    return json{{"uuid", r.notice_uuid},    {"application_uuid", r.application_uuid},
                {"channel", r.channel},     {"state", r.state},
                {"reason", r.reason},       {"attempts", r.attempts},
                {"queued_at", r.queued_at}, {"last_attempt_at", r.last_attempt_at},
                {"sent_at", r.sent_at},     {"updated_at", r.updated_at}};
}

// Server-written changes name the server as their terminal; kiosks and boards get nothing of
// them (no public payload).
static void append_server_change(ServerStore& db, const std::string& room,
                                 const std::string& entity, const std::string& uuid,
                                 const std::string& kind, const std::string& payload, Instant now) {
    db.append_change(FeedChange{new_uuid(), "server", room, entity, uuid, kind, payload, "",
                                format_instant(now)});
}

static void publish(ServerStore& db, const DeliveryRow& r, Instant now) {
    append_server_change(db, r.room, "notice_delivery", r.notice_uuid, "notice_delivery.updated",
                         delivery_json(r).dump(), now);
}

// A turn SMS (turn_texts.hpp): its row is under the turn_text's uuid, not a notice's.
static bool is_turn_sms(ServerStore& db, const DeliveryRow& r) {
    return db.record("turn_text", r.notice_uuid).found;
}

// Writes r over a row still in `expect`, and into the feed (a case notice's: a turn SMS is no
// case's, and its phone number is no console's business).
static bool move_to(ServerStore& db, DeliveryRow r, const std::string& expect, Instant now) {
    r.updated_at = format_instant(now);
    if (!db.update_delivery(r, expect)) return false;
    if (!is_turn_sms(db, r)) publish(db, r, now);
    return true;
}

// reg-29, 30 ...: the notice went out; the history says so, by the server. Its states are the
// application's as the server holds it (a notice changes no state).
static void append_delivered_event(ServerStore& db, const DeliveryJob& job, Instant now) {
    json app = parsed(db.record("application", job.row.application_uuid));
    std::string state = text_of(app, "state");
    json data{{"about", job.about}, {"channel", job.row.channel}, {"notice", job.row.notice_uuid}};
    // A cancelled session's notice that gave the new date tells what the date notice would.
    if (job.about == "session_cancelled" && !job.date.empty()) data["tells_date"] = true;
    std::string id = new_uuid();
    json ev{{"uuid", id},
            {"entity", "application"},
            {"entity_uuid", job.row.application_uuid},
            {"kind", "notice_delivered"},
            {"from", state},
            {"to", state},
            {"actor", "server"},
            {"reason", ""},
            {"data", data},
            {"at", format_instant(now)}};
    std::string text = ev.dump();
    db.put_record("event", id, job.row.room, "server", version_of("event", ev), text);
    append_server_change(db, job.row.room, "event", id, "event.appended", text, now);
}

// Queueing
static std::atomic<long long> queued{0};

long long deliveries_queued() {
    return queued.load();
}

void on_notice_pushed(ServerStore& db, const Terminal& t, const PushOp& op, Instant now) {
    const json& p = op.payload;
    std::string channel = text_of(p, "channel");
    bool sent = !text_of(p, "sent_on").empty();
    auto found = db.delivery(op.entity_uuid);
    if (!sent && (channel == "sms" || channel == "email")) {
        if (found) return; // pushed again, or by another console: one delivery per notice
        DeliveryRow r;
        r.notice_uuid = op.entity_uuid;
        r.room = t.room;
        r.application_uuid = text_of(p, "application_uuid");
        r.channel = channel;
        r.queued_at = r.next_at = r.updated_at = format_instant(now);
        db.queue_delivery(r);
        publish(db, r, now);
        queued++;
        return;
    }
    // Staff sent it another way, or it is planned for phone or letter now.
    if (found && may_send(found->state)) {
        DeliveryRow r = *found;
        r.state = "cancelled";
        r.reason = sent ? "sent_by_staff" : "channel_changed: " + channel;
        move_to(db, r, found->state, now);
    }
}

void queue_turn_sms(ServerStore& db, const TurnWatch& w, Instant now) {
    if (db.delivery(w.turn_uuid)) return; // queued before: one text per ticket
    DeliveryRow r;
    r.notice_uuid = w.turn_uuid;
    r.room = w.room;
    r.application_uuid = w.ticket_uuid; // what it is about: the ticket
    r.channel = "sms";
    r.queued_at = r.next_at = r.updated_at = format_instant(now);
    db.queue_delivery(r);
    queued++;
}

// Claiming
// The facts of a case notice's text, from the records the server holds.
static void case_facts(ServerStore& db, const json& app, DeliveryJob& job);

static std::string dotted(const std::string& iso_date) {
    auto d = parse_date(iso_date);
    return d ? dotted_date(*d) : iso_date;
}

// The session's date, time and room when the application has a live one.
static void session_facts(ServerStore& db, const json& app, DeliveryJob& job) {
    std::string uuid = text_of(app, "session_uuid");
    if (uuid.empty()) return;
    json s = parsed(db.record("session", uuid));
    if (s.empty() || s.value("cancelled", false) || text_of(s, "date").empty()) return;
    job.date = dotted(text_of(s, "date"));
    if (s.contains("start_minute") && s["start_minute"].is_number_integer())
        job.time = hhmm(s["start_minute"].get<int>());
    json room = parsed(db.record("room", text_of(s, "room_uuid")));
    job.room = text_of(room, job.lang == "ru" ? "name_ru" : "name_kk");
}

static void case_facts(ServerStore& db, const json& app, DeliveryJob& job) {
    job.lang = text_of(app, "language") == "ru" ? "ru" : "kk";
    job.reg_number = text_of(app, "reg_number");
    job.registered_on = dotted(text_of(app, "registered_on"));
    session_facts(db, app, job);
}

// The address the channel needs, or "" when the application has none for it.
static std::string contact(const json& app, const std::string& channel) {
    if (channel == "email") return text_of(app, "email");
    return sms_number(text_of(app, "phone")); // a landline takes no SMS
}

// A reason that ends the delivery before any attempt.
static std::optional<std::string> refusal(const json& notice, const json& app,
                                          const DeliveryRow& row) {
    if (!text_of(notice, "sent_on").empty()) return "sent_by_staff";
    if (text_of(notice, "channel") != row.channel)
        return "channel_changed: " + text_of(notice, "channel");
    if (app.value("notice_opted_out", false)) return "opted_out";
    if (!app.value("notice_consent", false)) return "no_consent";
    if (contact(app, row.channel).empty()) return "no_contact";
    return std::nullopt;
}

// The turn SMS: to the number the visitor left, in the ticket's language, with its number. A
// ticket served or gone meanwhile needs no text any more.
static std::optional<DeliveryJob> claim_turn_sms(ServerStore& db, const DeliveryRow& cur,
                                                 Instant now, std::vector<std::string>* rooms) {
    json turn = parsed(db.record("turn_text", cur.notice_uuid));
    json ticket = parsed(db.record("ticket", cur.application_uuid));
    std::string state = text_of(ticket, "state");
    if (state != "waiting" && state != "called") {
        DeliveryRow r = cur;
        r.state = "cancelled";
        r.reason = "not_waiting: " + state;
        if (move_to(db, r, cur.state, now)) rooms->push_back(r.room);
        return std::nullopt;
    }
    DeliveryJob j;
    j.row = cur;
    j.row.state = "sending";
    j.row.attempts += 1;
    j.row.last_attempt_at = format_instant(now);
    j.about = "turn_near";
    j.to = text_of(turn, "phone");
    j.lang = text_of(turn, "language") == "ru" ? "ru" : "kk";
    j.number = text_of(ticket, "number");
    if (!move_to(db, j.row, cur.state, now)) return std::nullopt; // another sender has it
    return j;
}

std::optional<DeliveryJob> claim_delivery(ServerStore& db, const DeliveryRow& due, Instant now,
                                          std::vector<std::string>* rooms) {
    std::optional<DeliveryJob> job;
    db.transaction([&] {
        auto cur = db.delivery(due.notice_uuid);
        if (!cur || !may_send(cur->state) || cur->next_at > format_instant(now)) return;
        if (is_turn_sms(db, *cur)) {
            job = claim_turn_sms(db, *cur, now, rooms);
            return;
        }
        json notice = parsed(db.record("notice", cur->notice_uuid));
        json app = parsed(db.record("application", cur->application_uuid));
        if (app.empty()) return; // its application is not on the server yet: wait for it
        if (auto why = refusal(notice, app, *cur)) {
            DeliveryRow r = *cur;
            bool cancelled = *why == "sent_by_staff" || why->rfind("channel_changed", 0) == 0;
            r.state = cancelled ? "cancelled" : "failed";
            r.reason = *why;
            if (move_to(db, r, cur->state, now)) rooms->push_back(r.room);
            return;
        }
        DeliveryJob j;
        j.row = *cur;
        j.row.state = "sending";
        j.row.attempts += 1;
        j.row.last_attempt_at = format_instant(now);
        j.about = text_of(notice, "about");
        j.to = contact(app, cur->channel);
        case_facts(db, app, j);
        if (!move_to(db, j.row, cur->state, now)) return; // another sender has it
        rooms->push_back(j.row.room);
        job = std::move(j);
    });
    return job;
}

// Outcomes
std::chrono::seconds retry_delay(const RetryPolicy& policy, int attempts) {
    auto d = policy.first_retry;
    for (int i = 1; i < attempts && d < policy.max_retry; ++i) d *= 2;
    return std::min(d, policy.max_retry);
}

DeliveryRow record_outcome(ServerStore& db, const DeliveryJob& job, const SendOutcome& outcome,
                           const RetryPolicy& policy, Instant now, bool report_follows) {
    DeliveryRow r = job.row;
    if (outcome.sent) {
        r.state = "sent";
        r.reason.clear();
        r.sent_at = format_instant(now);
    } else if (outcome.retry && r.attempts < policy.max_attempts) {
        r.state = "retrying";
        r.reason = outcome.reason;
        r.next_at = format_instant(now + retry_delay(policy, r.attempts));
    } else {
        r.state = "failed";
        r.reason = outcome.retry ? "gave_up: " + outcome.reason : outcome.reason;
    }
    db.transaction([&] {
        if (!move_to(db, r, "sending", now)) {
            auto now_row = db.delivery(r.notice_uuid);
            // The gateway's report came first: it said more than the answer does.
            if (now_row && outcome.sent &&
                (now_row->state == "delivered" || now_row->reason.rfind("undelivered", 0) == 0)) {
                r = *now_row;
                return;
            }
            // Failed as interrupted meanwhile (a sender that hung past the timeout): that stays.
            log_warning("notice " + r.notice_uuid + ": outcome " + r.state +
                        " came after the delivery was closed");
            return;
        }
        if (outcome.sent && job.about != "turn_near" && !report_follows)
            append_delivered_event(db, job, now);
    });
    return r;
}

// Delivery reports
ReportMeaning report_meaning(const SmsReports& reports, const std::string& status) {
    for (const auto& s : reports.delivered)
        if (s == status) return ReportMeaning::Delivered;
    for (const auto& s : reports.failed)
        if (s == status) return ReportMeaning::Failed;
    return ReportMeaning::Other;
}

std::string apply_delivery_report(ServerStore& db, const std::string& notice_uuid,
                                  ReportMeaning meaning, const std::string& status, Instant now) {
    if (meaning == ReportMeaning::Other) return "";
    auto cur = db.delivery(notice_uuid);
    if (!cur || cur->channel != "sms" || (cur->state != "sent" && cur->state != "sending"))
        return "";
    DeliveryRow r = *cur;
    if (r.sent_at.empty()) r.sent_at = format_instant(now);
    if (meaning == ReportMeaning::Delivered) {
        r.state = "delivered";
        r.reason.clear();
    } else {
        r.state = "failed";
        r.reason = "undelivered: " + status.substr(0, 40);
    }
    if (!move_to(db, r, cur->state, now)) return "";
    if (is_turn_sms(db, r)) return "";
    if (meaning == ReportMeaning::Delivered) {
        DeliveryJob job;
        job.row = r;
        job.about = text_of(parsed(db.record("notice", notice_uuid)), "about");
        case_facts(db, parsed(db.record("application", r.application_uuid)), job);
        append_delivered_event(db, job, now);
    }
    return r.room;
}

int fail_interrupted(ServerStore& db, Instant before, Instant now,
                     std::vector<std::string>* rooms) {
    int n = 0;
    for (const DeliveryRow& row : db.deliveries_in("sending", format_instant(before), 100)) {
        DeliveryRow r = row;
        r.state = "failed";
        r.reason = "interrupted";
        db.transaction([&] {
            if (!move_to(db, r, "sending", now)) return;
            rooms->push_back(r.room);
            ++n;
            log_warning("notice " + r.notice_uuid +
                        ": the server stopped while sending it; not sent again (it may have "
                        "arrived): failed as interrupted for staff to check");
        });
    }
    return n;
}

} // namespace reception
