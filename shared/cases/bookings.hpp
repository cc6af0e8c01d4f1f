// The persons booked into one session, as the room receives them (reg-27, reg-28): the
// out-of-turn categories of reg-12 first, then in the order they were first booked, each with a
// time of their own; and what the room must see about each before the reception (reg-11, 13,
// 14, 21).
#pragma once

#include "cases/applications.hpp"

#include <string>
#include <vector>

namespace reception {

struct RegulationProfile;
class WorkCalendar;
class Catalog;
enum class Lang;

struct SessionPerson {
    Application app;
    int position = 0;     // reg-28: 1, 2, 3 ... in the order received
    int start_minute = 0; // reg-28: local minutes; the session's start plus a slot per person
    // reg-14: booked in person while the room receives by video only. Staff move it to a video
    // session (with the applicant's consent) or tell the applicant the reception waits.
    bool in_person_under_restriction = false;
};

// How many persons a session can receive: its length over the profile's slot (reg-28).
int session_capacity(const RegulationProfile& profile, const ReceptionSession& s);

// Everyone booked into the session (scheduled, or received there and later), in the order of
// reg-28: an out-of-turn category first (reg-12), then by the moment each was first booked
// into any session, so a booking moved from a cancelled session (reg-16) keeps its turn ahead
// of later ones. A person's time is the session's start plus one slot per person before.
std::vector<SessionPerson> session_persons(Store& store, const RegulationProfile& profile,
                                           const ReceptionSession& s, bool restriction_mode);

// reg-14: bookings into in-person sessions from `today` on, while the room is in restriction
// mode (empty when it is not): made before the switch, they cannot be received as booked.
std::vector<SessionPerson>
bookings_against_restriction(Store& store, const RegulationProfile& profile, Date today);

// reg-11, 12, 13, 21: what the room must arrange for a person, in words of `lang`, one item a
// line: the out-of-turn category, an interpreter, a foreigner, the language of the reception,
// the consent to video. The language is always said: the official must know it beforehand.
std::vector<std::string> person_marks(const Application& a, const RegulationProfile& profile,
                                      const Catalog& texts, Lang lang);

// reg-28: the sessions an applicant may choose at registration (the kiosk, the phone intake):
// the addressed official's, not cancelled, with a free place, late enough for the note to the
// akim (reg-26: its day not before the registration day) and within the reg-29 term; by video
// only in restriction mode (reg-14). Empty when no official is named: the room then chooses.
std::vector<ReceptionSession> sessions_to_choose(Store& store, const RegulationProfile& profile,
                                                 const WorkCalendar& cal,
                                                 const std::string& official_uuid,
                                                 Date registered_on, bool restriction_mode);
// Throws InputError("chosen_session", ...) when a.chosen_session is not one of those (checked
// again at registration: another terminal may have taken the last place meanwhile), or is by
// video without the applicant's consent.
void check_chosen_session(Store& store, const RegulationProfile& profile, const WorkCalendar& cal,
                          const Application& a, bool restriction_mode);

} // namespace reception
