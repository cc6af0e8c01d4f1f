// The working-day calendar of 2025-2027 against the lists of docs (kazakhstan.md), and the rule
// that a term of N working days ends on the Nth working day after its start.
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace reception;
using namespace reception::test;

static std::set<std::string> weekdays_off(int year) {
    std::set<std::string> out;
    for (Date d : calendar().non_working_days(year))
        if (!is_weekend(d)) out.insert(format_date(d));
    return out;
}

TEST_CASE("calendar: 2025 days off are exactly the published list") {
    CHECK(weekdays_off(2025) ==
          std::set<std::string>{"2025-01-01", "2025-01-02", "2025-01-03", "2025-01-07",
                                "2025-03-10", "2025-03-21", "2025-03-24", "2025-03-25",
                                "2025-05-01", "2025-05-07", "2025-05-09", "2025-06-06",
                                "2025-07-07", "2025-09-01", "2025-10-27", "2025-12-16"});
}

TEST_CASE(
    "calendar: 2026 days off are exactly the published list (30 August no longer a holiday)") {
    CHECK(weekdays_off(2026) == std::set<std::string>{"2026-01-01", "2026-01-02", "2026-01-07",
                                                      "2026-03-09", "2026-03-23", "2026-03-24",
                                                      "2026-03-25", "2026-05-01", "2026-05-07",
                                                      "2026-05-11", "2026-05-27", "2026-07-06",
                                                      "2026-10-26", "2026-12-16"});
    CHECK(calendar().is_working_day(day(2026, 8, 31)));
}

TEST_CASE("calendar: 2027 days off are exactly the published list") {
    CHECK(weekdays_off(2027) == std::set<std::string>{"2027-01-01", "2027-01-04", "2027-01-07",
                                                      "2027-03-08", "2027-03-15", "2027-03-22",
                                                      "2027-03-23", "2027-03-24", "2027-05-03",
                                                      "2027-05-07", "2027-05-10", "2027-07-06",
                                                      "2027-10-25", "2027-12-16"});
}

static std::set<std::string> weekends_worked(int year) {
    std::set<std::string> out;
    for (Date d = day(year, 1, 1); int(d.year()) == year; d = add_days(d, 1))
        if (is_weekend(d) && calendar().is_working_day(d)) out.insert(format_date(d));
    return out;
}

TEST_CASE("calendar: Sunday 5 January 2025 was worked, by the transfer that gave Friday 3 January "
          "off") {
    CHECK(weekends_worked(2025) == std::set<std::string>{"2025-01-05"});
    CHECK(calendar().is_working_day(day(2025, 1, 5)));
    CHECK_FALSE(calendar().is_working_day(day(2025, 1, 3)));
    CHECK(calendar().next_working_day(day(2025, 1, 2)) == day(2025, 1, 5));
    // No other weekend of 2025-2027 is worked: no transfer act for 2026 or 2027 is known.
    CHECK(weekends_worked(2026).empty());
    CHECK(weekends_worked(2027).empty());
}

TEST_CASE("calendar: each transfer of a day off cites its act, and is a pair of days") {
    for (int y : calendar().years()) {
        CAPTURE(y);
        const CalendarYear* data = calendar().year_data(y);
        REQUIRE(data);
        CHECK_FALSE(data->source.empty());
        for (const Transfer& t : data->transfers) {
            CHECK(t.source.find("Labour Code art. 85") != std::string::npos);
            CHECK_FALSE(calendar().is_working_day(t.day_off));
            CHECK(calendar().is_working_day(t.worked));
        }
    }
    REQUIRE(calendar().year_data(2025)->transfers.size() == 1);
    CHECK(calendar().year_data(2025)->transfers[0].source.find("Ministry") != std::string::npos);
}

TEST_CASE("calendar: the 2027 file says Kurban ait, transfers and new holidays are unconfirmed") {
    std::set<std::string> what;
    for (const auto& u : calendar().year_data(2027)->unconfirmed) what.insert(u.what);
    CHECK(what == std::set<std::string>{"kurban_ait", "transfers", "holidays"});
    CHECK(calendar().year_data(2025)->unconfirmed.empty());
    CHECK(calendar().year_data(2026)->unconfirmed.empty());
}

TEST_CASE("calendar: a transfer without its act, or a file for another time zone, is refused") {
    CHECK_THROWS_WITH_AS(
        WorkCalendar::from_json_text("{\"year\": 2025, \"transfers\": [{\"day_off\": "
                                     "\"2025-01-03\", \"worked\": \"2025-01-05\"}]}"),
        "calendar: the transfer to 2025-01-03 needs its \"source\" (the order or decree)",
        StoreError);
    CHECK_THROWS_AS(WorkCalendar::from_json_text(
                        "{\"year\": 2025, \"transfers\": [{\"day_off\": \"2025-01-04\", "
                        "\"worked\": \"2025-01-05\", \"source\": \"order\"}]}"),
                    StoreError); // Saturday 4 January cannot be given off: it is off
    CHECK_THROWS_WITH_AS(
        WorkCalendar::from_json_text("{\"year\": 2026, \"timezone\": \"UTC+6\"}"),
        "calendar: \"timezone\" must be \"UTC+5\", the offset the program counts days in",
        StoreError);
    CHECK_THROWS_AS(WorkCalendar::from_json_text(
                        "{\"year\": 2027, \"unconfirmed\": [{\"what\": \"weather\"}]}"),
                    StoreError);
}

