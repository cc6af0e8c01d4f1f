// One field of an application, checked: the kiosk's steps, the console's intake form and the
// store's own check before it registers (applications.cpp) all ask here, so a message a visitor
// or an operator sees never disagrees with what the store would refuse.
#pragma once

#include "base/domain.hpp"

#include <string>

namespace reception {

struct RegulationProfile;

// Who fills the form in, for what it must hold.
struct FieldRules {
    // A visitor at the kiosk types it all: surname, name, IIN (unless a foreigner, reg-11), the
    // entity's name and the authority document of a representative. An operator may take a call
    // before the caller gives everything (the room asks for what is missing, APPC art. 63).
    bool visitor = false;
    bool phone_required = false; // a phone to call back is the only way to reach them
};

// The field's problem as an error code (a translation key after "error."), "" when it is fine.
// Fields: surname, name, patronymic, iin, phone, email, address, essence, topic, bin, entity_name,
// authority_document, previous_handler, language. Another name is never a problem.
// An empty IIN or phone is "none"; one of spaces was typed wrong (the forms trim before asking).
std::string application_field_problem(const Application& a, const std::string& field,
                                      const RegulationProfile& profile, const FieldRules& rules);

} // namespace reception
