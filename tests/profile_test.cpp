// The regulation profile: the numbers and lists of a resolution are data. A second profile with
// other numbers changes what the software does, with no change of code.
#include "test_support.hpp"

#include "cases/application_state.hpp"
#include "cases/applications.hpp"
#include "cases/deadlines.hpp"
#include "queue/ticket_queue.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

static json khromtau_json() {
    std::ifstream in(assets() / "regulations/khromtau-2023-133.json");
    return json::parse(in);
}

// The Khromtau profile as the profile of a successor that is still in force.
static json successor_json(const char* from) {
    json j = khromtau_json();
    j.erase("repealed_by");
    j["id"] = "test-2025-108";
    j["effective_from"] = from;
    return j;
}

static Application kiosk_application() {
    Application a;
    a.channel = Channel::Kiosk;
    a.applicant.surname = "Ахметов";
    a.applicant.name = "Қанат";
    a.applicant.phone = "+77051234567";
    a.essence = "Жер учаскесін беру мәселесі бойынша";
    return a;
}

TEST_CASE("profile: the Khromtau 2023 profile holds the terms of the regulation") {
    const RegulationProfile& p = profile();
    CHECK(p.id == "khromtau-2023-133");
    CHECK(p.term("response_date").count == 15);
    CHECK(p.term("response_date").unit == TermUnit::WorkingDays);
    CHECK(p.term("response_date").item == "reg-29");
    CHECK(p.term("extension_letter").count == 30);
    CHECK(p.term("extension_letter").unit == TermUnit::CalendarDays);
    CHECK(p.term("extension_decision").count == 2);
    CHECK(p.term("extension_decision").unit == TermUnit::Months);
    CHECK(p.term("extension_notice").count == 3);
    CHECK(p.term("draft_refusal_before").count == 3);
    CHECK(p.term("other_body_notice").count == 2);
    CHECK(p.term("official_cancellation_before").count == 2);
    CHECK(p.term("note_before_reception").count == 5);
    CHECK(p.refusal_grounds.size() == 5);
    CHECK(p.roles.size() == 6);
    CHECK(p.in_effect(day(2024, 1, 10)));
    CHECK_FALSE(p.in_effect(day(2025, 3, 31))); // repealed by resolution No. 108
}

TEST_CASE("profile: No. 133 applied until No. 108 came into force, ten calendar days after its "
          "publication, not on the day No. 108 was adopted") {
    const RegulationProfile& p = profile();
    // No. 108 was adopted on 20 March 2025; published that day at the earliest, it came into
    // force on 31 March at the earliest, so No. 133 applied at least to 30 March.
    CHECK(p.in_effect(day(2025, 3, 21)));
    CHECK(p.in_effect(day(2025, 3, 30)));
    REQUIRE(p.effective_to);
    CHECK(*p.effective_to == day(2025, 3, 30));
    CHECK_FALSE(p.end_confirmed); // the publication date is not known yet
    CHECK(p.repealed_by.find("No. 108") != std::string::npos);

    // Once the publication date is entered, the end follows from it.
    CHECK(in_force_after_publication(day(2025, 3, 27), 10) == day(2025, 4, 7));
    json j = khromtau_json();
    j["repealed_by"]["first_published"] = "2025-03-27";
    RegulationProfile known = parse_profile(j.dump(), "known.json");
    CHECK(*known.effective_to == day(2025, 4, 6));
    CHECK(known.end_confirmed);
    CHECK(known.in_effect(day(2025, 4, 6)));
    CHECK_FALSE(known.in_effect(day(2025, 4, 7)));
    j["repealed_by"]["first_published"] = "2025-03-19";
    CHECK_THROWS_AS(parse_profile(j.dump(), "early.json"), StoreError); // before its adoption
}

TEST_CASE("profile: an application records the profile it was registered under") {
    json j = successor_json("2025-03-31");
    RegulationProfile second = parse_profile(j.dump(), "second.json");
    TestStore s;
    Application a = kiosk_application();
    Application old = register_application(*s, profile(), calendar(), a, "clerk", at(2025, 3, 20));
    Application now = register_application(*s, second, calendar(), a, "clerk", at(2026, 3, 20));
    CHECK(find_application(*s, old.uuid)->profile_id == "khromtau-2023-133");
    CHECK(find_application(*s, now.uuid)->profile_id == "test-2025-108");
    // The history says it too, and so does what is sent to the other terminals.
    CHECK(history(*s, old.uuid).front().data.value("profile", "") == "khromtau-2023-133");
    Stmt out = s->prepare("SELECT payload FROM outbox WHERE entity_uuid = ?1 ORDER BY seq LIMIT 1");
    out.bind(1, now.uuid);
    REQUIRE(out.step());
    CHECK(json::parse(out.text(0)).value("profile_id", "") == "test-2025-108");
}

TEST_CASE("reg-12: the out-of-turn categories come from the profile, named in kk, ru and en") {
    const RegulationProfile& p = profile();
    REQUIRE(p.out_of_turn.size() == 9);
    for (const auto& c : p.out_of_turn) {
        CHECK_FALSE(c.kk.empty());
        CHECK_FALSE(c.ru.empty());
        CHECK_FALSE(c.en.empty());
        CHECK(c.kk != c.ru);
    }
    CHECK(p.category("pregnant")->name("kk") == "Жүкті әйелдер");
    CHECK(p.category("pregnant")->name("ru") == "Беременные женщины");
}

