// Working-day calendar of Kazakhstan, loaded from one data file per year (assets/calendar/).
//
// How terms are counted (docs/terms.md): a term of N working days from date D ends on the Nth
// working day AFTER D. The day of the event itself is not counted; the count starts the next
// day, as the Civil Code (art. 173-174) counts terms. A term "N working days before D" ends on
// the Nth working day before D, counting back from the day before D.
#pragma once

#include "base/date.hpp"
#include "base/errors.hpp"

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace reception {

// A transfer of a day off (Labour Code art. 85 p. 3): a weekend day becomes a working day and a
// weekday a day off. Kept as a pair, so a file cannot give the day off and forget the day worked.
struct Transfer {
    Date day_off{};     // a weekday not worked
    Date worked{};      // the Saturday or Sunday worked instead
    std::string source; // the act that made it (required)
};

// What a year's file says is not yet known: the codes are "kurban_ait" (the date is announced
// each year), "transfers" (no transfer act for the year yet), "holidays" (a holiday may be added).
// Staff see them (regulation/rule_warnings.hpp); each has a note in the file for whoever updates
// it.
struct Unconfirmed {
    std::string what;
    std::string note;
};

// One year's data file: which weekdays are off and which weekend days are worked.
struct CalendarYear {
    int year = 0;
    std::string source;                   // where the list comes from (law, order or decree)
    std::map<Date, std::string> days_off; // weekdays that are not worked, with the reason
    std::map<Date, std::string> working_weekends; // Saturdays/Sundays worked by transfer
    std::vector<Transfer> transfers;              // each also in days_off and working_weekends
    std::vector<Unconfirmed> unconfirmed;
};

class WorkCalendar {
  public:
    // Loads every "<year>.json" of the folder. Throws StoreError ("calendar_invalid") with the file
    // and the reason on a malformed file (bad date, date outside its year, a day both off and
    // worked, a transfer without its source, a time zone other than the code's UTC+5).
    static WorkCalendar load_dir(const std::filesystem::path& dir);
    static WorkCalendar from_json_text(const std::string& text); // one year, for tests
    void add_year(CalendarYear y);

    // Whether the data covers this year. Outside the data, Monday-Friday are working days:
    // the answer is then a guess, and the admin command says so.
    bool covers(int year) const;
    std::vector<int> years() const;
    // Whether every day from a to b (inclusive) lies in a year the data covers.
    bool covers_days(Date a, Date b) const;
    // The year's data; nullptr when there is no file for it.
    const CalendarYear* year_data(int year) const;

    bool is_working_day(Date d) const;
    // The first working day strictly after d.
    Date next_working_day(Date d) const;
    // d itself when it is a working day, else the next one.
    Date working_day_on_or_after(Date d) const;
    // d itself when it is a working day, else the last one before it.
    Date working_day_on_or_before(Date d) const;
    // The Nth working day after d (n >= 0; n == 0 gives d).
    Date add_working_days(Date d, int n) const;
    // The Nth working day before d (n >= 0; n == 0 gives d).
    Date sub_working_days(Date d, int n) const;
    // Working days in (a, b]: how many working days after a up to and including b.
    int working_days_between(Date a, Date b) const;
    // Every non-working day of a year (weekends and days off, minus worked weekends), sorted.
    std::vector<Date> non_working_days(int year) const;
    // Why a day is not worked ("weekend", or the reason from the data file); empty if worked.
    std::string why_off(Date d) const;

  private:
    std::map<int, CalendarYear> years_;
};

} // namespace reception
