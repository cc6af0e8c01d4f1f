// How a notice reaches the applicant, and the applicant's say in it. The central server sends
// SMS and e-mail (docs/notices.md); it does so only for an applicant who agreed and has not
// opted out since. Everyone else is phoned (a landline too: staff ring it) or written to, and
// those notices are planned for staff on the work list, as before the server sent anything.
#pragma once

#include "base/date.hpp"
#include "base/domain.hpp"

#include <string>
#include <string_view>

namespace reception {

class Store;

// The number an SMS to this phone (any way it is typed) goes to, E.164: a Kazakh mobile only;
// "" for a landline (staff ring it), no number or one typed wrong.
std::string sms_number(std::string_view phone);

// sms (a mobile number, consent, no opt-out), email (an address, consent, no opt-out, no
// mobile), else phone (any number), else letter.
std::string notice_channel_for(const Application& a);

// The applicant agreed (given) or declined to notices by SMS or e-mail, told to staff
// (`how`: in person, by phone, in writing): the application and an event in the history.
// Throws InputError("how", "empty") or ("application", "application_not_found").
Application record_notice_consent(Store& store, const std::string& uuid, bool given,
                                  const std::string& how, const std::string& actor, Instant now);
// The applicant asked for no more SMS or e-mail: the consent is withdrawn for good, and every
// notice not yet gone by SMS or e-mail is planned again for staff (phone or letter), so the
// server cancels it.
Application record_notice_opt_out(Store& store, const std::string& uuid, const std::string& how,
                                  const std::string& actor, Instant now);

} // namespace reception
