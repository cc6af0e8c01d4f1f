// reg-27: the list of persons an official receives in one session, for the akim and the
// official: each person in the order of reception with their time (reg-28), what the room must
// arrange (interpreter, foreigner, language, video: reg-11, 13, 21), the essence, and a place
// for the akim's decision on the note (reg-26). Printed as A4 in Kazakh or Russian.
#pragma once

#include "base/date.hpp"
#include "store/store.hpp"

#include <string>

namespace reception {

class Catalog;
enum class Lang;
struct RegulationProfile;

// Writes the list of the session to `file` in `lang`. Returns false and says why in *error
// (an unknown session, or the file could not be written).
bool write_persons_list_pdf(Store& store, const RegulationProfile& profile, const Catalog& texts,
                            Lang lang, const std::string& session_uuid, Instant now,
                            const std::string& file, std::string* error);

} // namespace reception
