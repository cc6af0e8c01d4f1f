// Notices the central server sends: planned on a console, pushed by the real agent, sent by the
// real reception-server to local peers (an SMTP relay with STARTTLS, an HTTPS SMS gateway), the
// outcome pulled back by every console of the room, the clock stopped by the delivery.
#include "notice_peers.hpp"

#include "cases/casework.hpp"
#include "cases/deadlines.hpp"
#include "cases/notice_channel.hpp"
#include "cases/notices.hpp"
#include "queue/ticket_queue.hpp"
#include "queue/turn_text.hpp"
#include "server/notice_senders.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <thread>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

// A server with the notices' configuration, and consoles of room main.
struct NoticeRoom {
    TempDir dir;
    ServerProcess server{dir / "server"};
    explicit NoticeRoom(const std::filesystem::path& conf) {
        ChildLimits limits;
        limits.serve_args = {"--notices", conf.string()};
        limits.log_file = dir / "server.log";
        server.set_limits(limits);
        server.start();
    }
    std::unique_ptr<Store> console(const std::string& name) {
        return enrolled_store(server, dir / (name + ".db"), name, "main", "console");
    }
    std::string log() const {
        std::ifstream in(dir / "server.log");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
};

Application applicant(const std::string& phone, const std::string& email, bool consent,
                      const std::string& lang = "kk") {
    Application a = sample_application(Channel::Phone);
    a.applicant.phone = phone;
    a.applicant.email = email;
    a.notice_consent = consent;
    a.language = lang;
    return a;
}

// Registered now and extended (reg-30): the extension notice it plans.
Notice extended(Store& s, const Application& draft) {
    Instant now = now_utc();
    Application a = register_application(s, profile(), calendar(), draft, "operator-1", now);
    move_and_notify(s, profile(), calendar(), a.uuid, move_to(AppState::InReview), now);
    MoveInput ext = move_to(AppState::Extended);
    ext.extension = "letter";
    move_and_notify(s, profile(), calendar(), a.uuid, ext, now);
    auto notices = notices_of(s, a.uuid);
    REQUIRE(notices.size() == 1);
    return notices[0];
}

// Registered now and sent for correction (reg-6): its notice.
Notice correction(Store& s, const Application& draft) {
    Instant now = now_utc();
    Application a = register_application(s, profile(), calendar(), draft, "operator-1", now);
    MoveInput in = move_to(AppState::NeedsCorrection);
    in.missing = "address";
    move_and_notify(s, profile(), calendar(), a.uuid, in, now);
    auto notices = notices_of(s, a.uuid);
    REQUIRE(notices.size() == 1);
    return notices[0];
}

// Syncs the store with the real agent until the notice's delivery is in one of the states.
std::optional<NoticeDelivery> synced_until(Store& s, const std::filesystem::path& file,
                                           const std::string& uuid,
                                           std::initializer_list<const char*> states,
                                           std::chrono::seconds limit = std::chrono::seconds(20)) {
    auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
        run_agent_once(file);
        auto d = find_notice_delivery(s, uuid);
        for (const char* st : states)
            if (d && d->state == st) return d;
        if (std::chrono::steady_clock::now() > until) return d;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

const Clock* clock_named(const std::vector<Clock>& clocks, const std::string& code) {
    for (const auto& c : clocks)
        if (c.code == code) return &c;
    return nullptr;
}

std::vector<Clock> clocks_now(Store& s, const std::string& app_uuid) {
    auto a = find_application(s, app_uuid);
    REQUIRE(a);
    return application_clocks(*a, history(s, app_uuid), std::nullopt, profile(), calendar(),
                              local_date(now_utc()));
}

} // namespace

TEST_CASE("sync: reg-30: an extension notice is texted through the SMS gateway once, its "
          "delivery stops the clock, and every console of the room sees it") {
    Peer gateway("sms_peer.py");
    TempDir conf_dir;
    NoticeRoom room(notices_conf(conf_dir, nullptr, &gateway));
    auto c1 = room.console("C1");
    auto c2 = room.console("C2");

    Notice n = extended(*c1, applicant("8 701 123 45 67", "", true, "kk"));
    CHECK(n.channel == "sms"); // a mobile and the applicant's consent
    json planned = last_op(*c1, "notice");
    const Clock* before =
        clock_named(clocks_now(*c1, n.application_uuid), "reg30_extension_notice");
    REQUIRE(before);
    CHECK(before->state == ClockState::Running);

    auto d = synced_until(*c1, room.dir / "C1.db", n.uuid, {"sent"});
    REQUIRE(d);
    CHECK(d->state == "sent");
    CHECK(d->attempts == 1);
    CHECK(d->channel == "sms");
    CHECK(!d->sent_at.empty());

    // The gateway got one request: the template with the number and the Kazakh text escaped
    // into JSON, the auth header; no essence, no name.
    auto requests = sms_requests(gateway);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0]["method"] == "POST");
    CHECK(requests[0]["path"] == "/api/v1/send");
    CHECK(requests[0]["headers"]["Authorization"] == "Bearer test-gateway-key");
    json body = json::parse(requests[0]["body"].get<std::string>());
    CHECK(body["recipient"] == "77011234567");
    CHECK(body["from"] == "AKIMAT");
    std::string text = body["message"];
    auto app = find_application(*c1, n.application_uuid);
    REQUIRE(app);
    CHECK(text.find("Әкімдік") != std::string::npos);
    CHECK(text.find("ұзартылды") != std::string::npos);
    CHECK(text.find(app->reg_number) != std::string::npos);
    CHECK(text.find("Ауладағы") == std::string::npos); // the essence stays in the room
    CHECK(text.find("Сәрсенбаева") == std::string::npos);

    // reg-30: the clock is stopped by the delivery, recorded by the server in the history.
    auto events = history(*c1, n.application_uuid);
    REQUIRE(!events.empty());
    CHECK(events.back().kind == "notice_delivered");
    CHECK(events.back().actor == "server");
    CHECK(events.back().data["notice"] == n.uuid);
    const Clock* c = clock_named(clocks_now(*c1, n.application_uuid), "reg30_extension_notice");
    REQUIRE(c);
    CHECK(c->state == ClockState::Met);
    // Nothing left for staff: off the work list's notices, and not to be marked again.
    for (const Notice& open : notices_open(*c1)) CHECK(open.uuid != n.uuid);
    CHECK_THROWS_AS(mark_notice_sent(*c1, n.uuid, "operator-1", now_utc(), "phone"), InputError);

    // Another console of the room sees the notice, its delivery and the stopped clock.
    auto seen = synced_until(*c2, room.dir / "C2.db", n.uuid, {"sent"});
    REQUIRE(seen);
    CHECK(seen->state == "sent");
    auto on_c2 = notices_of(*c2, n.application_uuid);
    REQUIRE(on_c2.size() == 1);
    CHECK(on_c2[0].went_out());
    const Clock* c2_clock =
        clock_named(clocks_now(*c2, n.application_uuid), "reg30_extension_notice");
    REQUIRE(c2_clock);
    CHECK(c2_clock->state == ClockState::Met);

    // Pushed again (the same record under a new op, as a console restored from a copy would):
    // not sent again.
    json again = copy_op(planned);
    CHECK(push_ops(*c1, json::array({again})).status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(sms_requests(gateway).size() == 1);
    // The log names the notice, never the number.
    CHECK(room.log().find(n.uuid) != std::string::npos);
    CHECK(room.log().find("7011234567") == std::string::npos);
}

