#include "cases/application_fields.hpp"

#include "base/validation.hpp"
#include "regulation/profile.hpp"

namespace reception {

// Free text the forms take with a bound: topic, address, entity name (code points, trimmed).
static std::string length_problem(const std::string& s, size_t max_chars) {
    return utf8_length(trim(s)) > max_chars ? problem_code(Reason::TooLong) : "";
}

static std::string required_problem(const std::string& s, size_t max_chars) {
    return trim(s).empty() ? problem_code(Reason::Empty) : length_problem(s, max_chars);
}

// An address a relay will take: one @, something before and a dotted domain after, no spaces,
// at most 254 characters (RFC 5321). Whether the mailbox exists the delivery tells.
static std::string email_problem(const std::string& email) {
    size_t at = email.find('@');
    bool ok = email.size() <= 254 && at != std::string::npos && at > 0 &&
              email.find('@', at + 1) == std::string::npos &&
              email.find('.', at + 2) != std::string::npos && email.back() != '.' &&
              email.find_first_of(" \t\r\n<>,;\"") == std::string::npos;
    return ok ? "" : "bad_email";
}

static std::string person_problem(const Applicant& p, const std::string& field,
                                  const FieldRules& rules) {
    if (field == "surname") return problem_code(check_name(p.surname, rules.visitor));
    if (field == "name") return problem_code(check_name(p.name, rules.visitor));
    if (field == "patronymic") return problem_code(check_name(p.patronymic, false));
    // reg-11: a foreigner may have no IIN; an operator may not have it yet.
    if (field == "iin") {
        bool may_lack = !rules.visitor || p.foreigner;
        return may_lack && p.iin.empty() ? "" : problem_code(check_iin(p.iin));
    }
    // A landline is fine: staff ring it back.
    if (field == "phone")
        return p.phone.empty() && !rules.phone_required ? ""
                                                        : problem_code(check_phone(p.phone, true));
    // reg-6: an application without it is still taken, and the room asks for it.
    if (field == "address") return length_problem(p.address, 200);
    if (field == "email") {
        std::string e = trim(p.email); // the forms and the store trim it before keeping it
        return e.empty() ? "" : email_problem(e);
    }
    return "";
}

static std::string representative_problem(const Applicant& p, const std::string& field,
                                          const FieldRules& rules) {
    if (p.kind != ApplicantKind::Representative) return "";
    if (field == "bin") return problem_code(check_bin(p.bin));
    if (field == "entity_name")
        return rules.visitor ? required_problem(p.entity_name, 200)
                             : length_problem(p.entity_name, 200);
    if (field == "authority_document" && rules.visitor)
        return required_problem(p.authority_document, 200);
    return "";
}

std::string application_field_problem(const Application& a, const std::string& field,
                                      const RegulationProfile& profile, const FieldRules& rules) {
    // reg-5: without the essence the application is not considered at all.
    if (field == "essence")
        return problem_code(
            check_essence(a.essence, profile.essence_min_chars, profile.essence_max_chars));
    if (field == "topic") return length_problem(a.topic, 200);
    if (field == "previous_handler") return length_problem(a.previous_handler, 32);
    if (field == "language") return a.language == "kk" || a.language == "ru" ? "" : "bad_language";
    if (field == "bin" || field == "entity_name" || field == "authority_document")
        return representative_problem(a.applicant, field, rules);
    return person_problem(a.applicant, field, rules);
}

} // namespace reception
