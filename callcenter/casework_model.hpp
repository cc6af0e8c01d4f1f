// The responsible employee's case work (chapters 3 and 4) without a window: the work list with its
// filters, the chosen application with its clocks, notices, hearings and instructions, and the
// actions the regulation allows from its state, each a form that the shared/ functions check.
#pragma once

#include "cases/reception_protocol.hpp"
#include "cases/work_list.hpp"
#include "console_context.hpp"
#include "exports.hpp"
#include "lookup_model.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reception::console {

// One user action of the case screen; "console.case.action.<code>" is its button.
enum class CaseAction {
    Review,           // registered / corrected -> in review (reg-25)
    Assign,           // to a responsible employee, never the previous handler (reg-37)
    Note,             // the note to the akim (reg-26)
    AskCorrection,    // reg-6
    Corrected,        // reg-6
    Return,           // reg-6: not corrected in time
    Withdraw,         // reg-15.5
    DraftRefusal,     // reg-32
    Hearing,          // reg-33 (APPC art. 74)
    Refuse,           // reg-15
    Schedule,         // reg-27..29, reg-14
    Extend,           // reg-30
    OtherBody,        // reg-18, 19
    OtherBodyRefused, // reg-20
    ReportRefusal,    // reg-20
    Received,         // the reception took place (reg-23)
    Instruction,      // reg-23, 34
    InstructionDone,  // reg-34
    Answer,           // reg-35
};
const char* to_code(CaseAction a);

// Every field any action asks for; the screen shows those of the chosen action. Dates are
// typed as people write them here, 13.03.2026 (2026-03-13 is accepted too).
struct CaseForm {
    std::string reason, missing, employee, note_text, proposal = "date";
    std::string ground, decision_on, extension = "letter", body, session_uuid;
    std::string decided_by; // reg-30: a role code of the profile, akim | deputy_akim
    // reg-13: the applicant consents to video now (told staff by phone, in person): how.
    bool video_consent_now = false;
    std::string consent_how;
    // The hearing's protocol (reg-33, APPC art. 73, 74); times typed as 15:00.
    std::string held_on, way = "in_person", start_time, end_time, place, chaired_by, secretary,
                         participants, objections, conclusion = "refuse", hearing_reasons;
    bool applicant_present = false, no_objections = false;
    std::string instruction_text, executor, due_on, instruction_uuid, report;
    // The reception held (reg-10: the identity and authority seen; reg-23: the protocol, its
    // instructions one row each, due dates typed as 30.04.2026; blank rows at the end are
    // left out).
    std::string id_document, authority_document, official_uuid, attendees, decision;
    bool id_checked = false, acting_for_another = false, authority_checked = false;
    struct InstructionRow {
        std::string text, executor, due_on;
    };
    std::vector<InstructionRow> protocol_instructions;
    std::string outcome = "resolved", answer;
    Applicant applicant; // reg-6: the corrected details, filled from the application
};

// "13.03.2026" or "2026-03-13" -> date; nullopt otherwise.
std::optional<Date> parse_typed_date(const std::string& text);
// "15:00" or "9:05" -> minutes after midnight; nullopt otherwise.
std::optional<int> parse_typed_time(const std::string& text);

class CaseworkModel {
  public:
    explicit CaseworkModel(ConsoleContext& ctx) : ctx_(ctx) {}

    // The list
    WorkFilter& filter() { return filter_; }
    void refresh(Instant now);
    const std::vector<WorkItem>& items() const { return items_; }
    int overdue_count() const { return overdue_; }
    int notices_due_count() const { return notices_due_; } // due today or before, not sent

    // The chosen application
    void select(const std::string& uuid, Lang lang, Instant now);
    const std::optional<WorkItem>& selected() const { return selected_; }
    const std::optional<LookupDetail>& detail() const { return detail_; }
    const std::vector<Notice>& notices() const { return notices_; }
    // reg-21: a notice's words in the applicant's language (cases/notices.hpp), kept per notice
    // so a frame does not query the store for each.
    const std::string& notice_words(const Notice& n) const;
    const std::vector<Hearing>& hearings() const { return hearings_; }
    const std::vector<Instruction>& instructions() const { return instructions_; }
    // reg-23: the protocol of the reception, once it was held (none for one held before the
    // store kept protocols).
    const std::optional<ReceptionProtocol>& protocol() const { return protocol_; }
    // The session it is booked into, when there is one (reg-10: not held before it begins).
    const std::optional<ReceptionSession>& session() const { return session_; }
    // reg-37: who handles it now and who handled it (or the applicant's earlier ones) before,
    // as names to show: "Full Name (login)", or a name typed before handlers were accounts.
    const std::string& handler() const { return handler_; }
    const std::vector<std::string>& earlier_handlers() const { return earlier_labels_; }
    // The accounts it may be assigned to: active responsible employees, each marked when it
    // handled it before (choosing one is refused by the core, with the reason).
    struct HandlerChoice {
        std::string login, label;
        bool handled_before = false;
    };
    std::vector<HandlerChoice> handlers_to_offer() const;
    // The actions its state allows, in the order a clerk takes them.
    std::vector<CaseAction> actions() const;
    // Sessions it may be booked into: from today for 45 days, its official's first, each
    // marked when too late for the note to the akim (reg-26) or after the term (reg-29).
    std::vector<SessionOffer> sessions_to_book(Instant now) const;
    // What the last booking said (reg-26, 29), until another action is chosen.
    const std::optional<Booked>& booked() const { return booked_; }

    // The form
    std::optional<CaseAction> action() const { return action_; }
    void choose(CaseAction a, Instant now); // fills the form's defaults
    CaseForm& form() { return form_; }
    const FieldErrors& errors() const { return errors_; }
    // Runs the chosen action as actor; false with errors() when refused (nothing written).
    bool apply(const std::string& actor, bool restriction_mode, Lang lang, Instant now);
    bool mark_sent(const std::string& notice_uuid, const std::string& channel,
                   const std::string& actor, Lang lang, Instant now);
    // The applicant asked for no more SMS or e-mail (told by phone): notices not yet gone go
    // back to staff as phone calls or letters.
    bool notice_opt_out(const std::string& actor, Lang lang, Instant now);
    const std::string& done() const { return done_; } // the action done, or "notice_sent"
    // reg-33: a hearing's protocol printed for signature, in Kazakh and in Russian (A4 PDF
    // files in the export folder, exports.hpp); what was written is kept until another choice.
    bool print_hearing(const std::string& hearing_uuid);
    const ExportResult& printed() const { return printed_; }

  private:
    void run(const std::string& actor, bool restriction_mode, Instant now);
    void hold(const std::string& actor, Instant now);
    void reload(Lang lang, Instant now);
    void reselect(Lang lang, Instant now);
    std::optional<Date> date_field(const char* field, const std::string& text);

    ConsoleContext& ctx_;
    WorkFilter filter_;
    std::vector<WorkItem> items_;
    int overdue_ = 0, notices_due_ = 0;
    std::optional<WorkItem> selected_;
    std::optional<LookupDetail> detail_;
    std::vector<Notice> notices_;
    mutable std::map<std::string, std::string> words_; // notice uuid -> words
    std::vector<Hearing> hearings_;
    std::vector<Instruction> instructions_;
    std::optional<ReceptionProtocol> protocol_;
    std::optional<ReceptionSession> session_;
    std::string handler_;
    std::vector<std::string> earlier_logins_, earlier_labels_;
    std::optional<CaseAction> action_;
    std::optional<Booked> booked_;
    CaseForm form_;
    FieldErrors errors_;
    std::string done_;
    ExportResult printed_;
};

} // namespace reception::console
