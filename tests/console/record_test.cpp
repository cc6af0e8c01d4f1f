// The reception record from the desk: identity document seen (reg-10), a representative's
// authority, applications handed in marked "from personal reception" (reg-36).
#include "console_fixture.hpp"

#include "queue/ticket_queue.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::console;
using namespace reception::console::test;

namespace {

void serving(Console& c) {
    issue_ticket(*c.s, profile(), {"main", "same_day", "", "kk", "kiosk-1"}, c.now);
    REQUIRE(c.sign_in_as("clerk1", StaffRole::DeskClerk));
    REQUIRE(c->go(Screen::Desk));
    c->desk().services() = {"same_day"};
    REQUIRE(c->desk().open(c->actor(), c.now));
    REQUIRE(c->desk().act(DeskAction::CallNext, c->actor(), c.now));
    CHECK_FALSE(c->start_record_from_desk()); // called, not yet at the desk
    REQUIRE(c->desk().act(DeskAction::Start, c->actor(), c.now));
    REQUIRE(c->start_record_from_desk());
    CHECK(c->screen() == Screen::Record);
}

// Serving, and the record started with the identity document seen.
RecordModel& started(Console& c) {
    serving(c);
    RecordModel& r = c->record();
    r.input().visitor_name = "Сәрсенбаева Әйгерім";
    r.input().id_document = "Жеке куәлік № 045612378";
    r.input().id_checked = true;
    REQUIRE(r.start(c->actor(), c.now));
    return r;
}

} // namespace

TEST_CASE("reg-10: a reception record needs the identity document seen") {
    Console c;
    serving(c);
    RecordModel& r = c->record();
    r.input().visitor_name = "Сәрсенбаева Әйгерім";
    r.input().id_document = "Жеке куәлік № 045612378";
    CHECK_FALSE(r.start(c->actor(), c.now));
    CHECK(r.errors().count("id_checked"));
    r.input().id_checked = true;
    r.input().representative = true;
    CHECK_FALSE(r.start(c->actor(), c.now)); // a representative shows the authority too
    CHECK(r.errors().count("authority_document"));
    r.input().authority_document = "Сенімхат № 12";
    r.input().authority_checked = true;
    CHECK(r.start(c->actor(), c.now));
    CHECK(r.record()->clerk == "clerk1");
    CHECK_FALSE(r.record()->in.ticket_uuid.empty());
}

TEST_CASE("reg-36: an application handed in at the reception is marked from personal reception") {
    Console c;
    RecordModel& r = started(c);
    // Bad input: a message, nothing saved.
    r.form().surname = "Сәрсенбаева";
    r.form().name = "Әйгерім";
    r.form().essence = "";
    CHECK_FALSE(r.hand_in(c->actor(), c.now));
    CHECK(r.errors().at("essence") == "essence_required");
    r.form().essence = "Ауылдағы жолды жөндеу туралы өтініш";
    r.form().previous_handler = "nobody-here";
    CHECK_FALSE(r.hand_in(c->actor(), c.now)); // reg-37 needs a real employee
    CHECK(r.errors().at("previous_handler") == "staff_not_found");
    CHECK(c.count("SELECT COUNT(*) FROM applications") == 0);
    r.form().previous_handler = "";
    REQUIRE(r.hand_in(c->actor(), c.now));
    REQUIRE(r.handed_in().size() == 1);
    CHECK(r.handed_in()[0].from_personal_reception);
    CHECK(r.form().essence.empty()); // ready for the next one
}

TEST_CASE("reg-4, reg-25: at the desk an oral application is registered as oral, in the separate "
          "protocol, and one on paper as paper") {
    Console c;
    RecordModel& r = started(c);
    c.frame();
    CHECK(c.shown(texts().text(Lang::kk, "console.intake.channel"))); // paper or oral
    auto hand_in = [&](const char* channel) {
        r.form().surname = "Сәрсенбаева";
        r.form().name = "Әйгерім";
        r.form().address = "Хромтау, Абай к-сі, 7";
        r.form().essence = "Ауылдағы жолды жөндеу туралы өтініш";
        r.form().channel = channel;
        REQUIRE(r.hand_in(c->actor(), c.now));
        return r.handed_in().back();
    };
    Application oral = hand_in("oral_in_person");
    CHECK(oral.channel == Channel::OralInPerson);
    CHECK_FALSE(oral.oral_protocol_number.empty());
    CHECK(oral.state == AppState::Registered);
    Application paper = hand_in("paper");
    CHECK(paper.channel == Channel::Paper);
    CHECK(paper.oral_protocol_number.empty());
    CHECK(paper.applicant.address == "Хромтау, Абай к-сі, 7");
}
