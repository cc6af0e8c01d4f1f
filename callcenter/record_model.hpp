// The reception record started from the desk: the identity document seen (reg-10), a
// representative's authority checked, and applications handed in during the reception,
// registered and marked "from personal reception" (reg-36).
#pragma once

#include "cases/reception_record.hpp"
#include "console_context.hpp"
#include "intake_form.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception::console {

class RecordModel {
  public:
    explicit RecordModel(ConsoleContext& ctx) : ctx_(ctx) {}

    // Starting: for the visitor at this desk (ticket may be empty for a walk-in).
    ReceptionRecordInput& input() { return input_; }
    void prepare(const std::string& desk, const std::string& ticket_uuid);
    bool start(const std::string& clerk, Instant now);
    const std::optional<ReceptionRecord>& record() const { return record_; }

    // Handing in applications during it.
    IntakeForm& form() { return form_; }
    bool hand_in(const std::string& clerk, Instant now);
    const std::vector<Application>& handed_in() const { return handed_in_; }

    const FieldErrors& errors() const { return errors_; }
    // The record is over (the visitor leaves): everything is wiped for the next one.
    void finish();

  private:
    ConsoleContext& ctx_;
    ReceptionRecordInput input_;
    std::optional<ReceptionRecord> record_;
    IntakeForm form_;
    std::vector<Application> handed_in_;
    FieldErrors errors_;
};

} // namespace reception::console
