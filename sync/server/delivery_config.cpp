#include "server/delivery_config.hpp"

#include "base/assets.hpp"
#include "base/errors.hpp"
#include "base/validation.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace reception {

[[noreturn]] static void invalid(const std::string& where, const std::string& what) {
    throw StoreError("config_invalid", where + what, {{"path", where}});
}

static int number(const std::string& where, const std::string& v, int lo, int hi) {
    try {
        size_t used = 0;
        int n = std::stoi(v, &used);
        if (used == v.size() && n >= lo && n <= hi) return n;
    } catch (const std::exception&) {
    }
    invalid(where, "a number from " + std::to_string(lo) + " to " + std::to_string(hi));
}

static bool yes_no(const std::string& where, const std::string& v) {
    if (v == "yes" || v == "required") return true;
    if (v == "no") return false;
    invalid(where, "yes or no");
}

// "a, b,c" as its trimmed, non-empty parts.
static std::vector<std::string> list_of(const std::string& v) {
    std::vector<std::string> out;
    for (size_t at = 0; at <= v.size();) {
        size_t comma = std::min(v.find(',', at), v.size());
        if (std::string part = trim(v.substr(at, comma - at)); !part.empty()) out.push_back(part);
        at = comma + 1;
    }
    return out;
}

static void set(DeliveryConfig& c, const std::string& key, const std::string& v,
                const std::string& where) {
    if (key == "smtp_url")
        c.smtp.url = v;
    else if (key == "smtp_starttls")
        c.smtp.starttls = yes_no(where, v);
    else if (key == "smtp_user")
        c.smtp.user = v;
    else if (key == "smtp_password")
        c.smtp.password = v;
    else if (key == "smtp_from")
        c.smtp.from = v;
    else if (key == "smtp_ca")
        c.smtp.ca_file = v;
    else if (key == "sms_url")
        c.sms.url = v;
    else if (key == "sms_method")
        c.sms.method = v;
    else if (key == "sms_content_type")
        c.sms.content_type = v;
    else if (key == "sms_body")
        c.sms.body = v;
    else if (key == "sms_header")
        c.sms.headers.push_back(v);
    else if (key == "sms_ca")
        c.sms.ca_file = v;
    else if (key == "sms_report_token")
        c.sms.reports.token = v;
    else if (key == "sms_report_id")
        c.sms.reports.id_field = v;
    else if (key == "sms_report_status")
        c.sms.reports.status_field = v;
    else if (key == "sms_report_delivered")
        c.sms.reports.delivered = list_of(v);
    else if (key == "sms_report_failed")
        c.sms.reports.failed = list_of(v);
    else if (key == "max_attempts")
        c.retry.max_attempts = number(where, v, 1, 100);
    else if (key == "first_retry_seconds")
        c.retry.first_retry = std::chrono::seconds(number(where, v, 1, 86400));
    else if (key == "max_retry_seconds")
        c.retry.max_retry = std::chrono::seconds(number(where, v, 1, 86400));
    else if (key == "timeout_seconds")
        c.retry.send_timeout = std::chrono::seconds(number(where, v, 1, 600));
    else if (key == "templates")
        c.templates = v;
    else
        invalid(where, "unknown setting " + key);
}

// What a half-filled file would do wrong, said at start rather than at the first notice.
static void check(const DeliveryConfig& c, const std::string& file) {
    if (c.smtp.configured()) {
        if (c.smtp.url.rfind("smtp://", 0) != 0 && c.smtp.url.rfind("smtps://", 0) != 0)
            invalid(file + ": ", "smtp_url is smtp://HOST:PORT or smtps://HOST:PORT");
        if (c.smtp.from.find('@') == std::string::npos)
            invalid(file + ": ", "smtp_from must be the sender's address");
    }
    if (c.sms.configured()) {
        if (c.sms.url.rfind("https://", 0) != 0)
            invalid(file + ": ", "sms_url must be https:// (an SMS text is personal data)");
        if (c.sms.method != "POST" && c.sms.method != "GET" && c.sms.method != "PUT")
            invalid(file + ": ", "sms_method is POST, PUT or GET");
    }
    for (const std::string& h : c.sms.headers)
        if (h.find(':') == std::string::npos) invalid(file + ": ", "sms_header is Name: value");
    const SmsReports& r = c.sms.reports;
    if (r.on()) {
        // The token is the report URL's only key: long, and only what a path carries plainly.
        bool plain = std::all_of(r.token.begin(), r.token.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
        });
        if (r.token.size() < 24 || !plain)
            invalid(file + ": ", "sms_report_token is at least 24 letters, digits, - or _ "
                                 "(openssl rand -hex 16)");
        if ((c.sms.url + c.sms.body).find("{notice}") == std::string::npos)
            invalid(file + ": ", "sms_report_token needs {notice} in sms_url or sms_body: the "
                                 "id the gateway's report names the message by");
        if (r.id_field.empty() || r.status_field.empty() || r.delivered.empty())
            invalid(file + ": ", "sms_report_id, sms_report_status and sms_report_delivered "
                                 "must not be empty");
    }
}

DeliveryConfig read_delivery_config(const std::filesystem::path& file) {
    DeliveryConfig c;
    c.templates = assets_dir() / "notices";
    std::ifstream in(file);
    if (!in) invalid(file.string() + ": ", "cannot be read");
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        std::string where = file.string() + ":" + std::to_string(n) + ": ";
        size_t eq = t.find('=');
        if (eq == std::string::npos) invalid(where, "expected key = value");
        set(c, trim(t.substr(0, eq)), trim(t.substr(eq + 1)), where);
    }
    check(c, file.string());
    return c;
}

} // namespace reception
