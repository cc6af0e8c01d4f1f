// The printable exports of the schedule: the month's reception schedule for the akimat's
// website and the notice board (reg-8: in Kazakh and in Russian), printed on the A4 pages of
// documents/a4_pdf.hpp.
#pragma once

#include "base/date.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reception {

class Catalog;
enum class Lang;
struct RegulationProfile;

// The month of `any_day_of_month`, for the website:
// {"month": "2026-03", "sessions": [{date, weekday (1 = Monday), start, end, official_uuid,
//  official, role, position_kk, position_ru, mode, ad_hoc, room_kk, room_ru}, ...],
//  "officials_without_session": [{uuid, official, role, position_kk, position_ru}, ...] (reg-7:
//  fewer sessions than the profile's minimum, in the order of rank)}.
// Cancelled sessions (reg-16) are left out; sessions are in order of date and start.
nlohmann::json schedule_month_json(Store& store, const RegulationProfile& profile,
                                   Date any_day_of_month);

// The same month as an A4 table by date in one language, titled "Қабылдау кестесі — 2026 ж.
// наурыз". Returns false and says why in *error.
bool write_schedule_pdf(Store& store, const Catalog& texts, Lang lang, Date any_day_of_month,
                        const std::string& file, std::string* error);

} // namespace reception
