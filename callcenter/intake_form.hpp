// Phone intake (reg-4, reg-25): the form an operator fills while the caller talks, its checks,
// the caller's open applications shown before a duplicate is made, and the read-back of the
// registration number. The reception record (record_model.hpp) uses the same form for
// applications handed in at a desk.
#pragma once

#include "cases/applications.hpp"
#include "console_context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception::console {

struct IntakeForm {
    std::string surname, name, patronymic;
    std::string phone;   // required on the phone channel
    std::string iin;     // optional; checked when given
    std::string address; // APPC art. 63: the postal address; without it, needs correction (reg-6)
    std::string email;   // optional: notices by e-mail (with the consent below)
    bool notice_consent = false; // the caller agrees to notices by SMS or e-mail
    std::string language = "kk";
    std::string essence;       // reg-5: required
    std::string official_uuid; // the official asked for, or
    std::string topic;         // the topic, when the caller names no official
    bool representative = false;
    std::string bin, entity_name;
    bool video_consent = false, interpreter_needed = false;
    std::string category;         // reg-12: out of turn within the session
    std::string chosen_session;   // reg-28: a proposed session the caller chose, or empty
    std::string previous_handler; // reg-37 (desk only): who handled the issue before
    std::string channel; // reg-4: how it arrived, one of the screen's channels; empty: the first
};

// reg-4: the channels each screen registers by. The operator's intake takes calls and what came
// through the e-gov portal, eOtinish or by post; the desk takes what is handed in on paper or
// said in person (oral, so it goes into the separate protocol of reg-25).
const std::vector<std::string>& intake_channels(); // phone, egov_portal, eotinish, paper
const std::vector<std::string>& desk_channels();   // paper, oral_in_person
// The form's channel among those offered; InputError("channel", "unknown_channel") otherwise.
Channel form_channel(const IntakeForm& f, const std::vector<std::string>& offered);

// Checks every field at once; empty when the form may be saved. phone_required: the phone
// channel needs a number to call back.
FieldErrors check_intake(const IntakeForm& f, const RegulationProfile& profile,
                         bool phone_required);
// The application the form describes (not yet registered).
Application application_from(const IntakeForm& f, Channel channel);
// APPC art. 63 items the form lacks (the application is still accepted, reg-6).
std::vector<std::string> missing_art63(const IntakeForm& f);

enum class SaveResult { Saved, Invalid, DuplicatesShown, AlreadySaved };

class IntakeModel {
  public:
    explicit IntakeModel(ConsoleContext& ctx) : ctx_(ctx) {}

    IntakeForm& form() { return form_; }
    const FieldErrors& errors() const { return errors_; }
    // The caller's open applications, by phone or IIN, looked up again when either changes.
    const std::vector<Application>& open_of_caller();
    // Whether the next save goes ahead although the caller has open applications.
    bool duplicates_acknowledged() const { return duplicates_ok_; }

    // Enter: checks everything; when the caller has open applications not yet shown as such,
    // stops once (DuplicatesShown); else registers it by the channel it came by (reg-4): a
    // call is oral and goes into the separate protocol (reg-25), and needs a number to call.
    SaveResult save(const std::string& actor, Instant now);
    // reg-28: the sessions of the asked-for official the caller may choose (bookings.hpp).
    std::vector<ReceptionSession> sessions_to_choose(Instant now) const;
    const std::optional<Application>& saved() const { return saved_; }
    // A new call: everything typed and the result are wiped.
    void new_call();

    // What the operator reads to the caller, in the caller's language.
    std::vector<std::string> read_back(Instant now) const;

  private:
    ConsoleContext& ctx_;
    IntakeForm form_;
    FieldErrors errors_;
    std::optional<Application> saved_;
    std::vector<Application> open_;
    std::string open_key_ = "\x01"; // phone + IIN the list was made for
    bool duplicates_ok_ = false;
};

// Read-back lines of a registered application in lang (also used by the reception record).
std::vector<std::string> read_back_lines(const ConsoleContext& ctx, const Application& a, Lang lang,
                                         Instant now);

} // namespace reception::console
