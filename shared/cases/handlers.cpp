#include "cases/handlers.hpp"

#include "base/errors.hpp"
#include "base/validation.hpp"
#include "staff/staff.hpp"

#include <algorithm>

namespace reception {

static void add_once(std::vector<std::string>& out, const std::string& who) {
    if (!who.empty() && std::find(out.begin(), out.end(), who) == out.end()) out.push_back(who);
}

// Every employee an application was assigned to, from its "assigned" events, oldest first.
static void assigned_in_history(Store& store, const std::string& uuid,
                                std::vector<std::string>& out) {
    Stmt st = store.prepare("SELECT json_extract(data, '$.to') FROM events WHERE entity_uuid = ?1 "
                            "AND kind = 'assigned' ORDER BY seq");
    st.bind(1, uuid);
    while (st.step())
        if (!st.is_null(0)) add_once(out, st.text(0));
}

// reg-37 with reg-36: the handlers of the same applicant's applications received before this
// one. The IIN identifies the applicant; without one there is nobody to match.
static void handlers_of_earlier(Store& store, const Application& a, std::vector<std::string>& out) {
    if (trim(a.applicant.iin).empty()) return;
    Stmt st = store.prepare("SELECT uuid, previous_handler, assigned_to FROM applications "
                            "WHERE iin = ?1 AND uuid <> ?2 AND received_at < ?3 "
                            "ORDER BY received_at");
    st.bind(1, a.applicant.iin).bind(2, a.uuid).bind(3, format_instant(a.received_at));
    struct Earlier {
        std::string uuid, previous, assigned;
    };
    std::vector<Earlier> earlier;
    while (st.step()) earlier.push_back({st.text(0), st.text(1), st.text(2)});
    for (const auto& e : earlier) { // each in the order its handlers had it
        add_once(out, e.previous);
        assigned_in_history(store, e.uuid, out);
        add_once(out, e.assigned);
    }
}

std::vector<std::string> earlier_handlers(Store& store, const Application& a) {
    std::vector<std::string> out;
    add_once(out, a.previous_handler);
    std::vector<std::string> assigned;
    assigned_in_history(store, a.uuid, assigned);
    for (const auto& who : assigned)
        if (who != a.assigned_to) add_once(out, who);
    if (a.from_personal_reception) handlers_of_earlier(store, a, out);
    // The present handler keeps the application: only a change of hands is refused.
    if (!a.assigned_to.empty())
        out.erase(std::remove(out.begin(), out.end(), a.assigned_to), out.end());
    return out;
}

void check_new_handler(Store& store, const Application& a, const std::string& login) {
    if (trim(login).empty()) throw InputError("assigned_to", "empty");
    auto account = find_staff(store, login);
    if (!account) throw InputError("assigned_to", "staff_not_found");
    if (!account->active) throw InputError("assigned_to", "staff_inactive");
    if (login == a.assigned_to) return;
    std::vector<std::string> before = earlier_handlers(store, a);
    if (std::find(before.begin(), before.end(), login) != before.end())
        throw InputError("assigned_to", "reassign_previous_handler");
}

void check_previous_handler(Store& store, const std::string& login) {
    if (!login.empty() && !find_staff(store, login))
        throw InputError("previous_handler", "staff_not_found");
}

std::string handler_label(Store& store, const std::string& handler) {
    if (handler.empty()) return "";
    auto account = find_staff(store, handler);
    if (!account) return handler;
    return account->full_name + " (" + account->login + ")";
}

} // namespace reception
