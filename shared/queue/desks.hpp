// Desks where clerks call the queue (reg-12): which services a desk serves, who sits at it, and
// whether it is open, paused or closed. Calling through a desk refuses while it is paused, and
// refuses a second visitor while the first is still at the desk.
#pragma once

#include "base/date.hpp"
#include "base/domain.hpp"
#include "regulation/profile.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reception {

using QueuePolicy = RegulationProfile::QueuePolicy;

enum class DeskState { Open, Paused, Closed };
const char* to_code(DeskState s); // open, paused, closed
bool from_code(std::string_view code, DeskState* out);

struct Desk {
    std::string uuid;
    std::string room;
    std::string number; // "1".."99", what the board shows
    std::vector<std::string> services;
    std::string clerk; // login of who opened it
    DeskState state = DeskState::Closed;
    Instant updated_at{};
};

// Opens (or takes over a closed) desk. Throws InputError (nothing saved): desk_number empty /
// too_long / not_digits, services empty / unknown_service, desk_number desk_taken (another
// clerk has it open).
Desk open_desk(Store& store, const RegulationProfile& profile, const std::string& room,
               const std::string& number, const std::vector<std::string>& services,
               const std::string& clerk, Instant now);
// Pause and resume (a break, a long phone call); close at the end of the day. Each is logged.
// Throw InputError("desk", "desk_not_found" | "desk_not_open").
Desk pause_desk(Store& store, const std::string& uuid, const std::string& actor,
                const std::string& reason, Instant now);
Desk resume_desk(Store& store, const std::string& uuid, const std::string& actor, Instant now);
Desk close_desk(Store& store, const std::string& uuid, const std::string& actor, Instant now);

std::optional<Desk> find_desk(Store& store, const std::string& uuid);
std::optional<Desk> find_desk(Store& store, const std::string& room, const std::string& number);

// The visitor now at the desk (called or being served), if any.
std::optional<Ticket> ticket_at_desk(Store& store, const Desk& desk, Date day);

// reg-12 through a desk: the next ticket of its services waiting in the queue's day (policy:
// queue_day), in one transaction with the checks. Throws InputError("desk", "desk_paused" |
// "desk_not_open" | "desk_busy"); returns nullopt when nobody is waiting.
std::optional<Ticket> call_next_at_desk(Store& store, const QueuePolicy& policy,
                                        const std::string& desk_uuid, const std::string& actor,
                                        Instant now);
// reg-12 out of order through a desk: this waiting ticket (call_chosen), with the same checks
// of the desk as Call next.
Ticket call_chosen_at_desk(Store& store, const QueuePolicy& policy, const std::string& desk_uuid,
                           const std::string& ticket_uuid, const std::string& actor,
                           const std::string& reason, Instant now);

} // namespace reception
