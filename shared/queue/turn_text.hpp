// "Text me when my turn is near": a visitor who took a ticket may leave a mobile
// number at the kiosk, and the central server sends one SMS when kTurnTextAhead people or fewer
// are ahead of the ticket, so the visitor may wait outside. Optional, asked after the ticket is
// printed (taking a ticket stays two taps), mobile numbers only (a landline gets no SMS).
//
// The number is the visitor's personal data: it is a record of its own (entity turn_text), not
// a field of the ticket, so it never reaches the board, the kiosks' pulls or the public page;
// the server checks a kiosk asks only for a waiting ticket it issued itself (write_rules.cpp).
#pragma once

#include "base/domain.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace reception {

// The SMS goes when this many people or fewer are ahead: time to walk back in.
constexpr int kTurnTextAhead = 2;

struct TurnText {
    std::string uuid;
    std::string ticket_uuid, room;
    std::string phone;           // E.164 mobile, "+77011234567"
    std::string language = "kk"; // the ticket's: the SMS is in it
    Instant created_at{};
};

// Checks the typed number (a Kazakh mobile, check_phone) and the ticket (waiting, no number left
// for it yet), then stores the request and its outbox row in one transaction. Throws
// InputError("phone", reason code of check_phone) or InputError("ticket", "ticket_not_waiting" |
// "turn_text_exists") before anything is written.
TurnText ask_turn_text(Store& store, const Ticket& ticket, const std::string& typed_phone,
                       Instant now);
std::optional<TurnText> turn_text_of(Store& store, const std::string& ticket_uuid);

nlohmann::json turn_text_json(const TurnText& t);
// From a pushed payload: nullopt when a field is missing or the phone is no Kazakh mobile.
std::optional<TurnText> turn_text_from_json(const nlohmann::json& payload);

// Whether the SMS is due: the ticket still waits and kTurnTextAhead people or fewer are ahead
// of it among the day's tickets (queue_position.hpp counts them).
bool turn_text_due(const std::vector<Ticket>& day, const Ticket& ticket);

// Keeping: the number is needed while its ticket's day lasts, and no longer. A turn text is
// kept through the day after the one it was made on (a queue day may start after midnight,
// policy.day_starts_minute, and its SMS may still be retried), then forgotten everywhere it is:
// here the row and every op that carries it (outbox, journal, dead letters: a request pushed
// again after that would be refused, its ticket no longer waits); on the server its record, its
// feed changes and its watch (ServerStore::forget_turn_texts). At most 48 hours, at least 24.
// The instant before which a turn text is forgotten: the start of yesterday, local time.
Instant turn_texts_kept_from(Instant now);
// Forgets this store's turn texts made before turn_texts_kept_from(now), in one transaction;
// at most once per local day (the boundary moves only at midnight), so it may be called on
// every round of the sync agent. Returns how many went.
long long forget_turn_texts(Store& store, Instant now);

// "+7 701 ••• •• 67": what the kiosk shows back, so the visitor sees the number was taken
// without the next person reading it.
std::string masked_phone(const std::string& e164);

} // namespace reception
