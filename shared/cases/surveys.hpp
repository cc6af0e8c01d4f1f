// reg-38: the room checks satisfaction by phone, selectively, with applicants who got a
// consultation and with those refused a sign-up. The call list comes from the history; each
// call's result is a survey record; the quarterly report (reg-40) carries the figures.
#pragma once

#include "cases/applications.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception {

struct SurveyCall {
    std::string application_uuid, reg_number, applicant, phone;
    std::string reason; // consultation | refused
    Date closed_on{};
};
// Applicants to call: answered with a consultation or refused between first and last
// (local dates), not surveyed yet, with a phone number. Oldest first.
std::vector<SurveyCall> survey_call_list(Store& store, Date first, Date last);

struct SurveyAnswer {
    std::string application_uuid;
    std::string reason; // consultation | refused
    bool reached = false;
    std::optional<int> rating; // 1..5, only when reached
    std::string comment;
};
// One call's result. InputError: rating outside 1..5, a rating without reaching anyone, an
// applicant already surveyed ("already_surveyed").
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
