// The notices the server sends: their words from the templates (kk, ru), the channel a notice
// is planned for from the applicant's contacts and consent, and the consent and opt-out
// recorded with the history.
#include "test_support.hpp"

#include "base/assets.hpp"
#include "base/validation.hpp"
#include "cases/applications.hpp"
#include "cases/casework.hpp"
#include "cases/notice_channel.hpp"
#include "cases/notice_text.hpp"
#include "cases/notices.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

static NoticeTemplates templates() {
    return NoticeTemplates::load(assets() / "notices");
}

TEST_CASE("reg-21, reg-29: a reception date's SMS gives the number, date, time and room in the "
          "applicant's language, and Kazakh is Kazakh") {
    NoticeTemplates t = templates();
    NoticeFacts kk{"kk",    "ЖТ-2026-0042",      "02.12.2026", "09.12.2026",
                   "10:20", "Әкімдік, 12-бөлме", "",           ""};
    NoticeFacts ru = kk;
    ru.lang = "ru";
    ru.room = "Акимат, кабинет 12";
    NoticeMessage m_kk = t.render("reception_date", kk), m_ru = t.render("reception_date", ru);
    for (const NoticeMessage* m : {&m_kk, &m_ru}) {
        CHECK(m->text.find("ЖТ-2026-0042") != std::string::npos);
        CHECK(m->text.find("09.12.2026") != std::string::npos);
        CHECK(m->text.find("10:20") != std::string::npos);
        CHECK(m->text.find('{') == std::string::npos); // every placeholder filled
        CHECK(m->body.find(m->text) != std::string::npos);
        CHECK(m->subject.find("ЖТ-2026-0042") != std::string::npos);
    }
    CHECK(m_kk.text.find("Әкімдік, 12-бөлме") != std::string::npos);
    CHECK(m_kk.text.find("қабылдау") != std::string::npos);
    CHECK(m_ru.text.find("личный приём") != std::string::npos);
    CHECK(m_kk.text != m_ru.text);
    // No live session known: the "told later" text, without an empty date.
    kk.date.clear();
    CHECK(t.render("reception_date", kk).text.find("кейінірек") != std::string::npos);
    CHECK_THROWS_AS(t.render("essence", kk), InputError);
}

TEST_CASE("reg-21: every notice kind has a Kazakh and a Russian text, different, short enough "
          "for an SMS and free of the placeholders' braces once filled") {
    NoticeTemplates t = templates();
    for (const char* about : {"correction", "extension", "reception_date", "refusal_draft",
                              "other_body", "session_cancelled", "answer"}) {
        NoticeFacts f{"kk", "ЖТ-1", "01.12.2026", "09.12.2026", "10:00", "12-бөлме", "", ""};
        std::string kk = t.render(about, f).text;
        f.lang = "ru";
        std::string ru = t.render(about, f).text;
        CHECK_MESSAGE(kk != ru, about);
        CHECK_MESSAGE(kk.find('{') == std::string::npos, about);
        CHECK_MESSAGE(utf8_length(kk) <= 201, about); // three SMS parts of Cyrillic at most
        CHECK_MESSAGE(utf8_length(ru) <= 201, about);
    }
}

static Application draft(const std::string& phone, const std::string& email, bool consent) {
    Application a;
    a.channel = Channel::Phone;
    a.applicant.surname = "Сәрсенбаева";
    a.applicant.name = "Әйгерім";
    a.applicant.phone = phone;
    a.applicant.email = email;
    a.applicant.address = "Хромтау, Әйтеке би к-сі, 12";
    a.essence = "Ауладағы жолды жөндеу туралы мәселе";
    a.notice_consent = consent;
    return a;
}

TEST_CASE("a notice goes by SMS or e-mail only with consent: a landline, no consent or an "
          "opt-out is planned for staff by phone or letter") {
    CHECK(notice_channel_for(draft("8 701 123 45 67", "", true)) == "sms");
    CHECK(notice_channel_for(draft("8 701 123 45 67", "a@example.kz", true)) == "sms");
    CHECK(notice_channel_for(draft("8 71336 2 11 00", "a@example.kz", true)) == "email");
    CHECK(notice_channel_for(draft("8 71336 2 11 00", "", true)) == "phone"); // a landline
    CHECK(notice_channel_for(draft("8 701 123 45 67", "a@example.kz", false)) == "phone");
    CHECK(notice_channel_for(draft("", "a@example.kz", false)) == "letter");
    Application out = draft("8 701 123 45 67", "a@example.kz", true);
    out.notice_opted_out = true;
    CHECK(notice_channel_for(out) == "phone");
}

TEST_CASE("reg-6: a landline is taken, and the applicant's consent, e-mail and opt-out are kept "
          "with the history, and after an opt-out the notices not yet gone go back to staff") {
    TestStore s;
    Instant now = at(2026, 3, 18, 10);
    Application a = register_application(*s, profile(), calendar(),
                                         draft("8 71336 2 11 00", "", false), "operator-1", now);
    CHECK(a.applicant.phone == "+77133621100");
    CHECK_THROWS_AS(register_application(*s, profile(), calendar(),
                                         draft("", "not an address", true), "operator-1", now),
                    InputError);

    Application b =
        register_application(*s, profile(), calendar(),
                             draft("8 701 123 45 67", " a@example.kz ", true), "operator-1", now);
    CHECK(b.applicant.email == "a@example.kz");
    CHECK(find_application(*s, b.uuid)->notice_consent);
    MoveInput in;
    in.to = AppState::NeedsCorrection;
    in.actor = "responsible-1";
    in.reason = "мекенжай жоқ";
    in.missing = "address";
    move_and_notify(*s, profile(), calendar(), b.uuid, in, now);
    auto notices = notices_of(*s, b.uuid);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].channel == "sms");

    record_notice_opt_out(*s, b.uuid, "by phone", "operator-1", now);
    auto after = find_application(*s, b.uuid);
    CHECK(after->notice_opted_out);
    CHECK(!after->notice_consent);
    CHECK(notices_of(*s, b.uuid)[0].channel == "phone");
    CHECK(history(*s, b.uuid).back().kind == "notice_opt_out");
    // An opt-out is for good: a consent given later does not undo it.
    record_notice_consent(*s, b.uuid, true, "in person", "operator-1", now);
    CHECK(!find_application(*s, b.uuid)->notice_consent);

    record_notice_consent(*s, a.uuid, true, "in writing", "operator-1", now);
    CHECK(find_application(*s, a.uuid)->notice_consent);
    CHECK(history(*s, a.uuid).back().kind == "notice_consent");
}
