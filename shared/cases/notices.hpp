// Notices to the applicant that the regulation requires, as records with a channel, a due date
// and a sent date: what is missing (reg-6), an extension (reg-30), the date of reception
// (reg-29), the draft refusal (reg-32), another body's participation (reg-19), a cancelled
// session (reg-16), the final answer (reg-35). Marking one sent also appends a notice_sent
// event to the application's history, which stops the matching clock in deadlines.cpp.
#pragma once

#include "cases/applications.hpp"
#include "cases/notice_delivery.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

class Catalog;

struct Notice {
    std::string uuid, application_uuid;
    std::string about;   // correction | extension | reception_date | refusal_draft | other_body
                         // | session_cancelled | answer
    std::string item;    // "reg-30"
    std::string channel; // phone | sms | letter | email
    Date due_on{};
    std::optional<Date> sent_on;
    std::string sent_by, text;
    // SMS and e-mail: what the central server reported (notices_of fills it in), none before.
    std::optional<NoticeDelivery> delivery;
    // Gone to the applicant: marked sent by staff, or sent by the server.
    bool went_out() const { return sent_on || (delivery && delivery_went_out(delivery->state)); }
};

bool is_notice_about(const std::string& about);
bool is_notice_channel(const std::string& channel);

// The notice a move of the application requires, with its due date; none for most moves.
std::optional<Notice> notice_for_move(Store& store, const Application& a, const MoveInput& in,
                                      const RegulationProfile& profile, const WorkCalendar& cal,
                                      Date today);

// Plans a notice (a record with its outbox row). Throws InputError on an unknown about or
// channel.
Notice plan_notice(Store& store, Notice n, Instant now);
// The notice went out today, by `channel` when given (phone, sms, letter, email), else by the
// planned one: sent_on, sent_by, and a notice_sent event. Throws InputError("notice",
// "notice_not_found" | "notice_already_sent": also when the server sent it) or ("channel",
// "unknown_channel").
Notice mark_notice_sent(Store& store, const std::string& uuid, const std::string& actor,
                        Instant now, const std::string& channel = "");

// The notice is to go another way (the applicant opted out of SMS and e-mail): its channel and
// an outbox row, so the server cancels what it had not sent yet. A notice gone is left.
void replan_notice(Store& store, const std::string& uuid, const std::string& channel, Instant now);

// reg-21: what the notice tells the applicant, in the applicant's language (the application's
// kk or ru), whatever language the staff member's console is in: the date, the time of the
// person's own turn (reg-28), the official and the room for a date of reception or a cancelled
// session moved; what it is about for the others, with the notice's text.
std::string notice_words(Store& store, const RegulationProfile& profile, const Notice& n,
                         const Catalog& texts);

std::vector<Notice> notices_of(Store& store, const std::string& application_uuid);
// Every notice not yet gone (neither marked sent nor sent by the server), due soonest first:
// the work list's "notices due".
std::vector<Notice> notices_open(Store& store);

} // namespace reception
