// The kiosk without a window: which screen is shown, the visitor's language, the form typed so
// far, and the intents the screens send (take a ticket, sign up, go back). Tests drive it
// directly; the screens (screens/*.cpp) only draw it and call these functions.
#pragma once

#include "announce.hpp"
#include "base/domain.hpp"
#include "base/i18n.hpp"
#include "cases/applications.hpp"
#include "kiosk_config.hpp"
#include "print/print_worker.hpp"
#include "print/printout.hpp"
#include "queue/queue_position.hpp"
#include "queue/turn_text.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "store/store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace reception::kiosk {

enum class Screen {
    Start,           // language switch, the three big choices
    Service,         // take a ticket: which service
    Category,        // take a ticket: out-of-turn category, or none (reg-12)
    TicketDone,      // the number, large; people ahead; printer state
    TicketText,      // optional: a mobile number for "text me when my turn is near"
    SignupOfficial,  // sign up: which official, or "not sure"
    SignupEssence,   // the essence of the issue (reg-5)
    SignupApplicant, // individual or representative (reg-10), BIN, authority document
    SignupPerson,    // IIN, surname, name, patronymic, phone
    SignupOptions,   // language (reg-21), video (reg-13/14), foreigner, interpreter (reg-11)
    SignupReview,    // everything on one screen before sending
    SignupDone,      // the receipt of APPC art. 64
    Schedule,        // who receives when this month (reg-8)
};
const char* screen_code(Screen s);

// The sign-up form as typed; wiped on reset.
struct SignupForm {
    std::string official_uuid; // empty: "not sure"
    bool official_chosen = false;
    std::string essence;
    bool representative = false;
    std::string bin, entity_name, authority_document;
    std::string iin, surname, name, patronymic, phone;
    std::string address; // APPC art. 63; left empty, the application needs correction (reg-6)
    std::string language = "kk";
    bool video = false, foreigner = false, interpreter = false;
    // SMS about the application (docs/notices.md): asked, never assumed, and only of a mobile.
    bool notice_consent = false;
    std::string category;       // reg-12: out of turn within the session, empty for none
    std::string chosen_session; // reg-28: one of the proposed sessions, empty: the room chooses
};

// What the visitor needs to see of the printer: the job's state and what the printer said.
// Not tried with a kiosk that has no printer by design (status NotConfigured).
struct PrintState {
    bool tried = false, ok = false;
    std::string error;
    print::JobState job = print::JobState::Queued;
    print::PrinterStatus status;
};
// The visitor's line about the printout ("" for none); failed ones are drawn in red.
struct PrintNotice {
    std::string text;
    bool failed = false;
};

// Speech mode (kiosk/speech.hpp): on or off, and how loud, in espeak-ng's volume (100 is
// normal; below 40 a busy room covers it, above 200 it distorts).
struct SpeechState {
    static constexpr int kNormal = 100, kStep = 20, kMin = 40, kMax = 200;
    bool on = false;
    int volume = kNormal;
    bool countdown_said = false; // "need more time?" was said for the countdown now shown
};

class KioskModel {
  public:
    KioskModel(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
               const Catalog& texts, KioskConfig config);

