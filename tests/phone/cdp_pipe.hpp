// Headless chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
// JSON messages ending in NUL on descriptors 3 and 4), so a test reads the DOM of a page that
// stays open, as its script changes it. No WebSocket, no other package than chromium.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <sys/types.h>
#include <vector>

namespace reception::test {

class ChromiumPipe {
  public:
    // Starts chromium with these arguments (flags, then the URL to open) and attaches to the
    // page it opened.
    explicit ChromiumPipe(const std::vector<std::string>& args);
    ~ChromiumPipe();
    ChromiumPipe(const ChromiumPipe&) = delete;
    ChromiumPipe& operator=(const ChromiumPipe&) = delete;
    // A JavaScript expression's value in the page, as a string ("" when it failed).
    std::string evaluate(const std::string& expression);

  private:
    nlohmann::json call(const std::string& method, const nlohmann::json& params,
                        const std::string& session = "");
    pid_t pid_ = -1;
    int to_ = -1, from_ = -1;
    int next_id_ = 1;
    std::string buffer_, session_;
};

} // namespace reception::test
