// The desk: a clerk opens it (number, services served), then calls the queue (reg-12): Call
// next or a chosen ticket out of order (with the reason), Recall, No-show (by the profile's
// policy), Start, Finish, Transfer, Pause; brings back a no-show who returned in time; removes
// a category claimed wrongly (logged); sees how many wait per service and the longest wait.
#pragma once

#include "console_context.hpp"
#include "queue/desk_stats.hpp"
#include "queue/desks.hpp"
#include "queue/queue_figures.hpp"
#include "queue/ticket_queue.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace reception::console {

enum class DeskAction { CallNext, Recall, NoShow, Start, Finish, Transfer, Pause, Resume };

class DeskModel {
  public:
    explicit DeskModel(ConsoleContext& ctx) : ctx_(ctx) {}

    // Setting up
    std::string& number() { return number_; }
    std::set<std::string>& services() { return services_; }
    bool open(const std::string& clerk, Instant now);
    // Signing out pauses the desk, so nobody is called to an empty chair, and forgets it here.
    void leave(const std::string& clerk, Instant now);
    void close(const std::string& clerk, Instant now);
    const std::optional<Desk>& desk() const { return desk_; }

    // The visitor at the desk and the waiting room, read again from the store (another desk
    // or a kiosk may have changed them).
    void refresh(Instant now);
    const std::optional<Ticket>& current() const { return current_; }
    const std::vector<ServiceWaiting>& waiting() const { return waiting_; }
    // reg-3: the same-day visitors still waiting in the room's last hour (queue_figures.hpp).
    const std::optional<SameDayLeft>& same_day_left() const { return same_day_left_; }
    // reg-12 out of order: the waiting tickets this desk may call, the one chosen (its uuid)
    // and why; calling it logs the reason in the ticket's history.
    const std::vector<Ticket>& waiting_list() const { return waiting_list_; }
    std::string& chosen_ticket() { return chosen_; }
    std::string& call_reason() { return call_reason_; }
    bool call_chosen(const std::string& clerk, Instant now);
    // The no-show policy of the profile: how often the visitor at the desk was called again,
    // and today's no-shows of this desk's services who may still come back.
    int recalls() const { return recalls_; }
    const std::vector<Ticket>& no_shows() const { return no_shows_; }
    bool reactivate(const std::string& uuid, const std::string& clerk, Instant now);
    // Today's figures of every desk of the room.
    const std::vector<DeskStats>& stats() const { return stats_; }

    // Whether the action makes sense now (the screen greys out the others).
    bool can(DeskAction a) const;
    bool act(DeskAction a, const std::string& clerk, Instant now);
    // Transfer: where to. desk may be empty (any desk of that service).
    std::string& transfer_service() { return transfer_service_; }
    std::string& transfer_desk() { return transfer_desk_; }
    // The category was claimed without the document: the ticket goes to the usual order.
    std::string& category_reason() { return category_reason_; }
    bool remove_category(const std::string& clerk, Instant now);
    // reg-38: the visitor of a consultation ticket gives a phone for a satisfaction call, with
    // consent; what was given for the ticket at the desk is remembered until the next one.
    std::string& survey_phone() { return survey_phone_; }
    bool& survey_consent() { return survey_consent_; }
    bool give_survey_contact(const std::string& clerk, Instant now);
    bool survey_contact_given() const { return current_ && survey_ticket_ == current_->uuid; }

    // The last thing that went wrong (an error code with its field), or what happened.
    const FieldErrors& errors() const { return errors_; }
    const std::string& notice() const { return notice_; } // a catalogue key
    // When nobody waited at the last Call next.
    bool nobody_waiting() const { return nobody_; }

  private:
    bool run(const std::function<void()>& fn);
    ConsoleContext& ctx_;
    std::string number_ = "1";
    std::set<std::string> services_;
    std::optional<Desk> desk_;
    std::optional<Ticket> current_;
    std::vector<ServiceWaiting> waiting_;
    std::optional<SameDayLeft> same_day_left_;
    std::vector<Ticket> waiting_list_, no_shows_;
    std::string chosen_, call_reason_;
    int recalls_ = 0;
    std::vector<DeskStats> stats_;
    std::string transfer_service_, transfer_desk_, category_reason_;
    std::string survey_phone_, survey_ticket_;
    bool survey_consent_ = false;
    FieldErrors errors_;
    std::string notice_;
    bool nobody_ = false;
};

} // namespace reception::console