    // What the screens read
    Screen screen() const { return screen_; }
    Lang lang() const { return lang_; }
    const Catalog& texts() const { return texts_; }
    const std::string& t(std::string_view key) const { return texts_.text(lang_, key); }
    std::string tf(std::string_view key,
                   const std::vector<std::pair<std::string, std::string>>& a) const {
        return texts_.format(lang_, key, a);
    }
    const RegulationProfile& profile() const { return profile_; }
    const KioskConfig& config() const { return config_; }
    // reg-14: by video only, when this kiosk's configuration or the room (staff, in the
    // store) says so.
    bool restricted();
    // reg-28: the sessions of the chosen official the visitor may choose from (bookings.hpp).
    std::vector<ReceptionSession> sessions_to_choose(Instant now);
    SignupForm& form() { return form_; }
    // field -> error code ("error." + code is the text), shown next to the field.
    const std::map<std::string, std::string>& errors() const { return errors_; }
    std::string error_text(const std::string& field) const;
    // After the visitor changed a field: its error goes as soon as it is fixed.
    void recheck(const std::string& field);
    const std::optional<Ticket>& ticket() const { return ticket_; }
    // "Text me when my turn is near" (queue/turn_text.hpp): offered under the ticket when this
    // kiosk's server sends SMS (config turn_texts) and more than kTurnTextAhead are ahead, once
    // per ticket. The number typed is wiped with the visitor.
    bool turn_text_offered() const;
    const std::optional<TurnText>& turn_text() const { return turn_text_; }
    std::string& turn_phone() { return turn_phone_; }
    int people_ahead() const { return ahead_; }
    // "About 12 min", "You are next", or honestly "not known yet" (shared/wait_estimate).
    std::string wait_text() const;
    // Before a ticket is taken, under each service: how many wait and about how long a ticket
    // taken now would wait, or honestly "not known yet" (queue/queue_position.hpp). Read again
    // from the store when older than kServiceWaitSeconds.
    std::string service_wait_text(const std::string& service, Instant now);
    static constexpr int kServiceWaitSeconds = 5;
    // reg-29 on the receipt: "not later than DD.MM.YYYY we tell you the date and time".
    std::string response_due_text() const;
    // "Check code: ABCD-EFGH-...": the receipt's key to the application's status page, "" when
    // the kiosk has no public_url (no page to point to).
    std::string check_code_text() const;
    // The mobile number typed, as printed ("+7 701 123 45 67"): the SMS about the application
    // go there when the visitor agrees. "" for a landline: staff ring it instead.
    std::string sms_phone() const;
    // On the receipt and its screen: where the notices go ("SMS to …" or "a call to …").
    std::string notices_text() const;
    // reg-28 on the receipt: the session the visitor chose ("" when the room chooses).
    std::string chosen_session_text();
    std::string official_name(const std::string& uuid);
    const std::optional<Application>& receipt() const { return receipt_; }
    const PrintState& print_state() const { return print_; }
    // "Printing… please note your number" until the ticket is out, "remember your number" with
    // no printer, "the printer failed" after a failure.
    PrintNotice print_notice(const std::string& number) const;
    // Takes the print worker's news into print_state() and the store (for staff); returns a
    // count of changes seen, so the main loop redraws when it moves. Called every frame.
    int refresh_print();
    const std::string& chosen_service() const { return service_; }
    Store& store() { return store_; }
    const WorkCalendar& calendar() const { return cal_; }

    // reg-4: the room's hours. The line the start screen shows for today, and when no same-day
    // ticket can be taken any more, the words saying so and when the room opens next ("" when
    // tickets can be taken).
    std::string hours_text(Instant now) const;
    std::string tickets_closed_text(Instant now) const;

    // Intents
    void set_lang(Lang l);
    void go(Screen s);
    void back();
    void start_ticket() { go(Screen::Service); }
    void choose_service(const std::string& code);
    // "" for none; issues and prints the ticket, then shows it.
    void choose_category(const std::string& code, Instant now);
    void start_signup();
    void choose_official(const std::string& uuid); // "" = not sure
    void start_turn_text();
    // Stores the number and goes back to the ticket; false with errors()["phone"] set.
    bool ask_turn_text(Instant now);
    // Checks the fields of the current step; on success goes to the next step.
    bool next_step();
    // Registers the application (one transaction) and prints the receipt.
    bool submit(Instant now);

