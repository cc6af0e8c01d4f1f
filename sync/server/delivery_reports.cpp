#include "server/delivery_reports.hpp"

#include "base/log.hpp"
#include "server/delivery.hpp"
#include "server/form_fields.hpp"

#include <nlohmann/json.hpp>

namespace reception {

static constexpr std::string_view kReportPrefix = "/notices/report/";
static constexpr unsigned long long kMaxReportBytes = 4096;

bool is_report_path(std::string_view path) {
    return path.rfind(kReportPrefix, 0) == 0;
}

// Compared in time independent of where they differ: the token is a password.
static bool same_secret(std::string_view a, std::string_view b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ (i < b.size() ? b[i] : 0);
    return diff == 0;
}

static std::string_view path_of(const Request& req) {
    std::string_view t = req.target;
    return t.substr(0, t.find('?'));
}

std::optional<Reply> refuse_report(const ServerCore& core, const Request& req,
                                   unsigned long long length) {
    std::string_view token = path_of(req).substr(kReportPrefix.size());
    if (!core.reports.on() || !same_secret(token, core.reports.token))
        return error_reply(404, "not_found", "no such endpoint");
    if (req.method != "GET" && req.method != "POST")
        return error_reply(405, "method_not_allowed", req.method + " is not allowed here");
    if (length > kMaxReportBytes)
        return error_reply(413, "body_too_large", "a delivery report is at most 4096 bytes");
    return std::nullopt;
}

// The report's fields: the query's, then the body's (a JSON object's strings and numbers, or a
// form's), the body's winning.
static std::map<std::string, std::string> report_fields(const Request& req) {
    size_t q = req.target.find('?');
    auto fields =
        form_fields(q == std::string::npos ? "" : std::string_view(req.target).substr(q + 1));
    if (req.content_type.rfind("application/json", 0) == 0) {
        nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
        if (!body.is_object()) return fields;
        for (const auto& [key, value] : body.items()) {
            if (value.is_string()) fields[key] = value.get<std::string>();
            if (value.is_number()) fields[key] = value.dump();
        }
    } else if (!req.body.empty()) {
        for (auto& [key, value] : form_fields(req.body)) fields[key] = value;
    }
    return fields;
}

Reply delivery_report(const ServerCore& core, const Request& req, Instant now) {
    const SmsReports& reports = core.reports;
    auto fields = report_fields(req);
    std::string id = fields[reports.id_field], status = fields[reports.status_field];
    if (id.empty() || status.empty() || id.size() > 100)
        return error_reply(400, "bad_report",
                           "a report names the message (" + reports.id_field +
                               ") and its status (" + reports.status_field + ")");
    ReportMeaning meaning = report_meaning(reports, status);
    Reply r;
    r.write = [id, status, meaning, now](ServerStore& db) {
        Reply done;
        done.body = R"({"status":"ok"})";
        std::string room;
        db.savepoint([&] { room = apply_delivery_report(db, id, meaning, status, now); });
        if (room.empty()) {
            if (meaning != ReportMeaning::Other)
                log_info("notices: a delivery report (" + status.substr(0, 40) +
                         ") changed nothing: no such SMS waiting for one");
            return done;
        }
        log_info("notice " + id + " by sms: " +
                 (meaning == ReportMeaning::Delivered
                      ? "delivered"
                      : "undelivered (" + status.substr(0, 40) + ")"));
        done.rooms.push_back(room);
        return done;
    };
    return r;
}

} // namespace reception