TEST_CASE("sync: reg-6: a correction notice is e-mailed through the relay with STARTTLS and a "
          "login, in Kazakh or Russian as the applicant chose, the letters intact") {
    Peer relay("smtp_peer.py");
    TempDir conf_dir;
    NoticeRoom room(notices_conf(conf_dir, &relay, nullptr));
    auto c1 = room.console("C1");
    // A landline and an e-mail address: no SMS, the mail goes.
    Notice kk = correction(*c1, applicant("8 71336 2 11 00", "aigerim@example.kz", true, "kk"));
    Notice ru = correction(*c1, applicant("", "sarsenbaeva@example.kz", true, "ru"));
    CHECK(kk.channel == "email");
    CHECK(ru.channel == "email");
    REQUIRE(synced_until(*c1, room.dir / "C1.db", kk.uuid, {"sent"}));
    REQUIRE(synced_until(*c1, room.dir / "C1.db", ru.uuid, {"sent"}));
    auto got = mails(relay);
    REQUIRE(got.size() == 2);
    auto rcpt = relay.files("mail", "rcpt");
    std::string mail_kk, mail_ru;
    for (size_t i = 0; i < got.size(); ++i)
        (rcpt[i].find("aigerim@example.kz") != std::string::npos ? mail_kk : mail_ru) = got[i];
    REQUIRE(!mail_kk.empty());
    REQUIRE(!mail_ru.empty());
    CHECK(rcpt[0].rfind("qabyldau@khromtau.example.kz\n", 0) == 0);

    // The subject in RFC 2047 words, the body base64 of UTF-8 text.
    CHECK(header_of(mail_kk, "Subject").rfind("=?UTF-8?B?", 0) == 0);
    CHECK(header_of(mail_kk, "Content-Type") == "text/plain; charset=UTF-8");
    CHECK(header_of(mail_kk, "Content-Transfer-Encoding") == "base64");
    CHECK(header_of(mail_kk, "Message-ID") == "<notice-" + kk.uuid + "@khromtau.example.kz>");
    auto app_kk = find_application(*c1, kk.application_uuid);
    REQUIRE(app_kk);
    CHECK(decoded_subject(mail_kk) == "№ " + app_kk->reg_number + " өтініш бойынша хабарлама");
    std::string body_kk = decoded_body(mail_kk);
    CHECK(body_kk.find("Құрметті өтініш беруші!") != std::string::npos);
    CHECK(body_kk.find("мәліметтер жетіспейді") != std::string::npos);
    CHECK(body_kk.find(dotted_date(app_kk->registered_on)) != std::string::npos);
    CHECK(body_kk.find("Ауладағы") == std::string::npos);
    std::string body_ru = decoded_body(mail_ru);
    CHECK(decoded_subject(mail_ru).rfind("Уведомление по обращению № ", 0) == 0);
    CHECK(body_ru.find("Уважаемый заявитель!") != std::string::npos);
    CHECK(body_ru.find("не хватает сведений") != std::string::npos);
    // reg-6: the correction clock's notice is met by the delivery.
    auto events = history(*c1, kk.application_uuid);
    CHECK(events.back().kind == "notice_delivered");
}

