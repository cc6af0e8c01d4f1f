#include "record_model.hpp"

#include "base/validation.hpp"

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
    // The previous handler must be a staff account (reg-37): register_application refuses a
    // typed name with the field, like any other input it refuses.
    errors_ = check_intake(form_, ctx_.profile, false);
    if (!errors_.empty()) return false;
    Channel channel = Channel::Paper; // reg-4: on paper, or said in person (oral, reg-25)
    if (!run_action(errors_, [&] { channel = form_channel(form_, desk_channels()); })) return false;
    Application draft = application_from(form_, channel);
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
