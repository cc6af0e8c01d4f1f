// The notices' configuration of reception-server: `serve --notices FILE`, key = value lines
// (packaging/etc/notices.conf is the commented example, docs/install.md says how to fill it).
// A file of its own, not the command line: it holds the relay's password and the gateway's key,
// so it is readable by root and the group reception only.
#pragma once

#include "server/delivery.hpp"
#include "server/notice_senders.hpp"

#include <filesystem>

namespace reception {

struct DeliveryConfig {
    SmtpConfig smtp;
    SmsConfig sms;
    RetryPolicy retry;
    std::filesystem::path templates; // assets/notices unless told
};

// Throws StoreError("config_invalid") naming the file, the line and what is wrong.
DeliveryConfig read_delivery_config(const std::filesystem::path& file);

} // namespace reception