TEST_CASE("sync: a gateway that answers 503 is tried again with backoff until it takes the "
          "SMS, which then goes once, and one that keeps failing ends failed with the reason") {
    SUBCASE("503 twice, then taken") {
        Peer gateway("sms_peer.py", {"--fail", "2"});
        TempDir conf_dir;
        NoticeRoom room(notices_conf(conf_dir, nullptr, &gateway, 4));
        auto c1 = room.console("C1");
        Notice n = extended(*c1, applicant("+7 777 555 44 33", "", true, "ru"));
        auto d = synced_until(*c1, room.dir / "C1.db", n.uuid, {"sent", "failed"});
        REQUIRE(d);
        CHECK(d->state == "sent");
        CHECK(d->attempts == 3);
        CHECK(sms_requests(gateway).size() == 3); // two refused, one taken: one SMS
        std::string text =
            json::parse(sms_requests(gateway)[2]["body"].get<std::string>())["message"];
        CHECK(text.find("продлён") != std::string::npos);
    }
    SUBCASE("503 every time: failed after the attempts, for staff to phone") {
        Peer gateway("sms_peer.py", {"--fail-always"});
        TempDir conf_dir;
        NoticeRoom room(notices_conf(conf_dir, nullptr, &gateway, 3));
        auto c1 = room.console("C1");
        Notice n = extended(*c1, applicant("+7 777 555 44 33", "", true));
        // Seen on the way: retrying with the reason.
        auto mid = synced_until(*c1, room.dir / "C1.db", n.uuid, {"retrying", "failed"});
        REQUIRE(mid);
        CHECK(mid->reason.find("HTTP 503") != std::string::npos);
        auto d = synced_until(*c1, room.dir / "C1.db", n.uuid, {"failed"});
        REQUIRE(d);
        CHECK(d->state == "failed");
        CHECK(d->attempts == 3);
        CHECK(d->reason.rfind("gave_up: unreachable: HTTP 503", 0) == 0);
        CHECK(sms_requests(gateway).size() == 3);
        // Still the staff's: on the work list, the clock running, and marked by phone it stops.
        bool open = false;
        for (const Notice& o : notices_open(*c1)) open = open || o.uuid == n.uuid;
        CHECK(open);
        mark_notice_sent(*c1, n.uuid, "operator-1", now_utc(), "phone");
        const Clock* c = clock_named(clocks_now(*c1, n.application_uuid), "reg30_extension_notice");
        REQUIRE(c);
        CHECK(c->state == ClockState::Met);
    }
    SUBCASE("a gateway that never answers in time") {
        Peer gateway("sms_peer.py", {"--hang", "4"});
        TempDir conf_dir;
        NoticeRoom room(notices_conf(conf_dir, nullptr, &gateway, 2, 1));
        auto c1 = room.console("C1");
        Notice n = extended(*c1, applicant("+7 777 555 44 33", "", true));
        auto d = synced_until(*c1, room.dir / "C1.db", n.uuid, {"failed"});
        REQUIRE(d);
        CHECK(d->attempts == 2);
        CHECK(d->reason.rfind("gave_up: timeout", 0) == 0);
    }
}

TEST_CASE("sync: a server stopped while it sends does not send again after its restart: the "
          "notice fails as interrupted, for staff to check by phone") {
    Peer gateway("sms_peer.py", {"--hang", "30"});
    TempDir conf_dir;
    NoticeRoom room(notices_conf(conf_dir, nullptr, &gateway, 3, 5));
    auto c1 = room.console("C1");
    Notice n = extended(*c1, applicant("+7 777 555 44 33", "", true));
    run_agent_once(room.dir / "C1.db");
    REQUIRE(
        wait_until([&] { return sms_requests(gateway).size() == 1; }, std::chrono::seconds(10)));
    room.server.kill_hard(); // mid-send: the gateway may have taken it
    room.server.start();
    // On PostgreSQL another instance could still be sending: the row waits out twice the send
    // timeout before it is called interrupted; on SQLite the only server knows at once.
    auto d = synced_until(*c1, room.dir / "C1.db", n.uuid, {"failed"}, std::chrono::seconds(60));
    REQUIRE(d);
    CHECK(d->state == "failed");
    CHECK(d->reason == "interrupted");
    std::this_thread::sleep_for(std::chrono::seconds(2));
    CHECK(sms_requests(gateway).size() == 1); // never twice
}

