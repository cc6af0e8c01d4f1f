#include "record_model.hpp"

#include "base/validation.hpp"
#include "staff/staff.hpp"

namespace reception::console {

void RecordModel::prepare(const std::string& desk, const std::string& ticket_uuid) {
    if (record_ && record_->in.ticket_uuid == ticket_uuid) return;
    finish();
    input_.room = ctx_.cfg.room;
    input_.desk = desk;
    input_.ticket_uuid = ticket_uuid;
}

bool RecordModel::start(const std::string& clerk, Instant now) {
    errors_.clear();
    if (record_) return true;
    try {
        record_ = start_reception_record(ctx_.store, input_, clerk, now);
        return true;
    } catch (const InputError& e) {
        errors_[e.field] = e.code;
        return false;
    }
}

bool RecordModel::hand_in(const std::string& clerk, Instant now) {
    if (!record_) return false;
    // In person the visitor is here: a phone number helps but is not required.
    errors_ = check_intake(form_, ctx_.profile, false);
    std::string before = trim(form_.previous_handler);
    if (!before.empty() && !errors_.count("previous_handler") && !find_staff(ctx_.store, before))
        errors_["previous_handler"] = "staff_not_found";
    if (!errors_.empty()) return false;
    Application draft = application_from(form_, Channel::Paper);
    draft.accepted_where = ctx_.cfg.accepted_where;
    try {
        handed_in_.push_back(hand_in_application(ctx_.store, ctx_.profile, ctx_.cal, record_->uuid,
                                                 draft, clerk, now));
    } catch (const InputError& e) {
        errors_[e.field] = e.code == "empty" && e.field == "essence" ? "essence_required" : e.code;
        return false;
    }
    form_ = IntakeForm{};
    return true;
}

void RecordModel::finish() {
    input_ = ReceptionRecordInput{};
    record_.reset();
    form_ = IntakeForm{};
    handed_in_.clear();
    errors_.clear();
}

} // namespace reception::console
