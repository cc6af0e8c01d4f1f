// Sending one notice: e-mail through an SMTP relay and SMS through an HTTPS gateway, both with
// libcurl. The relay and the gateway are configuration (delivery_config.hpp), since each
// akimat has its own relay and Kazakh SMS providers each have their own HTTP API.
#pragma once

#include "cases/notice_text.hpp"
#include "server/delivery.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace reception {

struct SmtpConfig {
    std::string url;      // smtp://relay:587 (STARTTLS as below) or smtps://relay:465
    bool starttls = true; // refuse to send in clear over smtp:// (the relay must offer STARTTLS)
    std::string user, password, from;
    std::filesystem::path ca_file; // the relay's CA, PEM; empty: the system's
    bool configured() const { return !url.empty(); }
};

struct SmsConfig {
    std::string url; // may hold {phone} and {text}, percent-encoded there
    std::string method = "POST";
    std::string content_type = "application/json";
    std::string body; // {phone} {phone_digits} {text} {notice}, escaped for content_type
    std::vector<std::string> headers; // "Authorization: Bearer ..."
    std::filesystem::path ca_file;
    SmsReports reports; // the gateway's delivery reports, matched by {notice}
    bool configured() const { return !url.empty(); }
};

// The e-mail as sent: UTF-8 headers in RFC 2047 base64 words, the body base64 (RFC 2045), a
// Message-ID made of the notice uuid so a relay or mailbox that sees it twice can tell.
std::string mime_message(const SmtpConfig& smtp, const std::string& to, const NoticeMessage& m,
                         const std::string& notice_uuid, Instant now);
SendOutcome send_email(const SmtpConfig& smtp, const std::string& to, const NoticeMessage& m,
                       const std::string& notice_uuid, std::chrono::seconds timeout);

// {phone}, {phone_digits}, {text} and {notice} (the notice's uuid: the id the gateway's
// delivery report names the message by) put into the template, escaped for where they go: a
// JSON string's inside (application/json), percent-encoding (a form, or the URL), XML text
// (xml), as they are otherwise.
std::string fill_gateway_template(const std::string& tpl, const std::string& content_type,
                                  const std::string& phone, const std::string& text,
                                  const std::string& notice = "");
SendOutcome send_sms(const SmsConfig& sms, const std::string& phone, const std::string& text,
                     const std::string& notice, std::chrono::seconds timeout);

} // namespace reception
