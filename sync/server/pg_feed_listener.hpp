// Several server instances on one PostgreSQL: a push on one must wake the long-polls waiting on
// every other at once. Each push transaction ends with NOTIFY reception_feed 'ROOM HEAD' for
// every room whose feed grew (pg_server_store.cpp), delivered at the commit; each instance holds
// one listening connection, on a thread of its own, and hands what it hears to its waiters.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace reception {

class FeedListener {
  public:
    using News = std::function<void(const std::string& room, long long head)>;
    // lost_news: called after the connection was lost and made again (notifications may have
    // been missed meanwhile: every long-poll should ask again).
    FeedListener(std::string conninfo, News news, std::function<void()> lost_news);
    ~FeedListener(); // stops the thread
    FeedListener(const FeedListener&) = delete;
    FeedListener& operator=(const FeedListener&) = delete;

  private:
    void run();
    std::string conninfo_;
    News news_;
    std::function<void()> lost_news_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

} // namespace reception
