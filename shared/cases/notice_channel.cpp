#include "cases/notice_channel.hpp"

#include "base/validation.hpp"
#include "cases/applications.hpp"
#include "cases/notices.hpp"
#include "store/outbox.hpp"
#include "store/store.hpp"

namespace reception {
using nlohmann::json;

std::string sms_number(std::string_view text) {
    Phone phone;
    if (check_phone(text, true, &phone) != Reason::Ok || phone.kind != PhoneKind::Mobile) return "";
    return phone.e164;
}

std::string notice_channel_for(const Application& a) {
    const Applicant& p = a.applicant;
    bool may_send = a.notice_consent && !a.notice_opted_out;
    if (may_send && !sms_number(p.phone).empty()) return "sms";
    if (may_send && !p.email.empty()) return "email";
    return p.phone.empty() ? "letter" : "phone";
}

static Application consent_change(Store& store, const std::string& uuid, const std::string& how,
                                  const std::string& actor, Instant now, bool opt_out, bool given) {
    if (trim(how).empty()) throw InputError("how", "empty");
    if (actor.empty()) throw InputError("actor", "actor_required");
    Application a;
    store.transaction([&] {
        auto found = find_application(store, uuid);
        if (!found) throw InputError("application", "application_not_found");
        a = *found;
        if (opt_out) a.notice_opted_out = true;
        a.notice_consent = given && !a.notice_opted_out;
        a.updated_at = now;
        save_application_change(store, a, opt_out ? "notice_opt_out" : "notice_consent");
        const char* kind = opt_out ? "notice_opt_out"
                           : given ? "notice_consent"
                                   : "notice_declined";
        store.append_event("application", a.uuid, kind, to_code(a.state), to_code(a.state), actor,
                           trim(how), json::object(), now);
        if (a.notice_consent) return;
        // What was planned for the server to send goes back to staff.
        for (Notice n : notices_of(store, a.uuid))
            if (!n.sent_on && (n.channel == "sms" || n.channel == "email"))
                replan_notice(store, n.uuid, notice_channel_for(a), now);
    });
    return a;
}

Application record_notice_consent(Store& store, const std::string& uuid, bool given,
                                  const std::string& how, const std::string& actor, Instant now) {
    return consent_change(store, uuid, how, actor, now, false, given);
}

Application record_notice_opt_out(Store& store, const std::string& uuid, const std::string& how,
                                  const std::string& actor, Instant now) {
    return consent_change(store, uuid, how, actor, now, true, false);
}

} // namespace reception
