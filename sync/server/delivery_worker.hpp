// The thread that sends notices (delivery.hpp has the rules): on a connection of its own, so a
// push never waits on a relay or a gateway; its transactions are a few rows each. It looks for
// due rows four times a second, sends one at a time, and after each write tells the server which
// rooms' feeds grew so their long-polls answer at once.
#pragma once

#include "cases/notice_text.hpp"
#include "server/delivery_config.hpp"
#include "server/server_store.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace reception {

class DeliveryWorker {
  public:
    using FeedGrew = std::function<void(const std::map<std::string, long long>& heads)>;
    // Throws StoreError when the templates are missing or incomplete.
    DeliveryWorker(StoreLocation where, DeliveryConfig config, FeedGrew feed_grew);
    ~DeliveryWorker();
    DeliveryWorker(const DeliveryWorker&) = delete;
    DeliveryWorker& operator=(const DeliveryWorker&) = delete;
    // Ends the thread after the attempt in hand (its outcome is recorded).
    void stop();
    // A push queued a notice and committed: look now rather than at the next quarter second.
    void poke();

  private:
    void run();
    bool round(ServerStore& db);
    void tell(ServerStore& db, std::vector<std::string>& rooms); // the rooms' new heads, woken
    SendOutcome send(const DeliveryJob& job) const;

    StoreLocation where_;
    DeliveryConfig config_;
    NoticeTemplates templates_;
    FeedGrew feed_grew_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false, poked_ = false;
    std::thread thread_;
};

} // namespace reception
