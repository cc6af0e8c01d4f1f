// The things a reception room deals with, as plain structs. Names follow the glossary of
// docs/regulation.md. Identity is a client-generated UUID; every record has updated_at.
#pragma once

#include "base/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reception {

// Channels an application arrives by (reg-4).
enum class Channel { EgovPortal, EOtinish, Paper, OralInPerson, Phone, Kiosk };
// Whether the applicant is a person or represents a legal entity (reg-10).
enum class ApplicantKind { Individual, Representative };
// Where an application stands (application_state.hpp has the legal moves).
enum class AppState {
    Registered,
    InReview,
    NeedsCorrection, // reg-6: told what is missing, with a due date
    Returned,        // reg-6: not corrected in time
    Corrected,
    RefusalDraftSent, // reg-32
    Hearing,          // reg-33
    Refused,          // reg-15, with a ground
    Extended,         // reg-30
    Scheduled,        // reg-28/29: date and time of reception set
    Received,         // the reception took place
    OnControl,        // reg-34: protocol instructions under control
    Answered,         // reg-35: final reasoned answer, off control
    Withdrawn,        // reg-15.5
};
enum class TicketState { Waiting, Called, Serving, Done, NoShow, Transferred };
enum class SessionMode { InPerson, Video };
enum class Lang;

const char* to_code(Channel c);
const char* to_code(ApplicantKind k);
const char* to_code(AppState s);
const char* to_code(TicketState s);
const char* to_code(SessionMode m);
bool from_code(std::string_view code, Channel* out);
bool from_code(std::string_view code, ApplicantKind* out);
bool from_code(std::string_view code, AppState* out);
bool from_code(std::string_view code, TicketState* out);
bool from_code(std::string_view code, SessionMode* out);

struct Applicant {
    ApplicantKind kind = ApplicantKind::Individual;
    std::string surname, name, patronymic; // patronymic only if in the ID document
    std::string iin;                       // optional for foreigners
    std::string phone;                     // +77XXXXXXXXX
    std::string email;                     // for notices, when given
    std::string address;
    std::string entity_name, bin, authority_document; // representative only (reg-10)
    bool foreigner = false;                           // reg-11
};

struct Application {
    std::string uuid;
    std::string reg_number;           // printed on the receipt, read to a caller
    std::string oral_protocol_number; // reg-25: oral applications, the separate protocol
    Channel channel = Channel::Kiosk;
    Applicant applicant;
    std::string essence;             // reg-5: required
    std::string official_uuid;       // addressed official, empty for "not sure"
    std::string topic;               // or the topic the caller names instead (phone)
    std::string language = "kk";     // reg-21: kk or ru
    bool interpreter_needed = false; // reg-11
    bool video_consent = false;      // reg-13: only when the applicant gave it
    // Notices by SMS or e-mail: only when the applicant agreed, and never after opting out
    // (cases/notice_channel.hpp); otherwise staff phone or write.
    bool notice_consent = false;
    bool notice_opted_out = false;
    std::string category;                 // reg-12: out-of-turn category code, empty when none
    std::string chosen_session;           // reg-28: the proposed session the applicant chose
    bool from_personal_reception = false; // reg-36
    std::string previous_handler;         // reg-37: may not be assigned again
    std::string assigned_to;
    AppState state = AppState::Registered;
    Instant received_at{};
    Date registered_on{};    // reg-25: the day of arrival or the next working day
    std::string accepted_by; // APPC art. 64: who accepted it
    std::string accepted_where;
    // The regulation profile it was registered under (its id): a later profile does not change
    // what applied to it. Empty for an application registered before this was recorded.
    std::string profile_id;
    std::string refusal_ground;         // reg-15 ground code when refused
    std::optional<Date> correction_due; // reg-6
    std::string session_uuid;           // when scheduled
    // The code of the application's status page (base/public_code.hpp): made at registration,
    // printed on the receipt as a QR code and a check code. '' for one registered before.
    std::string public_code;
    Instant updated_at{};
};

// An official who receives (reg-2).
struct Official {
    std::string uuid;
    std::string surname, name, patronymic;
    std::string role; // a role code from the regulation profile
    std::string position_kk, position_ru;
    bool active = true;
    Instant updated_at{};
};

struct Room {
    std::string uuid;
    std::string code; // short, for numbering and terminals: "main"
    std::string name_kk, name_ru;
    Instant updated_at{};
};

// A reception session of an official (reg-7..9, 13, 16).
struct ReceptionSession {
    std::string uuid;
    std::string official_uuid;
    std::string room_uuid;
    Date date{};
    int start_minute = 0, end_minute = 0; // local minutes after midnight
    SessionMode mode = SessionMode::InPerson;
    bool ad_hoc = false;    // reg-9: outside the schedule, on the akim's instruction
    bool cancelled = false; // reg-16
    std::string cancel_reason;
    Instant updated_at{};
};

struct Booking {
    std::string uuid;
    std::string application_uuid;
    std::string session_uuid;
    int position = 0; // reg-28: order within the session
    int start_minute = 0;
    Instant updated_at{};
};

struct Ticket {
    std::string uuid;
    std::string room; // room code
    Date day{};
    std::string service;  // service code from the profile
    std::string number;   // "A-012", readable aloud
    std::string category; // reg-12 out-of-turn category code, empty when none
    std::string language = "kk";
    TicketState state = TicketState::Waiting;
    std::string desk;
    std::string kiosk;
    std::string transferred_from;
    Instant issued_at{};
    Instant called_at{};
    Instant updated_at{};
    std::string public_code; // the phone page's link (base/public_code.hpp); "" for none
};

// The protocol's instructions and the hearing before a refusal (reg-23, 32..35) are in
// casework.hpp, beside the actions that record them.

} // namespace reception
