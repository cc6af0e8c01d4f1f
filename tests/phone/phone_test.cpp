// The visitor's phone, end to end with real programs: a ticket taken at the kiosk (its model,
// the stand-in printer keeps the raster), its QR code read back from the printed raster by
// zbarimg, the link opened by Debian's headless chromium against the real reception-server,
// the ticket called at a desk (a console store synced through the server), and the open page
// changing to the desk by itself. Screenshots of the page, phone-sized, in kk and ru, go to
// build/screenshots/phone/.
#include "../sync/sync_support.hpp"

#include "base/public_code.hpp"
#include "cdp_pipe.hpp"
#include "kiosk_model.hpp"
#include "queue/ticket_queue.hpp"

#include <chrono>
#include <cstdio>
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace reception;
using namespace reception::test;

namespace {

// A command's standard output (its exit status must be 0).
std::string output_of(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = pclose(p);
    INFO(cmd);
    CHECK(WIFEXITED(status));
    return out;
}

std::string shell_quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Headless chromium as root in CI: --no-sandbox. Only the test server's own key is trusted
// beyond the system's CAs (its SPKI hash), not every certificate.
std::string chromium(const std::filesystem::path& profile, const std::string& args) {
    std::string spki = pki().pin.substr(std::string("sha256//").size());
    return "chromium --headless=new --no-sandbox --disable-gpu --no-first-run "
           "--disable-extensions --user-data-dir=" +
           shell_quoted(profile.string()) + " --ignore-certificate-errors-spki-list=" + spki + " " +
           args + " 2>/dev/null";
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The latest instant at or before now when the room gives same-day tickets (reg-4): the
// test runs at any hour, the kiosk refuses a ticket after hours.
Instant open_instant(kiosk::KioskModel& m) {
    Instant t = now_utc() - std::chrono::minutes(1);
    for (int i = 0; i < 24 * 14 && !m.tickets_closed_text(t).empty(); ++i)
        t -= std::chrono::hours(1);
    REQUIRE(m.tickets_closed_text(t).empty());
    return t;
}

void screenshot(const std::filesystem::path& profile, const std::string& url,
                const std::filesystem::path& png) {
    std::filesystem::create_directories(png.parent_path());
    output_of(chromium(profile, "--hide-scrollbars --window-size=412,915 "
                                "--force-device-scale-factor=2 --screenshot=" +
                                    shell_quoted(png.string()) + " " + shell_quoted(url)));
    CHECK(std::filesystem::file_size(png) > 10000);
}

// Kiosk K1 of room "main" on the store, its pages on the test server, a printer that keeps
// what it printed.
struct PhoneKiosk {
    static kiosk::KioskConfig config(const ServerProcess& server) {
        kiosk::KioskConfig cfg;
        cfg.room = "main";
        cfg.kiosk_id = "K1";
        cfg.public_url = server.url() + "/p";
        return cfg;
    }
    PhoneKiosk(Store& store, const ServerProcess& server)
        : m(store, profile(), calendar(), catalog(), config(server)) {
        m.printer = [this](const print::Raster& r) {
            printed.push_back(r);
            return print::PrintResult{true, ""};
        };
    }
    kiosk::KioskModel m;
    std::vector<print::Raster> printed;
};

// The printout kept as PNG beside the screenshots (prints/NAME), and the link zbarimg reads
// from its QR code, as a phone's camera would.
std::string qr_link_of(const print::Raster& printout, const std::string& name) {
    std::filesystem::path file = std::filesystem::path(PHONE_SHOTS_DIR) / "prints" / name;
    std::filesystem::create_directories(file.parent_path()); // beside the screens, not one
    REQUIRE(print::write_png(printout, file));
    std::string link = output_of("zbarimg --quiet --raw " + shell_quoted(file.string()));
    while (!link.empty() && (link.back() == '\n' || link.back() == '\r')) link.pop_back();
    return link;
}

} // namespace

TEST_CASE("phone: a ticket's QR code opens its page in chromium, which shows the place and "
          "then, by itself, the desk") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    auto c1 = t.enrol("C1", "main", "console");
    PhoneKiosk pk(*k1, t.server);
    kiosk::KioskModel& m = pk.m;
    std::vector<print::Raster>& printed = pk.printed;
    Instant when = open_instant(m);
    TicketRequest before{"main", "same_day", "", "kk", "K1"};
    issue_ticket(*k1, profile(), before, when - std::chrono::seconds(30)); // someone is ahead
    m.set_lang(Lang::ru);
    m.start_ticket();
    m.choose_service("same_day");
    m.choose_category("", when);
    REQUIRE(m.ticket().has_value());
    REQUIRE(printed.size() == 1);
    Ticket mine = *m.ticket();

    // The printed ticket's QR code, read back from the raster as a phone's camera would.
    TempDir dir;
    std::filesystem::path shots = PHONE_SHOTS_DIR;
    std::string link = qr_link_of(printed[0], "ticket.png");
    CHECK(link == t.server.url() + "/p/t/" + mine.public_code + "?l=ru");
    CHECK(is_public_code(mine.public_code));

