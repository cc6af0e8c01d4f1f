// Today's opening hours (shared/opening_hours.hpp): the profile's hours on a working day of the
// calendar, closed on weekends and holidays.
#include "test_support.hpp"

#include "regulation/opening_hours.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

TEST_CASE("opening hours: a working day has the profile's hours and lunch break") {
    OpeningHours h = hours_on(profile(), calendar(), day(2026, 3, 16)); // a Monday
    CHECK(h.open);
    CHECK(hhmm(h.start) == "09:00");
    CHECK(hhmm(h.end) == "18:30");
    CHECK(hhmm(h.lunch_start) == "13:00");
    CHECK(hhmm(h.lunch_end) == "14:30");
    CHECK(h.why_closed.empty());
}

TEST_CASE("opening hours: closed on a weekend and a holiday, open on a Saturday worked by "
          "transfer") {
    OpeningHours sat = hours_on(profile(), calendar(), day(2026, 3, 21));
    CHECK_FALSE(sat.open);
    CHECK(sat.why_closed == "Saturday");
    CHECK(sat.start == 0);
    CHECK(sat.end == 0);
    OpeningHours nauryz = hours_on(profile(), calendar(), day(2026, 3, 23));
    CHECK_FALSE(nauryz.open);
    CHECK(nauryz.why_closed.find("Nauryz") != std::string::npos);
    WorkCalendar moved = WorkCalendar::from_json_text(
        R"({"year": 2026, "working_weekends": [{"date": "2026-03-21", "why": "moved"}]})");
    OpeningHours worked = hours_on(profile(), moved, day(2026, 3, 21));
    CHECK(worked.open);
    CHECK(hhmm(worked.start) == "09:00");
}

TEST_CASE("opening hours: visitors are received from the opening to the lunch break and from its "
          "end to the closing") {
    OpeningHours h = hours_on(profile(), calendar(), day(2026, 3, 16));
    CHECK_FALSE(open_at(h, 8 * 60 + 59));
    CHECK(open_at(h, 9 * 60));
    CHECK(open_at(h, 12 * 60 + 59));
    CHECK_FALSE(open_at(h, 13 * 60));
    CHECK_FALSE(open_at(h, 14 * 60 + 29));
    CHECK(open_at(h, 14 * 60 + 30));
    CHECK(open_at(h, 18 * 60 + 29));
    CHECK_FALSE(open_at(h, 18 * 60 + 30));
    CHECK_FALSE(open_at(hours_on(profile(), calendar(), day(2026, 3, 21)), 10 * 60));
    // A profile without a lunch break (start equal to end) is open the whole day.
    RegulationProfile no_break = profile();
    no_break.hours.lunch_start = no_break.hours.lunch_end = 13 * 60;
    CHECK(open_at(hours_on(no_break, calendar(), day(2026, 3, 16)), 13 * 60));
}
