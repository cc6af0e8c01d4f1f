// An application's status page, reached from the QR code and the check code on the sign-up
// receipt, through the real server: the state in plain words, the next step and its date as the
// staff's work list counts it, the reception's day, hours and place, and nothing personal.
#include "sync_support.hpp"

#include "base/public_code.hpp"
#include "cases/application_status.hpp"
#include "cases/deadlines.hpp"
#include "schedule/schedule.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

namespace {

std::string status_page(ServerProcess& server, const Application& a, const char* lang) {
    return public_page_body(server, "/p/a/" + a.public_code + "?l=" + lang);
}

Date told_by(Store& s, const Application& a) {
    return response_clock(*find_application(s, a.uuid), history(s, a.uuid), profile(), calendar(),
                          local_date(now_utc()))
        .due;
}

// Nothing a finder of the receipt should learn: the essence, the names, the IIN, the phone, the
// address (sample_application's).
void check_nothing_personal(const std::string& page) {
    for (const char* secret : {"Сәрсенбаева", "Әйгерім", "871008401427", "123-45-67", "Әйтеке би",
                               "Ауладағы жолды", "responsible-1", "operator-1"})
        CHECK_MESSAGE(!contains(page, secret), secret);
}

} // namespace

TEST_CASE("server: reg-29, reg-30, reg-28: an application's status page tells its state, the day "
          "the applicant is told by and the reception's day and place, in kk and ru, with "
          "initials only") {
    SyncedTerminals t;
    auto c1 = t.enrol("C1", "main", "console");
    std::ifstream in(assets() / "demo/schedule.json");
    load_schedule(*c1, profile(), calendar(), json::parse(in), now_utc());
    Application a = register_application(
        *c1, profile(), calendar(), sample_application(Channel::Phone), "operator-1", now_utc());
    REQUIRE(is_public_code(a.public_code));
    // Not synced yet: the page says so, and a guess learns no more than that.
    CHECK(contains(status_page(t.server, a, "ru"), catalog().text(Lang::ru, "pub.app.not_yet")));
    sync(*c1);

    std::string ru = status_page(t.server, a, "ru");
    CHECK(contains(ru, "<html lang=\"ru\">"));
    CHECK(contains(ru, a.reg_number));
    CHECK(contains(ru, catalog().text(Lang::ru, "app.state.registered")));
    CHECK(contains(ru, catalog().format(Lang::ru, "pub.app.next.date_told_by",
                                        {{"date", dotted_date(told_by(*c1, a))}})));
    INFO(ru);
    CHECK(contains(ru, "С. Ә."));
    check_nothing_personal(ru);
    std::string kk = status_page(t.server, a, "kk");
    CHECK(contains(kk, catalog().text(Lang::kk, "app.state.registered")));
    CHECK(contains(kk, catalog().format(Lang::kk, "pub.app.next.date_told_by",
                                        {{"date", dotted_date(told_by(*c1, a))}})));
    check_nothing_personal(kk);

    // reg-30: extended by letter, the page promises the later day the work list counts.
    Instant now = now_utc();
    move_application(*c1, profile(), calendar(), a.uuid, move_to(AppState::InReview), now);
    MoveInput ext = move_to(AppState::Extended);
    ext.extension = "letter";
    move_application(*c1, profile(), calendar(), a.uuid, ext, now);
    sync(*c1);
    Date extended = told_by(*c1, a);
    CHECK(extended > a.registered_on);
    ru = status_page(t.server, a, "ru");
    CHECK(contains(ru, catalog().text(Lang::ru, "app.state.extended")));
    CHECK(contains(ru, catalog().format(Lang::ru, "pub.app.next.extended_to",
                                        {{"date", dotted_date(extended)}})));

    // reg-28: booked into a session: its day and hours, its place, the official's position and
    // no name of the official.
    Date today = local_date(now);
    std::optional<ReceptionSession> session;
    for (const auto& s : sessions_between(*c1, add_days(today, 1), add_days(today, 60)))
        if (!s.cancelled && s.mode == SessionMode::InPerson) {
            session = s;
            break;
        }
    REQUIRE(session);
    MoveInput book = move_to(AppState::Scheduled);
    book.session_uuid = session->uuid;
    move_application(*c1, profile(), calendar(), a.uuid, book, now);
    sync(*c1);
    ru = status_page(t.server, a, "ru");
    CHECK(contains(ru, catalog().text(Lang::ru, "app.state.scheduled")));
    CHECK(contains(ru, catalog().format(Lang::ru, "pub.app.reception_when",
                                        {{"date", dotted_date(session->date)},
                                         {"from", hhmm(session->start_minute)},
                                         {"to", hhmm(session->end_minute)}})));
    Official official = *find_official(*c1, session->official_uuid);
    Room room;
    for (const auto& r : list_rooms(*c1))
        if (r.uuid == session->room_uuid) room = r;
    CHECK(contains(ru, room.name_ru));
    CHECK(contains(ru, official.position_ru));
    CHECK(!contains(ru, official.surname));
    CHECK(contains(ru, catalog().text(Lang::ru, "pub.app.own_time")));
    check_nothing_personal(ru);
}

