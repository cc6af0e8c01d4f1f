// The public pages as HTML: plain, large type, a little JavaScript that long-polls for news
// and a refresh without it, for a cheap phone's browser. Every text that came from a record
// (a number, a desk, a service code) is escaped: records are hostile input here.
#pragma once

#include "base/i18n.hpp"
#include "regulation/profile.hpp"
#include "server/application_page.hpp"
#include "server/ticket_page.hpp"

#include <string>
#include <string_view>

namespace reception {

std::string html_escape(std::string_view s);

// What the page shows, in one language.
struct PageWords {
    const Catalog& texts;
    const RegulationProfile* profile; // service names; nullptr: the codes
    Lang lang;
    Instant now;
};

// The changing part of a ticket's page (the number, the service, the place or the desk, the
// "as of" line): the page's body at first, then what each long-poll answers with.
std::string ticket_state_html(const TicketPage& page, const PageWords& w);
// The whole page; code is the link's code (checked to be a public code before).
std::string ticket_page_html(const TicketPage& page, const PageWords& w, const std::string& code);

// An application's status page: its number, state in plain words, the next step and its date,
// the reception when set; link: the page's own path relative to where it was asked ("CODE" at
// /p/a/CODE, "a/CODE" at /p/a?c=...), for its language switch and refresh.
std::string application_page_html(const ApplicationPage& page, const PageWords& w,
                                  const std::string& link);
// The page where a check code is typed (/p/a); wrong: what was typed (kept in the field) is no
// check code.
std::string lookup_page_html(const PageWords& w, bool wrong, const std::string& typed);

} // namespace reception