    // Speech mode and large text, for visitors who cannot read the screen (defined in
    // kiosk/speech.cpp, which says what each screen says). Both are the visitor's: reset()
    // ends them, and the inactivity reset runs on the start screen too while one is on.
    const SpeechState& speech() const { return speech_; }
    bool large_text() const { return large_text_; }
    void set_speech(bool on);
    void speech_key(); // the housing's key (speech_key): speech on, or the screen said again
    void repeat_speech();
    // The on-screen keyboard and the fields in speech mode: the key under the finger (see
    // ui::Keyboard::confirm_taps), whether it typed, and how many letters the field has; a
    // field tapped, with whether it is empty. The field's text itself is never read back.
    void speak_key(const std::string& key, bool typed, const std::string& value);
    void speak_field(const std::string& label, const std::string& value);
    void change_volume(int step); // +1 louder, -1 quieter
    void set_large_text(bool on) { large_text_ = on; }
    // The voice: main.cpp wires it to the Announcer; tests record what would be said.
    std::function<void(const Announcement&)> say;
    std::function<void()> hush;

    // Inactivity: any touch calls touched(); tick() runs the countdown ("need more time?")
    // and resets.
    void touched(Instant now);
    Instant last_touch() const { return last_touch_; }
    // Seconds left of the countdown shown on screen, or -1 when none is shown.
    int countdown(Instant now) const;
    // Returns true when it went back to the start and wiped the form.
    bool tick(Instant now);
    void reset();

    // The printer: tests replace it with a synchronous function. Empty (the default), each job
    // goes as ESC/POS to config().printer on a print worker with these limits and this log.
    std::function<print::PrintResult(const print::Raster&)> printer;
    // Staff menu: a test page, and the last printout again (kept for kReprintWindow only: it
    // may hold the last visitor's details).
    void print_test_page(Instant now);
    bool reprint_last(Instant now);
    static constexpr std::chrono::minutes kReprintWindow{10};
    print::PrinterLimits printer_limits;
    // Called on the print worker's thread when a job moved (the loop wakes up to show it).
    std::function<void()> on_print_change;
    print::PrintLog print_log = print::log_to_stderr;
    // Lines of the last printout (tests check them; the preview PNG shows them).
    const std::vector<print::PrintLine>& last_printout() const { return printout_; }

  private:
    // Speech (kiosk/speech.cpp): a new text stops what was being said.
    void speak(std::vector<Announcement> texts);
    void speak_screen();
    void speak_errors();
    void speak_countdown(int seconds);
    void assistance_off(); // speech and large text off, normal volume: the next visitor
    bool assisted() const { return speech_.on || large_text_; }
    // A visitor who listens needs longer than one who reads.
    int idle_limit() const { return config_.inactivity_seconds * (speech_.on ? 2 : 1); }
    bool check_step(Screen s);
    std::string field_problem(const Application& a, const std::string& key) const;
    Application signup_application() const;
    void wipe_visitor();
    std::vector<print::PrintLine> receipt_lines(Instant now);
    void print_lines(std::vector<print::PrintLine> lines);
    void finish_print(const print::JobReport& r, bool shown);
    Store& store_;
    const RegulationProfile& profile_;
    const WorkCalendar& cal_;
    const Catalog& texts_;
    KioskConfig config_;
    Screen screen_ = Screen::Start;
    Lang lang_ = Lang::kk;
    SignupForm form_;
    std::map<std::string, std::string> errors_;
    std::string service_;
    std::optional<Ticket> ticket_;
    std::optional<TurnText> turn_text_;
    std::string turn_phone_ = "+7";
    int ahead_ = 0;
    std::optional<int> wait_;
    std::vector<ServiceWait> service_waits_;
    Instant service_waits_at_{};
    std::optional<Application> receipt_;
    PrintState print_;
    std::unique_ptr<print::PrintWorker> worker_;
    std::vector<int> jobs_; // the worker's jobs not yet finished
    int shown_job_ = 0;     // the one print_ shows; 0: none
    int print_changes_ = 0;
    std::vector<print::PrintLine> printout_;
    std::vector<print::PrintLine> reprint_; // the last ticket or receipt, for staff
    Instant reprint_until_{};
    Instant last_touch_{};
    SpeechState speech_;
    bool large_text_ = false;
};

} // namespace reception::kiosk