TEST_CASE("calendar: weekends are off, and each year's files are covered") {
    for (int y : {2025, 2026, 2027}) CHECK(calendar().covers(y));
    CHECK_FALSE(calendar().is_working_day(day(2026, 3, 21))); // Saturday
    CHECK_FALSE(calendar().is_working_day(day(2026, 3, 22))); // Sunday
    CHECK(calendar().is_working_day(day(2026, 3, 20)));
    CHECK(calendar().why_off(day(2026, 3, 24)).find("Nauryz") != std::string::npos);
    CHECK(calendar().why_off(day(2026, 3, 21)) == "Saturday");
    CHECK(calendar().why_off(day(2026, 3, 20)).empty());
}

TEST_CASE("calendar: the next working day steps over Nauryz and the May days") {
    CHECK(calendar().next_working_day(day(2026, 3, 20)) == day(2026, 3, 26));
    CHECK(calendar().next_working_day(day(2026, 5, 6)) == day(2026, 5, 8));
    CHECK(calendar().next_working_day(day(2026, 5, 8)) == day(2026, 5, 12));
    CHECK(calendar().next_working_day(day(2026, 12, 31)) == day(2027, 1, 5));
    CHECK(calendar().working_day_on_or_after(day(2026, 3, 20)) == day(2026, 3, 20));
    CHECK(calendar().working_day_on_or_after(day(2026, 3, 21)) == day(2026, 3, 26));
}

TEST_CASE(
    "reg-29: 15 working days from 20 March 2026 end on 15 April (the day itself not counted)") {
    // 26, 27 | 30, 31, 1, 2, 3 | 6, 7, 8, 9, 10 | 13, 14, 15
    CHECK(calendar().add_working_days(day(2026, 3, 20), 15) == day(2026, 4, 15));
    CHECK(calendar().add_working_days(day(2026, 3, 20), 1) == day(2026, 3, 26));
    CHECK(calendar().add_working_days(day(2026, 3, 20), 0) == day(2026, 3, 20));
    CHECK_THROWS_AS(calendar().add_working_days(day(2026, 3, 20), -1), std::invalid_argument);
}

TEST_CASE("reg-29: a term across New Year 2026-2027 uses both years' calendars") {
    // Tue 22 Dec 2026: 23, 24, 25 | 28, 29, 30, 31 | (1 Jan, 4 Jan, 7 Jan off) 5, 6, 8 |
    // 11, 12, 13, 14, 15 -> 15 working days end on Friday 15 January 2027.
    CHECK(calendar().add_working_days(day(2026, 12, 22), 15) == day(2027, 1, 15));
}

TEST_CASE("calendar: counting back and counting between") {
    CHECK(calendar().sub_working_days(day(2026, 3, 26), 2) == day(2026, 3, 19));
    CHECK(calendar().sub_working_days(day(2026, 4, 1), 5) == day(2026, 3, 20));
    CHECK(calendar().working_days_between(day(2026, 3, 20), day(2026, 4, 15)) == 15);
    CHECK(calendar().working_days_between(day(2026, 3, 20), day(2026, 3, 25)) == 0);
}

TEST_CASE("calendar: a year outside the data falls back to Monday-Friday and says so") {
    CHECK_FALSE(calendar().covers(2030));
    CHECK(calendar().is_working_day(day(2030, 1, 1))); // a guess: no data for 2030
    CHECK_FALSE(calendar().is_working_day(day(2030, 1, 5)));
}

TEST_CASE("calendar: a malformed file is refused with the reason") {
    CHECK_THROWS_WITH_AS(WorkCalendar::from_json_text("{\"year\": 2026, \"days_off\": "
                                                      "[{\"date\": \"2026-02-30\"}]}"),
                         "calendar: 2026-02-30 is not a date YYYY-MM-DD", StoreError);
    CHECK_THROWS_WITH_AS(WorkCalendar::from_json_text("{\"year\": 2026, \"days_off\": "
                                                      "[{\"date\": \"2025-03-10\"}]}"),
                         "calendar: 2025-03-10 is not in 2026", StoreError);
    CHECK_THROWS_AS(WorkCalendar::from_json_text("{\"year\": 2026, \"days_off\": "
                                                 "[{\"date\": \"2026-03-21\"}]}"),
                    StoreError); // a Saturday listed as a day off
    CHECK_THROWS_AS(WorkCalendar::from_json_text("not json"), StoreError);
    WorkCalendar ok =
        WorkCalendar::from_json_text("{\"year\": 2026, \"working_weekends\": [{\"date\": "
                                     "\"2026-03-21\", \"why\": \"transfer\"}]}");
    CHECK(ok.is_working_day(day(2026, 3, 21)));
}

TEST_CASE("date: months keep the day or take the month's last one") {
    CHECK(add_months(day(2026, 1, 31), 1) == day(2026, 2, 28));
    CHECK(add_months(day(2028, 1, 31), 1) == day(2028, 2, 29));
    CHECK(add_months(day(2026, 3, 20), 2) == day(2026, 5, 20));
    CHECK(local_date(*parse_instant("2026-03-20T19:30:00Z")) == day(2026, 3, 21)); // UTC+5
    CHECK(format_instant(*parse_instant("2026-03-20T19:30:00Z")) == "2026-03-20T19:30:00Z");
    CHECK_FALSE(parse_date("2026-13-01"));
}