TEST_CASE("sync: a terminal cannot report a delivery: a console's notice_delivery record or "
          "notice_delivered event, and a kiosk's, are refused") {
    TempDir conf_dir;
    NoticeRoom room(notices_conf(conf_dir, nullptr, nullptr));
    auto c1 = room.console("C1");
    Notice n = extended(*c1, applicant("+7 777 555 44 33", "", true));
    json ev = copy_op(last_op(*c1, "event"), true);
    json notice_op = last_op(*c1, "notice");
    sync(*c1);
    ev["payload"]["uuid"] = ev["entity_uuid"];
    ev["payload"]["kind"] = "notice_delivered";
    ev["payload"]["data"] = {{"about", "extension"}, {"notice", n.uuid}};
    check_refused(push_ops(*c1, json::array({ev})), 403, "forbidden");
    ev["payload"]["kind"] = "notice_sent";
    ev["payload"]["actor"] = "server";
    check_refused(push_ops(*c1, json::array({ev})), 403, "forbidden");

    json fake = copy_op(notice_op);
    fake["entity"] = "notice_delivery";
    fake["kind"] = "notice_delivery.updated";
    fake["payload"] = {
        {"uuid", n.uuid}, {"state", "delivered"}, {"updated_at", format_instant(now_utc())}};
    check_refused(push_ops(*c1, json::array({fake})), 403, "forbidden");
    auto k1 = room.console("K1-unused"); // a second console may not either
    check_refused(push_ops(*k1, json::array({copy_op(fake)})), 403, "forbidden");
    auto kiosk = enrolled_store(room.server, room.dir / "K1.db", "K1", "main", "kiosk");
    check_refused(push_ops(*kiosk, json::array({copy_op(fake)})), 403, "forbidden");
    // Without a relay or a gateway the server says so: failed as not configured, not lost.
    auto d = synced_until(*c1, room.dir / "C1.db", n.uuid, {"failed"});
    REQUIRE(d);
    CHECK(d->reason.rfind("not_configured", 0) == 0);
}

// The gateway's delivery reports (SmsReports): "sent" is only the gateway's word that it took
// the message; the report that the handset has it stops the clock.
const std::string kReportToken = "report-token-0123456789abcdef";

// A room whose gateway reports each message, as `status`, to the server (as form or JSON).
struct ReportingRoom {
    Peer gateway;
    TempDir conf_dir;
    NoticeRoom room{notices_conf(conf_dir, nullptr, &gateway, 3, 2, kReportToken)};
    std::unique_ptr<Store> c1 = room.console("C1");

    explicit ReportingRoom(const std::string& status, bool form = false)
        : gateway("sms_peer.py",
                  form ? std::vector<std::string>{"--report-status", status, "--ca",
                                                  (pki().dir / "ca.pem").string(), "--report-form"}
                       : std::vector<std::string>{"--report-status", status, "--ca",
                                                  (pki().dir / "ca.pem").string()}) {
        std::ofstream(gateway.dir() / "report-url")
            << room.server.url() << "/notices/report/" << kReportToken;
    }
    HttpResult report(const std::string& path, const json& body) {
        return HttpClient(ClientConfig{room.server.url(), pki().ca_pem, "", "", 5000})
            .post(path, body.dump(), 5000);
    }
};

TEST_CASE("sync: reg-30: with delivery reports an SMS stops the clock when the gateway reports "
          "it delivered, not when it took it, and the console shows delivered") {
    ReportingRoom r("DELIVRD", true); // this gateway reports as a form
    Notice n = extended(*r.c1, applicant("8 701 123 45 67", "", true, "kk"));
    auto d = synced_until(*r.c1, r.room.dir / "C1.db", n.uuid, {"delivered"});
    REQUIRE(d);
    CHECK(d->state == "delivered");
    CHECK(!d->sent_at.empty());
    auto requests = sms_requests(r.gateway);
    REQUIRE(requests.size() == 1);
    CHECK(json::parse(requests[0]["body"].get<std::string>())["client_id"] == n.uuid);
    auto reports = r.gateway.files("report", "json");
    REQUIRE(reports.size() == 1);
    CHECK(json::parse(reports[0])["answer"] == 200);
    // One notice_delivered event, the server's, and the clock met.
    int delivered = 0;
    for (const auto& e : history(*r.c1, n.application_uuid))
        if (e.kind == "notice_delivered") {
            ++delivered;
            CHECK(e.actor == "server");
        }
    CHECK(delivered == 1);
    const Clock* c = clock_named(clocks_now(*r.c1, n.application_uuid), "reg30_extension_notice");
    REQUIRE(c);
    CHECK(c->state == ClockState::Met);

    // The same report again, as gateways repeat them: nothing changes, nothing doubles.
    HttpResult again =
        r.report("/notices/report/" + kReportToken, json{{"id", n.uuid}, {"status", "DELIVRD"}});
    CHECK(again.status == 200);
    run_agent_once(r.room.dir / "C1.db");
    delivered = 0;
    for (const auto& e : history(*r.c1, n.application_uuid))
        delivered += e.kind == "notice_delivered";
    CHECK(delivered == 1);
}