TEST_CASE(
    "profile: a second profile with other numbers changes deadlines and lists, no code change") {
    json j = successor_json("2025-03-21");
    j["terms"]["response_date"]["count"] = 10;
    j["terms"]["draft_refusal_before"]["count"] = 5;
    j["out_of_turn_categories"] = json::array({j["out_of_turn_categories"][4]}); // only disability
    RegulationProfile second = parse_profile(j.dump(), "second.json");

    TestStore s;
    Application a = kiosk_application();
    a = register_application(*s, second, calendar(), a, "clerk", at(2026, 3, 20, 10));
    auto clocks = application_clocks(a, history(*s, a.uuid), std::nullopt, second, calendar(),
                                     day(2026, 3, 20));
    // 10 working days after Friday 20 March 2026 instead of 15.
    CHECK(clocks[0].due == day(2026, 4, 8));

    // reg-32 with 5 working days: a decision 3 working days away is now too soon.
    MoveInput d;
    d.to = AppState::RefusalDraftSent;
    d.actor = "clerk";
    d.refusal_ground = "outside_competence";
    d.decision_on = day(2026, 3, 31);
    MoveContext ctx;
    ctx.today = day(2026, 3, 26);
    CHECK(check_move(AppState::InReview, d, ctx, profile(), calendar()).empty());
    CHECK(check_move(AppState::InReview, d, ctx, second, calendar()) == "decision_date_too_soon");

    // Categories it does not list are refused at the kiosk.
    CHECK_THROWS_AS(issue_ticket(*s, second, {"main", "same_day", "labour_veteran", "kk", "k"},
                                 at(2026, 3, 20)),
                    InputError);
    CHECK_NOTHROW(
        issue_ticket(*s, second, {"main", "same_day", "disability", "kk", "k"}, at(2026, 3, 20)));
}

TEST_CASE("profile: the profile in effect on a day is chosen — an expired one is flagged") {
    json j = successor_json("2025-03-21");
    std::vector<RegulationProfile> all{profile(), parse_profile(j.dump(), "second.json")};
    bool expired = true;
    CHECK(profile_for(all, day(2024, 6, 1), &expired).id == "khromtau-2023-133");
    CHECK_FALSE(expired);
    CHECK(profile_for(all, day(2026, 6, 1), &expired).id == "test-2025-108");
    CHECK_FALSE(expired);
    std::vector<RegulationProfile> only_old{profile()};
    CHECK(profile_for(only_old, day(2026, 6, 1), &expired).id == "khromtau-2023-133");
    CHECK(expired);
}

TEST_CASE("profile: a broken profile is refused with the file and the field named") {
    json j = khromtau_json();
    j["terms"].erase("response_date");
    CHECK_THROWS_WITH_AS(parse_profile(j.dump(), "broken.json"),
                         "broken.json: terms: missing \"response_date\"", StoreError);
    j = khromtau_json();
    j["terms"]["objection"]["unit"] = "weeks";
    CHECK_THROWS_AS(parse_profile(j.dump(), "broken.json"), StoreError);
    j = khromtau_json();
    j["working_hours"]["end"] = "25:00";
    CHECK_THROWS_AS(parse_profile(j.dump(), "broken.json"), StoreError);
    CHECK_THROWS_AS(parse_profile("{not json", "broken.json"), StoreError);
}

TEST_CASE("reg-12: the profile sets the no-show policy, and refuses figures out of range") {
    RegulationProfile p = parse_profile(khromtau_json().dump(), "khromtau.json");
    CHECK(p.queue_policy.recalls == 2);
    CHECK(p.queue_policy.recall_gap_seconds == 60);
    CHECK(p.queue_policy.reactivate_minutes == 30);
    json j = khromtau_json();
    j["queue_policy"]["recalls"] = 11;
    CHECK_THROWS_AS(parse_profile(j.dump(), "many.json"), StoreError);
    j = khromtau_json();
    j["queue_policy"]["reactivate_minutes"] = -1;
    CHECK_THROWS_AS(parse_profile(j.dump(), "negative.json"), StoreError);
    // The queue's day starts at midnight as shipped; a room may start it later, before noon.
    CHECK(p.queue_policy.day_starts_minute == 0);
    j = khromtau_json();
    j["queue_policy"]["day_starts_at"] = "05:30";
    CHECK(parse_profile(j.dump(), "early.json").queue_policy.day_starts_minute == 5 * 60 + 30);
    j["queue_policy"]["day_starts_at"] = "13:00";
    CHECK_THROWS_WITH_AS(parse_profile(j.dump(), "afternoon.json"),
                         "afternoon.json: queue_policy.day_starts_at: before 12:00", StoreError);
    j["queue_policy"]["day_starts_at"] = "5 am";
    CHECK_THROWS_AS(parse_profile(j.dump(), "words.json"), StoreError);
    j = khromtau_json();
    j.erase("queue_policy"); // the defaults of profile.hpp
    CHECK(parse_profile(j.dump(), "default.json").queue_policy.recalls == 2);
    CHECK(parse_profile(j.dump(), "default.json").queue_policy.day_starts_minute == 0);
}