    // The kiosk syncs; the phone opens the link: number, service, one person ahead.
    sync(*k1);
    std::string dom = output_of(chromium(dir / "chromium", "--dump-dom " + shell_quoted(link)));
    INFO(dom);
    CHECK(has(dom, mine.number));
    CHECK(has(dom, profile().service("same_day")->ru));
    CHECK(has(dom, catalog().format(Lang::ru, "ui.people_ahead", {{"count", "1"}})));
    screenshot(dir / "chromium", link, shots / "waiting-ru.png");
    std::string kk_link = link.substr(0, link.size() - 2) + "kk";
    screenshot(dir / "chromium", kk_link, shots / "waiting-kk.png");

    // The page stays open in chromium, its script long-polling; the test reads its DOM over
    // the DevTools pipe.
    std::string spki = pki().pin.substr(std::string("sha256//").size());
    ChromiumPipe phone({"--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--user-data-dir=" + (dir / "chromium-live").string(),
                        "--ignore-certificate-errors-spki-list=" + spki, link});
    const std::string state = "(document.getElementById('s')||{innerText:''}).innerText";
    REQUIRE(wait_until([&] { return has(phone.evaluate(state), mine.number); },
                       std::chrono::seconds(10)));
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // its long-poll is waiting

    // The desk calls the person ahead, then this visitor; the console syncs through the server.
    sync(*c1);
    Date day = mine.day;
    REQUIRE(call_next(*c1, "main", day, {"same_day"}, "2", "clerk-1", now_utc()));
    REQUIRE(call_next(*c1, "main", day, {"same_day"}, "3", "clerk-1", now_utc()));
    auto called = std::chrono::steady_clock::now();
    sync(*c1);
    std::string go_to = catalog().format(Lang::ru, "pub.go_to_desk", {{"desk", "3"}});
    bool changed =
        wait_until([&] { return has(phone.evaluate(state), go_to); }, std::chrono::seconds(5));
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - called).count();
    INFO(phone.evaluate(state));
    CHECK(changed);
    MESSAGE("the desk's call to the open phone page: " << int(seconds * 1000) << " ms");
    CHECK(seconds <= 2.0);
    CHECK(!phone.evaluate("document.body.getAttribute('data-updated')").empty());

    screenshot(dir / "chromium", link, shots / "called-ru.png");
    screenshot(dir / "chromium", kk_link, shots / "called-kk.png");
}

TEST_CASE("phone: a sign-up receipt's QR code opens the application's status page in chromium, "
          "and the check code typed into its form finds it too") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    PhoneKiosk pk(*k1, t.server);
    kiosk::KioskModel& m = pk.m;
    std::vector<print::Raster>& printed = pk.printed;
    Instant now = now_utc();
    m.touched(now);
    m.set_lang(Lang::ru);
    m.start_signup();
    m.choose_official("");
    m.form().essence = "Ауылдағы жолды жөндеу туралы";
    m.form().surname = "Сәрсенбаева";
    m.form().name = "Әйгерім";
    m.form().iin = "871008401427";
    m.form().phone = "+77011234567";
    m.form().address = "Хромтау, Әйтеке би к-сі, 12";
    REQUIRE(m.submit(now));
    REQUIRE(printed.size() == 1);
    Application a = *m.receipt();

    // The receipt's QR code, read back from the printed raster.
    TempDir dir;
    std::filesystem::path shots = PHONE_SHOTS_DIR;
    std::string link = qr_link_of(printed[0], "receipt.png");
    CHECK(link == t.server.url() + "/p/a/" + a.public_code + "?l=ru");

    sync(*k1);
    std::string dom = output_of(chromium(dir / "chromium", "--dump-dom " + shell_quoted(link)));
    INFO(dom);
    CHECK(has(dom, a.reg_number));
    CHECK(has(dom, "<p class=\"big\">" + catalog().text(Lang::ru, "app.state.registered")));
    CHECK(has(dom, "С. Ә."));
    CHECK(!has(dom, "Сәрсенбаева"));
    CHECK(!has(dom, "жолды жөндеу"));
    screenshot(dir / "chromium", link, shots / "application-ru.png");
    std::string kk_link = link.substr(0, link.size() - 2) + "kk";
    screenshot(dir / "chromium", kk_link, shots / "application-kk.png");

    // A phone that cannot read the QR code: the form, the check code typed as printed, sent
    // by the browser itself (the pages' Content-Security-Policy lets a form go to the server).
    std::string spki = pki().pin.substr(std::string("sha256//").size());
    ChromiumPipe phone({"--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--user-data-dir=" + (dir / "chromium-form").string(),
                        "--ignore-certificate-errors-spki-list=" + spki,
                        t.server.url() + "/p/a?l=kk"});
    const std::string body = "(document.body||{innerText:''}).innerText";
    std::string prompt = catalog().text(Lang::kk, "pub.app.lookup_prompt");
    REQUIRE(
        wait_until([&] { return has(phone.evaluate(body), prompt); }, std::chrono::seconds(10)));
    for (const char* l : {"kk", "ru"})
        screenshot(dir / "chromium", t.server.url() + "/p/a?l=" + l,
                   shots / ("application-form-" + std::string(l) + ".png"));
    phone.evaluate("document.querySelector('input[name=c]').value='" +
                   check_code_of(a.public_code) +
                   "';document.querySelector('form').submit();'sent'");
    CHECK(wait_until([&] { return has(phone.evaluate(body), a.reg_number); },
                     std::chrono::seconds(10)));
    CHECK(has(phone.evaluate(body), catalog().text(Lang::kk, "app.state.registered")));
}
