#include "agent/client.hpp"

#include "common/protocol.hpp"

#include <curl/curl.h>
#include <mutex>
#include <stdexcept>

namespace reception {

// libcurl's global init is not thread-safe: once per process, before the first handle.
static void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool HttpResult::transient() const {
    if (curl_code != 0) {
        // A certificate that does not verify or a pin that does not match will not fix itself
        // by retrying soon; still, the agent retries slowly (the CA may be replaced).
        return true;
    }
    return status == 408 || status == 429 || status >= 500;
}

HttpClient::HttpClient(ClientConfig cfg) : cfg_(std::move(cfg)) {
    global_init();
    curl_ = curl_easy_init();
    if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() {
    curl_easy_cleanup(curl_);
}

static size_t on_body(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

static int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto flag = static_cast<const std::atomic<bool>*>(user);
    return flag && flag->load() ? 1 : 0;
}

HttpResult HttpClient::get(const std::string& path, long timeout_ms) {
    return perform(path, nullptr, timeout_ms);
}

HttpResult HttpClient::post(const std::string& path, const std::string& json_body,
                            long timeout_ms) {
    return perform(path, &json_body, timeout_ms);
}

HttpResult HttpClient::perform(const std::string& path, const std::string* body, long timeout_ms) {
    HttpResult r;
    CURL* h = curl_;
    // Options are set anew for each request on the same handle: the connection cache stays.
    curl_easy_reset(h);
    std::string url = cfg_.base_url + path;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, cfg_.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L); // a stalled transfer is given up
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, long(timeout_ms / 1000 + 5));
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    // Only the CA given at enrolment: the blob replaces libcurl's CA file, but its CA path
    // (/etc/ssl/certs) would stay on beside it, and any CA there could then impersonate the
    // server and collect enrolment codes and tokens.
    curl_blob ca{const_cast<char*>(cfg_.ca_pem.data()), cfg_.ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(h, CURLOPT_CAINFO, nullptr);
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &ca);
    if (!cfg_.pin.empty()) curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, cfg_.pin.c_str());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &r.body);
    if (cancel_) {
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, cancel_);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    }
    curl_slist* headers = nullptr;
    std::string auth = "Authorization: Bearer " + cfg_.token;
    if (!cfg_.token.empty()) headers = curl_slist_append(headers, auth.c_str());
    std::string status = std::string(kTerminalStatusHeader) + ": " + status_;
    if (!status_.empty()) headers = curl_slist_append(headers, status.c_str());
    if (body) {
        headers = curl_slist_append(headers, "Content-Type: application/json");
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body->size()));
    }
    headers = curl_slist_append(headers, "Expect:"); // no 100-continue round trip
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);

    CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(headers);
    r.curl_code = int(rc);
    if (rc != CURLE_OK) {
        r.error = *errbuf ? errbuf : curl_easy_strerror(rc);
        r.body.clear(); // a body cut in the middle is no answer
        return r;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    curl_off_t retry = -1;
    if (curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &retry) == CURLE_OK)
        r.retry_after_s = long(retry);
    return r;
}

} // namespace reception
