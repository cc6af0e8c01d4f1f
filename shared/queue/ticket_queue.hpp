// The queue of the reception room (reg-12): tickets per room, service and day; out-of-turn
// categories first, then order of arrival. A ticket moves forward only:
//   waiting -> called -> serving -> done
//   called -> no_show;  called/serving -> transferred (a new waiting ticket, same number)
// A no-show who comes back in time gets a new waiting ticket too, with the number and place of
// the old one (reactivate_ticket), so the states never move backwards and sync converges.
#pragma once

#include "base/domain.hpp"
#include "regulation/profile.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct TicketRequest {
    std::string room;     // room code
    std::string service;  // service code of the profile
    std::string category; // reg-12 category code, empty when none declared
    std::string language = "kk";
    std::string kiosk;
};

using QueuePolicy = RegulationProfile::QueuePolicy;

// reg-12: the queue's day at this instant. Numbering starts again at the room's configured
// time each day (policy.day_starts_minute, local), per service: each service has its own
// prefix and counter. A ticket issued before that time belongs to the day before, as do the
// desks' calls then; the tickets of past days stay in the store and on the server for the
// reports (nothing is deleted), out of the live queue, the desks' lists and the board.
Date queue_day(Instant now, const QueuePolicy& policy);

// Issues a ticket: number, row and outbox row in one transaction. Throws StoreError
// ("unknown_service", "unknown_category", "bad_language") before writing anything.
Ticket issue_ticket(Store& store, const RegulationProfile& profile, const TicketRequest& req,
                    Instant now);
// How many people will be called before this ticket for its service.
int people_ahead(Store& store, const Ticket& t);

// The next ticket for a desk serving these services: out-of-turn first, then by arrival.
// Two desks calling at once never get the same ticket (one IMMEDIATE transaction). A ticket
// transferred to a named desk is called only by that desk.
std::optional<Ticket> call_next(Store& store, const std::string& room, Date day,
                                const std::vector<std::string>& services, const std::string& desk,
                                const std::string& actor, Instant now);

// reg-12 out of order: the desk calls this waiting ticket instead of the next one, and says
// why (a visitor the clerk must see now, an appointment): the reason is in the ticket's history
// ("called_out_of_order"). The ticket must wait for one of these services, and not be sent to
// another desk. Throws InputError (call_reason: empty, too_long; ticket: ticket_not_waiting,
// ticket_not_served_here) before anything is written.
Ticket call_chosen(Store& store, const std::string& room, Date day,
                   const std::vector<std::string>& services, const std::string& desk,
                   const std::string& ticket_uuid, const std::string& actor,
                   const std::string& reason, Instant now);
// The waiting tickets a desk serving these services may call, in calling order (the pick list
// of a call out of order).
std::vector<Ticket> waiting_for_desk(Store& store, const std::string& room, Date day,
                                     const std::vector<std::string>& services,
                                     const std::string& desk);

// Desk actions on one ticket; each checks the move is allowed and logs an event.
// Throw StoreError("ticket_not_found" | "ticket_move_not_allowed").
Ticket start_ticket(Store& store, const std::string& uuid, const std::string& actor, Instant now);
Ticket finish_ticket(Store& store, const std::string& uuid, const std::string& actor, Instant now);

// The no-show policy (reg-12, the profile's queue_policy). A called visitor is called again at
// most policy.recalls times, each at least policy.recall_gap_seconds after the last call;
// marked a no-show only once every recall was made and the gap has passed since the last.
// Throw InputError("ticket", "recall_limit" | "recall_too_soon" | "no_show_too_soon") and the
// StoreErrors above.
Ticket recall_ticket(Store& store, const QueuePolicy& policy, const std::string& uuid,
                     const std::string& actor, Instant now);
Ticket no_show_ticket(Store& store, const QueuePolicy& policy, const std::string& uuid,
                      const std::string& actor, Instant now);
// How many times the called ticket was called again.
int recalls_made(Store& store, const std::string& uuid);
// The earliest a ticket just called may be recalled or marked a no-show.
Instant next_call_allowed(const QueuePolicy& policy, const Ticket& t);
// A no-show who came back within policy.reactivate_minutes waits again: a new waiting ticket
// with the same number, category and issue time (so the same place), at no desk; the old one
// stays a no-show. Throws InputError("ticket", "not_no_show" | "reactivate_too_late" |
// "already_reactivated").
Ticket reactivate_ticket(Store& store, const QueuePolicy& policy, const std::string& uuid,
                         const std::string& actor, Instant now);
// Today's no-shows of these services that may still be reactivated, latest first.
std::vector<Ticket> reactivatable_no_shows(Store& store, const QueuePolicy& policy,
                                           const std::string& room,
                                           const std::vector<std::string>& services, Instant now);
// Moves the visitor to another service (and optionally a desk, by its number): the old ticket
// becomes transferred, a new waiting one keeps its number, category and place by arrival time.
// Throws InputError (transfer_service: empty, unknown_service; transfer_desk: not_digits,
// transfer_same_desk) before anything is written.
Ticket transfer_ticket(Store& store, const RegulationProfile& profile, const std::string& uuid,
                       const std::string& service, const std::string& desk,
                       const std::string& actor, Instant now);
// The clerk saw no document for the claimed category: it goes to the normal order (logged with
// the reason). Throws InputError (category_reason: empty, too_long).
Ticket remove_category(Store& store, const std::string& uuid, const std::string& actor,
                       const std::string& reason, Instant now);

bool ticket_move_allowed(TicketState from, TicketState to);
std::optional<Ticket> find_ticket(Store& store, const std::string& uuid);

// For the board: the latest calls of the day, newest first (numbers and desks only).
std::vector<Ticket> recent_calls(Store& store, const std::string& room, Date day, int limit);

// What the waiting-room board shows of a day's calls. A visitor looks for their number: only
// a ticket still called is "being called", and a visitor sent to another service reads where
// they wait now instead of the desk they left.
// A transfer stays on the board this long (or until the new ticket is called): by then the
// visitor has sat down again, and the row is better used for later calls.
constexpr int kTransferShownMinutes = 10;
struct BoardCall {
    Ticket ticket;
    std::string moved_to;                 // transferred: the service code waited for now
    Instant shown_until = Instant::max(); // a transfer is shown until then
};
struct BoardCalls {
    // Being called now, newest first: each desk's latest call, while it is still "called"
    // (a no-show, a visitor at the desk, served or transferred is no longer called).
    std::vector<Ticket> calling;
    // Called before, newest first (a transfer by the time it was made): at a desk, served,
    // no-show, or moved to another service and waiting there.
    std::vector<BoardCall> recent;
};
// The latest `limit` calls of a day for the board, split so.
BoardCalls board_calls(Store& store, const std::string& room, Date day, Instant now, int limit);

struct ServiceWaiting {
    std::string service;
    int waiting = 0;
    int longest_wait_minutes = 0;
};
std::vector<ServiceWaiting> waiting_by_service(Store& store, const std::string& room, Date day,
                                               Instant now);

} // namespace reception
