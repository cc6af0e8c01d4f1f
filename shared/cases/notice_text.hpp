// The words of a notice the central server sends, from the templates in assets/notices/LANG.json
// (one text per notice kind, in the applicant's language, reg-21): the registration number and
// date, and for a reception its date, time and room. Never the essence nor a name: an SMS is
// read on a lock screen, and a relay keeps mail in clear.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace reception {

// What a template may say; "" when not known (no session: the "_no_date" text is used).
struct NoticeFacts {
    std::string lang = "kk"; // kk | ru: the applicant's
    std::string reg_number, registered_on, date, time, room;
    std::string number; // a queue ticket's: the turn SMS (queue/turn_text.hpp)
    std::string ahead;  // the turn SMS: how many are ahead at most when it goes (kTurnTextAhead)
};

struct NoticeMessage {
    std::string subject; // e-mail only
    std::string text;    // the SMS, and the heart of the e-mail
    std::string body;    // the e-mail's whole text
};

// The templates of both languages, read once. Throws StoreError("texts_invalid") when a file is
// missing or a notice kind lacks a text in one of them.
class NoticeTemplates {
  public:
    static NoticeTemplates load(const std::filesystem::path& dir);
    // Throws InputError("about", "unknown_notice") for a kind without a text.
    NoticeMessage render(const std::string& about, const NoticeFacts& facts) const;

  private:
    std::map<std::string, nlohmann::json> by_lang_;
};

} // namespace reception
