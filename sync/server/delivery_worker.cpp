#include "server/delivery_worker.hpp"

#include "base/log.hpp"
#include "queue/turn_text.hpp"
#include "server/turn_texts.hpp"

namespace reception {

DeliveryWorker::DeliveryWorker(StoreLocation where, DeliveryConfig config, FeedGrew feed_grew)
    : where_(std::move(where)), config_(std::move(config)),
      templates_(NoticeTemplates::load(config_.templates)), feed_grew_(std::move(feed_grew)) {
    thread_ = std::thread([this] { run(); });
}

DeliveryWorker::~DeliveryWorker() {
    stop();
}

void DeliveryWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::poke() {
    {
        std::lock_guard lock(mutex_);
        poked_ = true;
    }
    wake_.notify_all();
}

SendOutcome DeliveryWorker::send(const DeliveryJob& job) const {
    NoticeMessage m;
    try {
        // The turn SMS says the rule's number (kTurnTextAhead), not one of its own.
        NoticeFacts facts{
            job.lang, job.reg_number, job.registered_on, job.date,
            job.time, job.room,       job.number,        std::to_string(kTurnTextAhead)};
        m = templates_.render(job.about, facts);
    } catch (const InputError&) {
        return {false, false, "refused: no template for " + job.about};
    }
    auto timeout = config_.retry.send_timeout;
    if (job.row.channel == "email") {
        if (!config_.smtp.configured())
            return {false, false, "not_configured: this server sends no e-mail"};
        return send_email(config_.smtp, job.to, m, job.row.notice_uuid, timeout);
    }
    if (!config_.sms.configured())
        return {false, false, "not_configured: this server sends no SMS"};
    return send_sms(config_.sms, job.to, m.text, job.row.notice_uuid, timeout);
}

// The log names the notice by its uuid and the reason by its code: the detail may hold what a
// gateway said about the number.
static std::string reason_code(const std::string& reason) {
    return reason.substr(0, reason.find(':'));
}

void DeliveryWorker::tell(ServerStore& db, std::vector<std::string>& rooms) {
    std::map<std::string, long long> heads;
    for (const std::string& room : rooms) heads[room] = db.feed_head(room);
    rooms.clear();
    if (!heads.empty() && feed_grew_) feed_grew_(heads);
}

bool DeliveryWorker::round(ServerStore& db) {
    std::vector<std::string> rooms;
    bool worked = false;
    Instant now = now_utc();
    // A sender that hung past its timeout on another instance is as good as stopped.
    fail_interrupted(db, now - 2 * config_.retry.send_timeout - std::chrono::seconds(5), now,
                     &rooms);
    for (const char* state : {"queued", "retrying"}) {
        for (const DeliveryRow& due : db.deliveries_in(state, format_instant(now_utc()), 20)) {
            {
                std::lock_guard lock(mutex_);
                if (stopping_) break;
            }
            auto job = claim_delivery(db, due, now_utc(), &rooms);
            if (!job) continue;
            worked = true;
            tell(db, rooms); // consoles see "sending"
            SendOutcome outcome = send(*job);
            bool report_follows = job->row.channel == "sms" && config_.sms.reports.on();
            DeliveryRow r =
                record_outcome(db, *job, outcome, config_.retry, now_utc(), report_follows);
            rooms.push_back(r.room);
            log_info("notice " + r.notice_uuid + " by " + r.channel + ": " + r.state +
                     (r.reason.empty() ? "" : " (" + reason_code(r.reason) + ")") + ", attempt " +
                     std::to_string(r.attempts));
        }
    }
    tell(db, rooms);
    return worked;
}

void DeliveryWorker::run() {
    std::unique_ptr<ServerStore> db;
    bool started = false;
    Date forgotten_on{}; // the day the turn texts were last forgotten: once a day
    for (;;) {
        bool worked = false;
        try {
            if (!db) db = open_server_store(where_);
            if (!started && db->sqlite()) {
                // One SQLite server: whatever is still "sending" was this server's, stopped.
                std::vector<std::string> rooms;
                fail_interrupted(*db, now_utc() + std::chrono::hours(1), now_utc(), &rooms);
                tell(*db, rooms);
            }
            started = true;
            if (Date today = local_date(now_utc()); today != forgotten_on) {
                if (long long n = forget_turn_texts(*db, now_utc()); n > 0)
                    log_notice("notices: forgot " + std::to_string(n) +
                               " phone numbers left for turn texts");
                forgotten_on = today;
            }
            worked = round(*db);
        } catch (const std::exception& e) {
            log_warning(std::string("notices: ") + e.what());
            db.reset(); // made again next time: the database may have restarted
        }
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        if (!worked)
            wake_.wait_for(lock, std::chrono::milliseconds(250),
                           [this] { return stopping_ || poked_; });
        poked_ = false;
        if (stopping_) return;
    }
}

} // namespace reception
