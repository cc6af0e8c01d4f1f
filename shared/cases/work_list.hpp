// The responsible employee's work list (chapters 3 and 4): every open application with its nearest
// clock of the regulation, the notices due to its applicant and its open instructions, most
// urgent first. Overdue is a state of a clock (deadlines.hpp), never a guess of the screen.
#pragma once

#include "cases/casework.hpp"
#include "cases/deadlines.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct WorkItem {
    Application app;
    std::string official; // full name, empty for "not sure"
    std::optional<Date> session_date;
    std::vector<Clock> clocks;         // every clock, for the detail view
    std::optional<Clock> nearest;      // the open clock due soonest
    std::optional<RefusalDraft> draft; // reg-32: the draft refusal in force, when it was sent
    std::vector<Notice> notices_due;
    int open_instructions = 0;
    bool overdue(Date today) const; // a clock, a notice or an instruction is late
    // What must happen soonest: the nearest open clock or unsent notice, with its item.
    struct Due {
        Date on{};
        std::string item; // "reg-29"
    };
    std::optional<Due> next_due() const;
};

struct WorkFilter {
    std::string text;          // in reg number, applicant name, phone, IIN, essence
    std::string state;         // state code, empty: any
    std::string official_uuid; // empty: any
    std::string channel;       // channel code, empty: any
    std::string assigned_to;   // login, empty: anyone's
    bool only_overdue = false;
};

// Open applications matching the filter, and closed ones whose applicant is still owed a
// notice (the answer of reg-35 until it is sent): overdue first, then by the nearest due date,
// then oldest registration.
std::vector<WorkItem> work_list(Store& store, const RegulationProfile& profile,
                                const WorkCalendar& cal, const WorkFilter& filter, Date today);
// One application, with everything the list shows of it (also closed ones).
WorkItem work_item(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                   const Application& a, Date today);

} // namespace reception
