// reg-38: the room checks satisfaction by phone, selectively, with applicants who got a
// consultation and with those refused a sign-up. The call list comes from the history and from
// the walk-in consultations whose visitors gave a phone at the desk; it is a sample, not
// everyone; each call's result is a survey record; the quarterly report (reg-40) carries the
// figures.
#pragma once

#include "cases/applications.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;

struct SurveyCall {
    std::string application_uuid, reg_number, applicant, phone;
    std::string reason; // consultation | refused
    Date closed_on{};
    // A consultation through the queue: no application; reg_number is the ticket's number.
    std::string walk_in_uuid;
    const std::string& key() const {
        return walk_in_uuid.empty() ? application_uuid : walk_in_uuid;
    }
};
// Whom to call: those answered with a consultation or refused between first and last (local
// dates), and the walk-in consultations of those days whose visitor gave a phone, with a phone
// number and not surveyed yet. A sample (the profile's survey_sample): each candidate is in it
// or not by a hash of its identity, so nobody chooses whom to ask and the list stays the same
// from one look to the next; the lowest hashes fill it up to at_least. Oldest first.
std::vector<SurveyCall> survey_call_list(Store& store, const RegulationProfile& profile, Date first,
                                         Date last);

// reg-38 at the desk: the visitor of a consultation ticket (service "consultation") gives a
// phone and agrees to be called about it. InputError, nothing written: ticket
// ticket_not_found / survey_not_consultation / survey_contact_given, consent consent_required,
// phone (a phone check).
void add_walk_in_contact(Store& store, const std::string& ticket_uuid, const std::string& phone,
                         bool consent, const std::string& clerk, Instant now);

struct SurveyAnswer {
    std::string application_uuid;
    std::string reason; // consultation | refused
    bool reached = false;
    std::optional<int> rating; // 1..5, only when reached
    std::string comment;
    std::string walk_in_uuid; // instead of the application: a walk-in consultation
};
// One call's result. InputError: rating outside 1..5, a rating without reaching anyone, an
// applicant (or walk-in visitor) already surveyed ("already_surveyed").
void record_survey(Store& store, const SurveyAnswer& answer, const std::string& actor, Instant now);

// What the report (reg-40) carries of the surveys of a period.
struct SurveyFigures {
    int called = 0;     // applicants on the call list of the period
    int answered = 0;   // reached and answered the questionnaire
    int satisfied = 0;  // rated 4 or 5 of 5
    double average = 0; // mean rating of those who answered (0 when none)
};

SurveyFigures survey_figures(Store& store, Date first, Date last);

} // namespace reception
