#include "server/notice_senders.hpp"

#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

namespace reception {

static void init_curl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Slist = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

static std::string base64(const std::string& s) {
    std::string out(4 * ((s.size() + 2) / 3), '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(s.data()), int(s.size()));
    out.resize(size_t(n));
    return out;
}

// RFC 2047: one encoded word per at most 45 bytes of UTF-8, cut between characters, so no word
// passes 75 characters.
static std::string encoded_words(const std::string& s) {
    std::string out;
    size_t at = 0;
    while (at < s.size()) {
        size_t end = std::min(s.size(), at + 45);
        while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
        out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") +
               base64(s.substr(at, end - at)) + "?=";
        at = end;
    }
    return out;
}

static std::string rfc5322_date(Instant now) {
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                  tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

std::string mime_message(const SmtpConfig& smtp, const std::string& to, const NoticeMessage& m,
                         const std::string& notice_uuid, Instant now) {
    std::string domain = smtp.from.substr(smtp.from.find('@') + 1);
    std::string body = base64(m.body);
    std::string out =
        "From: <" + smtp.from + ">\r\nTo: <" + to + ">\r\nSubject: " + encoded_words(m.subject) +
        "\r\nDate: " + rfc5322_date(now) + "\r\nMessage-ID: <notice-" + notice_uuid + "@" + domain +
        ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n";
    for (size_t at = 0; at < body.size(); at += 76) out += body.substr(at, 76) + "\r\n";
    return out;
}

struct Upload {
    const std::string* text;
    size_t at = 0;
};

static size_t read_upload(char* buf, size_t size, size_t n, void* user) {
    auto* u = static_cast<Upload*>(user);
    size_t k = std::min(size * n, u->text->size() - u->at);
    std::memcpy(buf, u->text->data() + u->at, k);
    u->at += k;
    return k;
}

static size_t keep_body(char* data, size_t size, size_t n, void* user) {
    auto* s = static_cast<std::string*>(user);
    if (s->size() < 4096) s->append(data, std::min(size * n, 4096 - s->size()));
    return size * n;
}

// curl's failures: the network and timeouts are worth another attempt; a refused certificate
// or login is the configuration's, and another attempt would fail the same.
static SendOutcome curl_failure(CURLcode rc) {
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        return {false, true, "timeout: " + std::string(curl_easy_strerror(rc))};
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
        return {false, true, "unreachable: " + std::string(curl_easy_strerror(rc))};
    default:
        return {false, false, "refused: " + std::string(curl_easy_strerror(rc))};
    }
}

static void common_options(CURL* h, const std::filesystem::path& ca, std::chrono::seconds timeout) {
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, long(timeout.count()));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, long(std::min<long>(timeout.count(), 10)));
    curl_easy_setopt(h, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    if (!ca.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, ca.c_str());
}

SendOutcome send_email(const SmtpConfig& smtp, const std::string& to, const NoticeMessage& m,
                       const std::string& notice_uuid, std::chrono::seconds timeout) {
    init_curl();
    Easy h(curl_easy_init(), curl_easy_cleanup);
    if (!h) return {false, true, "unreachable: curl_easy_init"};
    std::string text = mime_message(smtp, to, m, notice_uuid, now_utc());
    Upload up{&text};
    std::string from = "<" + smtp.from + ">", rcpt = "<" + to + ">";
    Slist rcpts(curl_slist_append(nullptr, rcpt.c_str()), curl_slist_free_all);
    curl_easy_setopt(h.get(), CURLOPT_URL, smtp.url.c_str());
    curl_easy_setopt(h.get(), CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    common_options(h.get(), smtp.ca_file, timeout);
    // STARTTLS required: the password and the applicant's address never go in clear.
    if (smtp.starttls) curl_easy_setopt(h.get(), CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    if (!smtp.user.empty()) {
        curl_easy_setopt(h.get(), CURLOPT_USERNAME, smtp.user.c_str());
        curl_easy_setopt(h.get(), CURLOPT_PASSWORD, smtp.password.c_str());
    }
    curl_easy_setopt(h.get(), CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h.get(), CURLOPT_MAIL_RCPT, rcpts.get());
    curl_easy_setopt(h.get(), CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h.get(), CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(h.get(), CURLOPT_READDATA, &up);
    CURLcode rc = curl_easy_perform(h.get());
    long code = 0;
    curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_OK) return {true, false, ""};
    if (rc == CURLE_LOGIN_DENIED) return {false, false, "refused: the relay refused the login"};
    if (rc == CURLE_USE_SSL_FAILED) return {false, false, "refused: the relay offers no STARTTLS"};
    // The relay's own answer: 4xx is "try later" (greylisting, a full queue), 5xx is final (no
    // such mailbox, refused).
    if (code >= 400 && code < 500)
        return {false, true, "unreachable: SMTP " + std::to_string(code)};
    if (code >= 500) return {false, false, "rejected: SMTP " + std::to_string(code)};
    return curl_failure(rc);
}

// Escaping
static std::string json_inside(const std::string& s) {
    std::string quoted = nlohmann::json(s).dump();
    return quoted.substr(1, quoted.size() - 2);
}

static std::string percent(const std::string& s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

static std::string xml_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else if (c == '"')
            out += "&quot;";
        else if (c == '\'')
            out += "&apos;";
        else
            out += c;
    }
    return out;
}

static std::string escaped_for(const std::string& content_type, const std::string& s) {
    if (content_type.find("json") != std::string::npos) return json_inside(s);
    if (content_type.find("x-www-form-urlencoded") != std::string::npos || content_type == "url")
        return percent(s);
    if (content_type.find("xml") != std::string::npos) return xml_text(s);
    return s;
}

std::string fill_gateway_template(const std::string& tpl, const std::string& content_type,
                                  const std::string& phone, const std::string& text,
                                  const std::string& notice) {
    std::string digits;
    for (char c : phone)
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    const std::pair<std::string, std::string> values[] = {
        {"{phone_digits}", escaped_for(content_type, digits)},
        {"{phone}", escaped_for(content_type, phone)},
        {"{text}", escaped_for(content_type, text)},
        {"{notice}", escaped_for(content_type, notice)}};
    std::string out;
    for (size_t at = 0; at < tpl.size();) {
        bool done = false;
        for (const auto& [name, value] : values)
            if (tpl.compare(at, name.size(), name) == 0) {
                out += value; // never scanned again: a text holding "{phone}" stays as it is
                at += name.size();
                done = true;
                break;
            }
        if (!done) out += tpl[at++];
    }
    return out;
}

SendOutcome send_sms(const SmsConfig& sms, const std::string& phone, const std::string& text,
                     const std::string& notice, std::chrono::seconds timeout) {
    init_curl();
    Easy h(curl_easy_init(), curl_easy_cleanup);
    if (!h) return {false, true, "unreachable: curl_easy_init"};
    std::string url = fill_gateway_template(sms.url, "url", phone, text, notice);
    std::string body = fill_gateway_template(sms.body, sms.content_type, phone, text, notice);
    Slist headers(nullptr, curl_slist_free_all);
    auto add = [&](const std::string& line) {
        headers.reset(curl_slist_append(headers.release(), line.c_str()));
    };
    if (!body.empty()) add("Content-Type: " + sms.content_type);
    for (const std::string& line : sms.headers) add(line);
    std::string answer;
    curl_easy_setopt(h.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(h.get(), CURLOPT_PROTOCOLS_STR, "https"); // the text is personal data
    common_options(h.get(), sms.ca_file, timeout);
    curl_easy_setopt(h.get(), CURLOPT_CUSTOMREQUEST, sms.method.c_str());
    if (sms.method != "GET") {
        curl_easy_setopt(h.get(), CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(h.get(), CURLOPT_POSTFIELDSIZE, long(body.size()));
    }
    curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, keep_body);
    curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &answer);
    CURLcode rc = curl_easy_perform(h.get());
    if (rc != CURLE_OK) return curl_failure(rc);
    long status = 0;
    curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300) return {true, false, ""};
    // The gateway's words for staff (an unknown number, no money on the account); cut short.
    std::string detail = "HTTP " + std::to_string(status);
    if (!answer.empty()) detail += " " + answer.substr(0, 160);
    bool again = status >= 500 || status == 429 || status == 408;
    return {false, again, (again ? "unreachable: " : "rejected: ") + detail};
}

} // namespace reception
