#include "desk_model.hpp"

#include "cases/surveys.hpp"

#include "base/errors.hpp"
#include "base/validation.hpp"

#include <algorithm>

namespace reception::console {

// Runs one action; an InputError or StoreError becomes the message under the buttons and
// nothing is half-done (every action is one transaction in the core).
bool DeskModel::run(const std::function<void()>& fn) {
    errors_.clear();
    notice_.clear();
    nobody_ = false;
    return run_action(errors_, fn, "desk");
}

bool DeskModel::open(const std::string& clerk, Instant now) {
    std::vector<std::string> list(services_.begin(), services_.end());
    bool ok = run([&] {
        desk_ = open_desk(ctx_.store, ctx_.profile, ctx_.cfg.room, number_, list, clerk, now);
    });
    if (ok) refresh(now);
    return ok;
}

void DeskModel::close(const std::string& clerk, Instant now) {
    if (!desk_) return;
    if (run([&] { close_desk(ctx_.store, desk_->uuid, clerk, now); })) {
        desk_.reset();
        current_.reset();
    }
}

void DeskModel::leave(const std::string& clerk, Instant now) {
    if (desk_ && desk_->state == DeskState::Open)
        run([&] { pause_desk(ctx_.store, desk_->uuid, clerk, "signed_out", now); });
    desk_.reset();
    current_.reset();
    waiting_.clear();
    transfer_service_.clear();
    transfer_desk_.clear();
    category_reason_.clear();
    chosen_.clear();
    call_reason_.clear();
    waiting_list_.clear();
    no_shows_.clear();
    stats_.clear();
    errors_.clear();
    notice_.clear();
    nobody_ = false;
}

void DeskModel::refresh(Instant now) {
    if (!desk_) return;
    if (auto d = find_desk(ctx_.store, desk_->uuid)) desk_ = *d;
    Date day = queue_day(now, ctx_.profile.queue_policy);
    current_ = ticket_at_desk(ctx_.store, *desk_, day);
    recalls_ = current_ ? recalls_made(ctx_.store, current_->uuid) : 0;
    waiting_list_ =
        waiting_for_desk(ctx_.store, ctx_.cfg.room, day, desk_->services, desk_->number);
    stats_ = desk_stats(ctx_.store, ctx_.cfg.room, day, day, now);
    no_shows_ = reactivatable_no_shows(ctx_.store, ctx_.profile.queue_policy, ctx_.cfg.room,
                                       desk_->services, now);
    same_day_left_ =
        reception::same_day_left(ctx_.store, ctx_.profile, ctx_.cal, ctx_.cfg.room, now);
    waiting_.clear();
    for (const auto& w : waiting_by_service(ctx_.store, ctx_.cfg.room, day, now))
        if (std::count(desk_->services.begin(), desk_->services.end(), w.service))
            waiting_.push_back(w);
}

bool DeskModel::can(DeskAction a) const {
    if (!desk_) return false;
    bool paused = desk_->state == DeskState::Paused;
    bool called = current_ && current_->state == TicketState::Called;
    bool serving = current_ && current_->state == TicketState::Serving;
    switch (a) {
    case DeskAction::CallNext:
        return !paused && !current_;
    case DeskAction::Recall: // reg-12: called again so often, then a no-show
        return called && recalls_ < ctx_.profile.queue_policy.recalls;
    case DeskAction::NoShow:
        return called && recalls_ >= ctx_.profile.queue_policy.recalls;
    case DeskAction::Start:
        return called;
    case DeskAction::Finish:
        return serving;
    case DeskAction::Transfer:
        return called || serving;
    case DeskAction::Pause:
        return !paused;
    case DeskAction::Resume:
        return paused;
    }
    return false;
}

bool DeskModel::act(DeskAction a, const std::string& clerk, Instant now) {
    if (!desk_) return false;
    const std::string uuid = current_ ? current_->uuid : "";
    bool ok = run([&] {
        switch (a) {
        case DeskAction::CallNext: {
            auto t =
                call_next_at_desk(ctx_.store, ctx_.profile.queue_policy, desk_->uuid, clerk, now);
            nobody_ = !t;
            if (!t) notice_ = "error.no_ticket_waiting";
            break;
        }
        case DeskAction::Recall:
            recall_ticket(ctx_.store, ctx_.profile.queue_policy, uuid, clerk, now);
            break;
        case DeskAction::NoShow:
            no_show_ticket(ctx_.store, ctx_.profile.queue_policy, uuid, clerk, now);
            break;
        case DeskAction::Start:
            start_ticket(ctx_.store, uuid, clerk, now);
            break;
        case DeskAction::Finish:
            finish_ticket(ctx_.store, uuid, clerk, now);
            break;
        case DeskAction::Transfer:
            transfer_ticket(ctx_.store, ctx_.profile, uuid, transfer_service_, transfer_desk_,
                            clerk, now);
            notice_ = "console.desk.transferred";
            break;
        case DeskAction::Pause:
            pause_desk(ctx_.store, desk_->uuid, clerk, "", now);
            break;
        case DeskAction::Resume:
            resume_desk(ctx_.store, desk_->uuid, clerk, now);
            break;
        }
    });
    refresh(now);
    return ok;
}

bool DeskModel::call_chosen(const std::string& clerk, Instant now) {
    if (!desk_) return false;
    bool ok = run([&] {
        if (chosen_.empty()) throw InputError("ticket", "choose_ticket");
        call_chosen_at_desk(ctx_.store, ctx_.profile.queue_policy, desk_->uuid, chosen_, clerk,
                            call_reason_, now);
    });
    if (ok) {
        chosen_.clear();
        call_reason_.clear();
    }
    refresh(now);
    return ok;
}

bool DeskModel::reactivate(const std::string& uuid, const std::string& clerk, Instant now) {
    bool ok =
        run([&] { reactivate_ticket(ctx_.store, ctx_.profile.queue_policy, uuid, clerk, now); });
    if (ok) notice_ = "console.desk.reactivated";
    refresh(now);
    return ok;
}

bool DeskModel::remove_category(const std::string& clerk, Instant now) {
    if (!current_ || current_->category.empty()) return false;
    bool ok = run([&] {
        reception::remove_category(ctx_.store, current_->uuid, clerk, category_reason_, now);
    });
    if (ok) category_reason_.clear();
    refresh(now);
    return ok;
}

bool DeskModel::give_survey_contact(const std::string& clerk, Instant now) {
    if (!current_) return false;
    bool ok = run([&] {
        add_walk_in_contact(ctx_.store, current_->uuid, survey_phone_, survey_consent_, clerk, now);
    });
    if (!ok) return false;
    survey_ticket_ = current_->uuid;
    survey_phone_.clear();
    survey_consent_ = false;
    notice_ = "console.desk.survey_saved";
    return true;
}

} // namespace reception::console
