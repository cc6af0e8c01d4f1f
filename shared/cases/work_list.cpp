#include "cases/work_list.hpp"

#include "base/text_match.hpp"
#include "base/validation.hpp"
#include "schedule/schedule.hpp"

#include <algorithm>
#include <set>

namespace reception {

bool WorkItem::overdue(Date today) const {
    if (nearest && nearest->state == ClockState::Overdue) return true;
    for (const auto& n : notices_due)
        if (today > n.due_on) return true;
    return false;
}

// A substring, in any letter case, of any field the clerk may know the case by.
static bool matches_text(const Application& a, const std::string& official,
                         const std::string& folded) {
    if (folded.empty()) return true;
    const Applicant& p = a.applicant;
    for (const std::string* field :
         {&a.reg_number, &a.oral_protocol_number, &p.surname, &p.name, &p.patronymic, &p.phone,
          &p.iin, &p.bin, &p.entity_name, &a.essence, &official})
        if (contains_folded(*field, folded)) return true;
    return false;
}

WorkItem work_item(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                   const Application& a, Date today) {
    WorkItem w;
    w.app = a;
    if (!a.official_uuid.empty())
        if (auto o = find_official(store, a.official_uuid)) w.official = full_name(*o);
    if (!a.session_uuid.empty())
        if (auto s = find_session(store, a.session_uuid)) w.session_date = s->date;
    std::vector<HistoryEvent> events = history(store, a.uuid);
    w.clocks = application_clocks(a, events, w.session_date, profile, cal, today);
    w.draft = current_refusal_draft(events);
    if (const Clock* c = nearest_open_clock(w.clocks)) w.nearest = *c;
    for (auto& n : notices_of(store, a.uuid))
        if (!n.sent_on) w.notices_due.push_back(std::move(n));
    for (const auto& i : instructions_of(store, a.uuid))
        if (!i.done_on) ++w.open_instructions;
    return w;
}

std::optional<WorkItem::Due> WorkItem::next_due() const {
    std::optional<Due> due;
    if (nearest) due = Due{nearest->due, nearest->item};
    for (const auto& n : notices_due)
        if (!due || n.due_on < due->on) due = Due{n.due_on, n.item};
    return due;
}

// Open applications, then closed ones with a notice not sent yet: giving the final answer
// closes the application, but the answer still has to reach the applicant (reg-35).
static std::vector<Application> applications_to_work(Store& store) {
    std::vector<Application> apps = open_applications(store);
    std::set<std::string> listed;
    for (const auto& a : apps) listed.insert(a.uuid);
    for (const auto& n : notices_open(store)) {
        if (!listed.insert(n.application_uuid).second) continue;
        if (auto a = find_application(store, n.application_uuid)) apps.push_back(*a);
    }
    return apps;
}

std::vector<WorkItem> work_list(Store& store, const RegulationProfile& profile,
                                const WorkCalendar& cal, const WorkFilter& f, Date today) {
    std::vector<WorkItem> out;
    const std::string folded = fold_case(trim(f.text));
    for (const Application& a : applications_to_work(store)) {
        if (!f.state.empty() && f.state != to_code(a.state)) continue;
        if (!f.official_uuid.empty() && f.official_uuid != a.official_uuid) continue;
        if (!f.channel.empty() && f.channel != to_code(a.channel)) continue;
        if (!f.assigned_to.empty() && f.assigned_to != a.assigned_to) continue;
        WorkItem w = work_item(store, profile, cal, a, today);
        if (!matches_text(a, w.official, folded)) continue;
        if (f.only_overdue && !w.overdue(today)) continue;
        out.push_back(std::move(w));
    }
    std::stable_sort(out.begin(), out.end(), [&](const WorkItem& x, const WorkItem& y) {
        bool xo = x.overdue(today), yo = y.overdue(today);
        if (xo != yo) return xo;
        auto dx = x.next_due(), dy = y.next_due();
        if (dx.has_value() != dy.has_value()) return dx.has_value();
        if (dx && dx->on != dy->on) return dx->on < dy->on;
        return false; // applications_to_work is oldest first already
    });
    return out;
}

} // namespace reception