TEST_CASE("sync: reg-30: an SMS the gateway reports undelivered fails with its status, the clock "
          "runs on and staff get the buttons to phone") {
    ReportingRoom r("UNDELIV");
    Notice n = extended(*r.c1, applicant("8 701 123 45 67", "", true, "kk"));
    auto d = synced_until(*r.c1, r.room.dir / "C1.db", n.uuid, {"failed"});
    REQUIRE(d);
    CHECK(d->state == "failed");
    CHECK(d->reason == "undelivered: UNDELIV");
    // The console says the reason in words (its code is before the colon).
    for (Lang lang : {Lang::kk, Lang::ru})
        CHECK(test::catalog().has(lang, "console.delivery.reason.undelivered"));
    for (const auto& e : history(*r.c1, n.application_uuid)) CHECK(e.kind != "notice_delivered");
    const Clock* c = clock_named(clocks_now(*r.c1, n.application_uuid), "reg30_extension_notice");
    REQUIRE(c);
    CHECK(c->state == ClockState::Running);
    auto on_console = notices_of(*r.c1, n.application_uuid);
    REQUIRE(on_console.size() == 1);
    CHECK_FALSE(on_console[0].went_out()); // staff phone: the buttons stay
    CHECK(mark_notice_sent(*r.c1, n.uuid, "operator-1", now_utc(), "phone").sent_on);
}

TEST_CASE("server: a delivery report needs the token, names a message and changes only an SMS "
          "that waits for one") {
    ReportingRoom r("ENROUTE"); // the gateway's own report says nothing final
    Notice n = extended(*r.c1, applicant("8 701 123 45 67", "", true, "kk"));
    auto d = synced_until(*r.c1, r.room.dir / "C1.db", n.uuid, {"sent"});
    REQUIRE(d);
    REQUIRE(wait_until([&] { return r.gateway.files("report", "json").size() == 1; },
                       std::chrono::milliseconds(5000)));
    CHECK(r.room.server.count("SELECT count(*) FROM srv_notice_deliveries WHERE state = 'sent'") ==
          1); // on the way is not delivered
    // A wrong token is no page at all, and changes nothing; it is not in the log either.
    check_refused(r.report("/notices/report/report-token-0123456789abcdeX",
                           json{{"id", n.uuid}, {"status", "DELIVRD"}}),
                  404, "not_found");
    check_refused(r.report("/notices/report/" + kReportToken, json{{"status", "DELIVRD"}}), 400,
                  "bad_report");
    // Another message's id: answered, so the gateway stops, and nothing changes.
    CHECK(
        r.report("/notices/report/" + kReportToken, json{{"id", new_uuid()}, {"status", "DELIVRD"}})
            .status == 200);
    CHECK(r.room.server.count("SELECT count(*) FROM srv_notice_deliveries WHERE state = 'sent'") ==
          1);
    CHECK(r.room.log().find(kReportToken) == std::string::npos);
    // The right one, as JSON: delivered.
    CHECK(r.report("/notices/report/" + kReportToken, json{{"id", n.uuid}, {"status", "DELIVRD"}})
              .status == 200);
    d = synced_until(*r.c1, r.room.dir / "C1.db", n.uuid, {"delivered"});
    REQUIRE(d);
    CHECK(d->state == "delivered");
}

TEST_CASE("server: the gateway's template escapes the phone and the text for its body's type") {
    std::string text = "Әкімдік: \"№ 12\" & <жауап>\nкейін";
    CHECK(fill_gateway_template(R"({"to":"{phone}","text":"{text}"})", "application/json",
                                "+77011234567", text) ==
          R"({"to":"+77011234567","text":"Әкімдік: \"№ 12\" & <жауап>\nкейін"})");
    CHECK(fill_gateway_template("to={phone}&msg={text}", "application/x-www-form-urlencoded",
                                "+77011234567", "a b&c") == "to=%2B77011234567&msg=a%20b%26c");
    CHECK(fill_gateway_template("<sms><to>{phone_digits}</to><text>{text}</text></sms>", "text/xml",
                                "+77011234567", "<&>") ==
          "<sms><to>77011234567</to><text>&lt;&amp;&gt;</text></sms>");
    // A text that holds a placeholder is not filled again.
    CHECK(fill_gateway_template("{text}|{phone}", "text/plain", "+7", "{phone}") == "{phone}|+7");
}

