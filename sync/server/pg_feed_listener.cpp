#include "server/pg_feed_listener.hpp"

#include "base/log.hpp"
#include "server/server_store.hpp"

#include <pqxx/pqxx>

namespace reception {

namespace {

class Receiver final : public pqxx::notification_receiver {
  public:
    Receiver(pqxx::connection_base& c, const FeedListener::News& news)
        : pqxx::notification_receiver(c, "reception_feed"), news_(news) {}
    void operator()(const std::string& payload, int) override {
        size_t space = payload.rfind(' ');
        if (space == std::string::npos) return;
        news_(payload.substr(0, space), std::atoll(payload.c_str() + space + 1));
    }

  private:
    const FeedListener::News& news_;
};

class CredentialsReceiver final : public pqxx::notification_receiver {
  public:
    CredentialsReceiver(pqxx::connection_base& c, const FeedListener::Credentials& heard)
        : pqxx::notification_receiver(c, PG_CREDENTIALS_CHANNEL), heard_(heard) {}
    void operator()(const std::string& payload, int) override {
        heard_(std::atoll(payload.c_str()));
    }

  private:
    const FeedListener::Credentials& heard_;
};

class EpochReceiver final : public pqxx::notification_receiver {
  public:
    EpochReceiver(pqxx::connection_base& c, const FeedListener::Epoch& heard)
        : pqxx::notification_receiver(c, PG_EPOCH_CHANNEL), heard_(heard) {}
    void operator()(const std::string& payload, int) override { heard_(payload); }

  private:
    const FeedListener::Epoch& heard_;
};

std::string read_epoch(pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec("SELECT value FROM srv_meta WHERE key = 'server_epoch'");
    return r.empty() ? std::string() : std::string(r[0][0].c_str());
}

long long read_credentials_version(pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec("SELECT coalesce((SELECT value FROM srv_counters WHERE name = "
                             "'credentials'), 0)");
    return r[0][0].as<long long>();
}

} // namespace

FeedListener::FeedListener(std::string conninfo, News news, std::function<void()> lost_news,
                           Credentials credentials, Epoch epoch)
    : conninfo_(std::move(conninfo)), news_(std::move(news)), lost_news_(std::move(lost_news)),
      credentials_(std::move(credentials)), epoch_(std::move(epoch)), thread_([this] { run(); }) {}

FeedListener::~FeedListener() {
    stop_ = true;
    thread_.join();
}

// Waits at most 200 ms at a time, so that stopping never waits long; a lost connection is made
// again every 500 ms until it works.
void FeedListener::run() {
    bool lost = false;
    while (!stop_) {
        try {
            pqxx::connection c(conninfo_);
            Receiver r(c, news_);
            CredentialsReceiver cr(c, credentials_);
            EpochReceiver er(c, epoch_);
            c.await_notification(0, 0); // LISTEN is sent with the receivers' first wait
            // After the LISTEN: a change committed from now on is heard, one before is read.
            credentials_(read_credentials_version(c));
            epoch_(read_epoch(c));
            if (lost) {
                log_notice("the PostgreSQL listening connection is back");
                lost_news_();
                lost = false;
            }
            while (!stop_) c.await_notification(0, 200000);
        } catch (const std::exception& e) {
            credentials_(-1); // not hearing: every request reads the store again
            if (!lost) log_warning(std::string("PostgreSQL listening connection: ") + e.what());
            lost = true;
            for (int i = 0; i < 5 && !stop_; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

} // namespace reception