TEST_CASE("server: reg-6: an application's status page lists what is missing and the day to "
          "bring it by") {
    SyncedTerminals t;
    auto c1 = t.enrol("C1", "main", "console");
    Application a =
        register_application(*c1, profile(), calendar(), sample_application(Channel::Phone, false),
                             "operator-1", now_utc());
    a = *find_application(*c1, a.uuid);
    REQUIRE(a.state == AppState::NeedsCorrection);
    REQUIRE(a.correction_due);
    sync(*c1);
    std::string kk = status_page(t.server, a, "kk");
    CHECK(contains(kk, catalog().text(Lang::kk, "app.state.needs_correction")));
    CHECK(
        contains(kk, catalog().format(Lang::kk, "pub.app.next.bring_missing",
                                      {{"missing", catalog().text(Lang::kk, "console.art63.name")},
                                       {"date", dotted_date(*a.correction_due)}})));
    check_nothing_personal(kk);
}

TEST_CASE("server: the receipt's check code typed by hand finds the status page, and a wrong "
          "one gets the form back with a message") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    Application draft = sample_application(Channel::Kiosk);
    draft.language = "ru";
    Application a = register_application(*k1, profile(), calendar(), draft, "K1", now_utc());
    sync(*k1);

    // As printed (upper case, dashes), with spaces, and with the digit 0 for the letter o.
    std::string printed = check_code_of(a.public_code);
    CHECK(printed.size() == 19);
    std::string typed = printed;
    for (char& c : typed)
        if (c == '-') c = '+'; // a space, as a form sends it
    for (const std::string& c : {printed, typed}) {
        HttpResult r = public_get(t.server, "/p/a?c=" + c);
        INFO(c);
        CHECK(r.status == 200);
        CHECK(contains(r.body, a.reg_number));
        CHECK(contains(r.body, "<html lang=\"ru\">")); // the application's language
        CHECK(contains(r.body, "href=\"a/" + a.public_code + "?l=kk\""));
    }
    CHECK(code_from_check_code("ABCD-EFGH-IJKL-MN0P") == "abcdefghijklmnop");
    CHECK(code_from_check_code("abcd efgh ijkl mn") == "");

    HttpResult form = public_get(t.server, "/p/a?l=kk");
    CHECK(form.status == 200);
    CHECK(contains(form.body, "<form method=\"get\" action=\"a\">"));
    CHECK(!contains(form.body, catalog().text(Lang::kk, "pub.app.lookup_wrong")));
    HttpResult wrong = public_get(t.server, "/p/a?l=kk&c=%3Cscript%3E");
    CHECK(wrong.status == 200);
    CHECK(contains(wrong.body, catalog().text(Lang::kk, "pub.app.lookup_wrong")));
    CHECK(contains(wrong.body, "value=\"&lt;script&gt;\"")); // kept, escaped
    CHECK(!contains(wrong.body, "<script>"));
    CHECK(public_get(t.server, "/p/a/not-a-code").status == 404);
    // A ticket's code is no application's page, and the other way round.
    Ticket ticket = take_ticket(*k1);
    sync(*k1);
    CHECK(contains(public_get(t.server, "/p/a/" + ticket.public_code).body,
                   catalog().text(Lang::kk, "pub.app.not_yet")));
    CHECK(contains(public_get(t.server, "/p/t/" + a.public_code).body,
                   catalog().text(Lang::kk, "pub.not_yet")));
}

TEST_CASE("server: a stolen kiosk cannot point a receipt's status page to another application") {
    SyncedTerminals t;
    auto k1 = t.enrol("K1", "main", "kiosk");
    auto k2 = t.enrol("K2", "main", "kiosk");
    Application mine = register_application(*k1, profile(), calendar(),
                                            sample_application(Channel::Kiosk), "K1", now_utc());
    sync(*k1);
    // K2 registers one of its own under the code it read off another visitor's receipt.
    Application draft = sample_application(Channel::Kiosk);
    draft.public_code = mine.public_code;
    draft.applicant.surname = "Басқа";
    Application forged = register_application(*k2, profile(), calendar(), draft, "K2", now_utc());
    CHECK(forged.public_code == mine.public_code);
    sync(*k2);
    std::string page = status_page(t.server, mine, "kk");
    CHECK(contains(page, mine.reg_number));
    CHECK(!contains(page, forged.reg_number));
    CHECK(t.server.count("SELECT count(*) FROM srv_public_codes WHERE entity = 'application'") ==
          1);
}