// docs/install.md section 10: the settings it shows, written into the packaged notices.conf, and
// its notify-test commands run as they stand (the hosts made the local peers').
TEST_CASE("sync: docs/install.md: the relay and the gateway set up as section 10 says, each "
          "tried with reception-server notify-test") {
    Peer relay("smtp_peer.py");
    Peer gateway("sms_peer.py");
    std::ifstream doc(std::string(NOTICE_PEERS) + "/../../../docs/install.md");
    std::string line, section;
    std::vector<std::string> settings, commands;
    bool in_section = false;
    while (std::getline(doc, line)) {
        if (line.rfind("## ", 0) == 0) in_section = line.rfind("## 10. Notices", 0) == 0;
        if (!in_section || line.rfind("    ", 0) != 0) continue;
        std::string text = line.substr(4);
        if (text.rfind("reception-server notify-test", 0) == 0)
            commands.push_back(text);
        else if (text.find(" = ") != std::string::npos)
            settings.push_back(text);
    }
    REQUIRE(settings.size() == 7);
    REQUIRE(commands.size() == 2);

    // The packaged file with the section's values, the hosts pointed at the peers.
    TempDir dir;
    std::ifstream packaged(std::string(NOTICE_PEERS) + "/../../../packaging/etc/notices.conf");
    std::string conf(std::istreambuf_iterator<char>(packaged), {});
    auto ca = (pki().dir / "ca.pem").string();
    for (std::string s : settings) {
        std::string key = s.substr(0, s.find(" = "));
        if (key == "smtp_url") s = "smtp_url = smtp://localhost:" + std::to_string(relay.port());
        if (key == "sms_url")
            s = "sms_url = https://localhost:" + std::to_string(gateway.port()) + "/api/v1/send";
        if (key == "smtp_user") s = "smtp_user = reception";
        if (key == "smtp_password") s = "smtp_password = relay-secret";
        size_t at = conf.find("\n" + key + " =");
        if (at != std::string::npos)
            conf.replace(at + 1, conf.find('\n', at + 1) - at - 1, s);
        else
            conf += s + "\n";
    }
    conf += "smtp_ca = " + ca + "\nsms_ca = " + ca + "\n";
    std::ofstream(dir / "notices.conf") << conf;

    for (std::string cmd : commands) {
        size_t at = cmd.find("/etc/reception/notices.conf");
        REQUIRE(at != std::string::npos);
        cmd.replace(at, std::string("/etc/reception/notices.conf").size(),
                    (dir / "notices.conf").string());
        std::string out;
        int rc = run_command(std::string(RECEPTION_SERVER_BIN) +
                                 cmd.substr(std::string("reception-server").size()) + " 2>&1",
                             &out);
        CHECK_MESSAGE(rc == 0, cmd << ": " << out);
        CHECK(out.rfind("sent: ", 0) == 0);
    }
    auto got = mails(relay);
    REQUIRE(got.size() == 1);
    CHECK(decoded_body(got[0]).find("сынақ хабарламасы") != std::string::npos);
    CHECK(relay.files("mail", "rcpt")[0].find("it@akimat.example.kz") != std::string::npos);
    auto sms = sms_requests(gateway);
    REQUIRE(sms.size() == 1);
    json body = json::parse(sms[0]["body"].get<std::string>());
    CHECK(body["recipient"] == "77011234567");
    CHECK(body["sender"] == "AKIMAT");
    CHECK(body["text"].get<std::string>().find("проверочное") != std::string::npos);
    CHECK(sms[0]["headers"]["Authorization"] == "Bearer YOUR-KEY");

    // A wrong password is said in words, exit 1.
    std::string bad = conf;
    bad.replace(bad.find("smtp_password = relay-secret"), 28, "smtp_password = wrong");
    std::ofstream(dir / "bad.conf") << bad;
    std::string out;
    CHECK(run_command(std::string(RECEPTION_SERVER_BIN) + " notify-test --notices " +
                          (dir / "bad.conf").string() + " --email it@akimat.example.kz 2>&1",
                      &out) == 1);
    CHECK_MESSAGE(out.find("not sent: refused") != std::string::npos, out);
}

