// Several server instances on one PostgreSQL: a push on one must wake the long-polls waiting on
// every other at once. Each push transaction ends with NOTIFY reception_feed 'ROOM HEAD' for
// every room whose feed grew (pg_server_store.cpp), delivered at the commit; each instance holds
// one listening connection, on a thread of its own, and hands what it hears to its waiters.
//
// The same connection hears reception_credentials 'VERSION' when a token is revoked or rotated
// on any instance (or by `reception-server revoke`): the instance then knows the credentials
// version without reading it on every request, which was half of the statements PostgreSQL ran
// under load (docs/performance.md). The version is read once after each LISTEN, so nothing
// between a connection lost and made again is missed; while the connection is down the instance
// is told "unknown" and reads the store as before.
//
// And it hears reception_epoch 'EPOCH' when `reception-server new-epoch` runs, so that every
// instance answers the new epoch at once, without a restart (after a fail-over to a replica that
// was behind, the instances keep serving). The epoch is read after each LISTEN too.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace reception {

class FeedListener {
  public:
    using News = std::function<void(const std::string& room, long long head)>;
    // The credentials version heard, or -1: unknown (not connected), read it from the store.
    using Credentials = std::function<void(long long version)>;
    using Epoch = std::function<void(const std::string& epoch)>;
    // lost_news: called after the connection was lost and made again (notifications may have
    // been missed meanwhile: every long-poll should ask again).
    FeedListener(std::string conninfo, News news, std::function<void()> lost_news,
                 Credentials credentials, Epoch epoch);
    ~FeedListener(); // stops the thread
    FeedListener(const FeedListener&) = delete;
    FeedListener& operator=(const FeedListener&) = delete;

  private:
    void run();
    std::string conninfo_;
    News news_;
    std::function<void()> lost_news_;
    Credentials credentials_;
    Epoch epoch_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

} // namespace reception