// Waits until the gateway has at least n requests, or the limit passes.
static std::vector<json> sms_until(const Peer& gateway, size_t n,
                                   std::chrono::seconds limit = std::chrono::seconds(10)) {
    auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
        auto got = sms_requests(gateway);
        if (got.size() >= n || std::chrono::steady_clock::now() > until) return got;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

// A room with an SMS gateway and a kiosk whose visitor holds the fourth ticket, three ahead.
struct TurnTextRoom {
    Peer gateway{"sms_peer.py"};
    TempDir conf_dir;
    NoticeRoom room{notices_conf(conf_dir, nullptr, &gateway)};
    std::unique_ptr<Store> kiosk =
        enrolled_store(room.server, room.dir / "K1.db", "K1", "main", "kiosk");
    Ticket mine = fourth_ticket();

    Ticket fourth_ticket() {
        for (int i = 0; i < 3; ++i) take_ticket(*kiosk);
        return take_ticket(*kiosk);
    }
};

TEST_CASE("sync: turn text: a visitor who left a mobile number at the kiosk is texted once, when "
          "two people are ahead, in the ticket's language, with the ticket's number") {
    TurnTextRoom t;
    auto& [gateway, conf_dir, room, kiosk, mine] = t;
    auto desk = room.console("C1");
    mine.language = "ru";
    kiosk->exec(("UPDATE tickets SET language = 'ru' WHERE uuid = '" + mine.uuid + "'").c_str());
    ask_turn_text(*kiosk, mine, "8 (701) 123-45-67", now_utc());
    run_agent_once(room.dir / "K1.db");
    CHECK(room.server.count("SELECT count(*) FROM srv_turn_watch") == 1);

    // Three ahead: nothing yet. The desk calls one: two ahead, the text goes.
    Date today = local_date(now_utc());
    run_agent_once(room.dir / "C1.db");
    REQUIRE(call_next(*desk, "main", today, {"same_day"}, "D1", "clerk-1", now_utc()));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(sms_requests(gateway).empty());
    run_agent_once(room.dir / "C1.db");
    auto requests = sms_until(gateway, 1);
    REQUIRE(requests.size() == 1);
    json body = json::parse(requests[0]["body"].get<std::string>());
    CHECK(body["recipient"] == "77011234567");
    std::string text = body["message"];
    CHECK(text.find(mine.number) != std::string::npos);
    CHECK(text.find("Вернитесь в приёмную") != std::string::npos); // the ticket's language
    // The number of the rule that sent it (kTurnTextAhead), every placeholder filled.
    CHECK(text.find("перед вами " + std::to_string(kTurnTextAhead)) != std::string::npos);
    CHECK(text.find('{') == std::string::npos);
    CHECK(room.server.count("SELECT count(*) FROM srv_turn_watch") == 0);
    // The gateway has the request before the server has written down its answer.
    const char* sent = "SELECT count(*) FROM srv_notice_deliveries WHERE state = 'sent'";
    for (int i = 0; i < 100 && room.server.count(sent) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(room.server.count(sent) == 1);

    // The next call moves the visitor up again: still one text. The number stays out of the
    // log, the console's records and the kiosks' pulls.
    REQUIRE(call_next(*desk, "main", today, {"same_day"}, "D2", "clerk-1", now_utc()));
    run_agent_once(room.dir / "C1.db");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(sms_requests(gateway).size() == 1);
    CHECK(room.log().find("7011234567") == std::string::npos);
    CHECK(count(*desk, "SELECT count(*) FROM notice_deliveries") == 0);
    CHECK(room.server.count("SELECT count(*) FROM srv_changes WHERE entity = 'turn_text' AND "
                            "public_payload IS NOT NULL") == 0);
}

// The number is the most personal thing a kiosk holds: it must not outlive its ticket's day on
// a kiosk that may be stolen, nor on the server.
TEST_CASE("sync: turn text: the visitor's number is kept out of the feed and forgotten after the "
          "next day, on the kiosk and on the server") {
    TurnTextRoom t;
    auto& [gateway, conf_dir, room, kiosk, mine] = t;
    ask_turn_text(*kiosk, mine, "+7 701 123 45 67", now_utc());
    run_agent_once(room.dir / "K1.db");
    CHECK(room.server.count("SELECT count(*) FROM srv_records WHERE entity = 'turn_text'") == 1);
    CHECK(room.server.count("SELECT count(*) FROM srv_changes WHERE entity = 'turn_text'") == 0);
    CHECK(count(*kiosk, "SELECT count(*) FROM sync_acked WHERE entity = 'turn_text'") == 1);

    // Today and tomorrow the number stays: the SMS may still be due.
    Instant tomorrow = now_utc() + std::chrono::hours(24);
    CHECK(forget_turn_texts(*kiosk, tomorrow) == 0);
    CHECK(turn_text_of(*kiosk, mine.uuid).has_value());

    // The day after: gone from the kiosk's table and from every op that carried it; the
    // ticket stays.
    Instant later = now_utc() + std::chrono::hours(48);
    CHECK(forget_turn_texts(*kiosk, later) == 1);
    CHECK(forget_turn_texts(*kiosk, later) == 0); // once a day
    CHECK(!turn_text_of(*kiosk, mine.uuid).has_value());
    for (const char* table : {"outbox", "sync_acked", "sync_dead_letters"})
        CHECK(count(*kiosk, (std::string("SELECT count(*) FROM ") + table +
                             " WHERE entity = 'turn_text' OR payload LIKE '%7011234567%'")
                                .c_str()) == 0);
    CHECK(find_ticket(*kiosk, mine.uuid).has_value());

    // And on the server, by the daily prune (the serving server's notice thread runs the same
    // once a day).
    std::string out;
    REQUIRE_MESSAGE(room.server.admin("prune --keep-days 45 --feed-days 1 --as-of " +
                                          format_instant(now_utc() + std::chrono::hours(24)),
                                      &out) == 0,
                    out);
    CHECK(room.server.count("SELECT count(*) FROM srv_records WHERE entity = 'turn_text'") == 1);
    // With the feed pruned a new console starts from the room's snapshot: no turn text in it.
    auto console = room.console("C9");
    HttpClient client(config_of(*console));
    HttpResult snapshot = client.get("/v1/pull?limit=500", 5000);
    REQUIRE(snapshot.ok());
    CHECK(snapshot.body.find(mine.uuid) != std::string::npos);
    CHECK(snapshot.body.find("turn_text") == std::string::npos);
    CHECK(snapshot.body.find("7011234567") == std::string::npos);
    REQUIRE_MESSAGE(
        room.server.admin("prune --keep-days 45 --as-of " + format_instant(later), &out) == 0, out);
    CHECK_MESSAGE(out.find("forgot 1 phone numbers") != std::string::npos, out);
    CHECK(room.server.count("SELECT count(*) FROM srv_records WHERE entity = 'turn_text'") == 0);
    CHECK(room.server.count("SELECT count(*) FROM srv_turn_watch") == 0);
    CHECK(room.server.count("SELECT count(*) FROM srv_records WHERE payload LIKE "
                            "'%7011234567%'") == 0);
    std::string ticket_sql =
        "SELECT count(*) FROM srv_records WHERE entity = 'ticket' AND uuid = '" + mine.uuid + "'";
    CHECK(room.server.count(ticket_sql.c_str()) == 1);
}

// The agent forgets by itself: a kiosk left on over the weekend holds no Friday numbers.
TEST_CASE("sync: turn text: the kiosk's sync agent forgets a number two days old on its next "
          "round") {
    SyncedTerminals room;
    auto kiosk = room.enrol("K1", "main", "kiosk");
    Ticket t = take_ticket(*kiosk);
    ask_turn_text(*kiosk, t, "+7 701 123 45 67", now_utc());
    std::string old = format_instant(now_utc() - std::chrono::hours(50));
    kiosk->exec(("UPDATE turn_texts SET created_at = '" + old + "'").c_str());
    sync(*kiosk);
    CHECK(!turn_text_of(*kiosk, t.uuid).has_value());
    CHECK(count(*kiosk, "SELECT count(*) FROM outbox WHERE entity = 'turn_text'") == 0);
    CHECK(count(*kiosk, "SELECT count(*) FROM sync_acked WHERE entity = 'turn_text'") == 0);
    CHECK(read_sync_state(*kiosk).dead_letters == 0);
    CHECK(room.server.count("SELECT count(*) FROM srv_records WHERE entity = 'ticket'") == 1);
}

TEST_CASE("sync: turn text: a kiosk cannot ask for a text for a ticket it did not issue, or with "
          "a number that is no Kazakh mobile") {
    Peer gateway("sms_peer.py");
    TempDir conf_dir;
    NoticeRoom room(notices_conf(conf_dir, nullptr, &gateway));
    auto k1 = enrolled_store(room.server, room.dir / "K1.db", "K1", "main", "kiosk");
    auto k2 = enrolled_store(room.server, room.dir / "K2.db", "K2", "main", "kiosk");
    Ticket other = take_ticket(*k2);
    run_agent_once(room.dir / "K2.db");
    Ticket own = take_ticket(*k1);
    run_agent_once(room.dir / "K1.db");

    // A stolen kiosk writing by hand: another kiosk's ticket.
    TurnText forged;
    forged.uuid = new_uuid();
    forged.ticket_uuid = other.uuid;
    forged.room = "main";
    forged.phone = "+77011234567";
    forged.created_at = now_utc();
    json op{{"op_id", new_uuid()},
            {"entity", "turn_text"},
            {"entity_uuid", forged.uuid},
            {"kind", "turn_text.asked"},
            {"created_at", format_instant(now_utc())},
            {"payload", turn_text_json(forged)}};
    check_refused(push_ops(*k1, json::array({op})), 403, "forbidden");
    // A landline, and a number of another country, for its own ticket.
    for (const char* phone : {"+77172123456", "+79161234567", "not a number"}) {
        forged.ticket_uuid = own.uuid;
        forged.phone = phone;
        op["op_id"] = new_uuid();
        op["payload"] = turn_text_json(forged);
        check_refused(push_ops(*k1, json::array({op})), 400, "bad_field");
    }
    CHECK(room.server.count("SELECT count(*) FROM srv_turn_watch") == 0);
    CHECK(room.server.count("SELECT count(*) FROM srv_records WHERE entity = 'turn_text'") == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(sms_requests(gateway).empty());
}
