#include "server/public_pages.hpp"

#include "base/assets.hpp"
#include "base/errors.hpp"
#include "base/public_code.hpp"
#include "base/validation.hpp"
#include "common/protocol.hpp"
#include "regulation/calendar.hpp"
#include "server/application_page.hpp"
#include "server/form_fields.hpp"
#include "server/public_html.hpp"
#include "server/server_store.hpp"

#include <charconv>
#include <mutex>
#include <nlohmann/json.hpp>

namespace reception {

// How long a page's long-poll waits for news before it answers with the same state.
constexpr int kLiveWaitMs = 25000;

bool is_public_path(std::string_view target) {
    return target.rfind("/p/", 0) == 0;
}

// The texts and the service names, read once from the data files (assets/).
struct PublicTexts {
    Catalog texts;
    std::vector<RegulationProfile> profiles;
    WorkCalendar cal; // an application's terms are counted in working days (reg-29)
};

static const PublicTexts& public_texts() {
    static std::once_flag once;
    static PublicTexts t;
    // A data file that cannot be read is the store's kind of failure (503), tried again on the
    // next request (call_once runs again after a throw).
    std::call_once(once, [] {
        try {
            t.texts = Catalog::load_dir(assets_dir() / "i18n");
            t.profiles = load_profiles(assets_dir() / "regulations");
            t.cal = WorkCalendar::load_dir(assets_dir() / "calendar");
        } catch (const StoreError&) {
            throw;
        } catch (const std::exception& e) {
            throw StoreError("texts_invalid", std::string("public pages: ") + e.what());
        }
    });
    return t;
}

// The language the link asks for, else the record's (fallback: "kk", "ru" or "").
static Lang page_lang(const std::string& asked, const std::string& fallback) {
    std::string l = asked == "kk" || asked == "ru" ? asked : fallback;
    return l == "ru" ? Lang::ru : Lang::kk;
}

// The words of a page: the profile in force today names the services and grounds.
static PageWords page_words(const PublicTexts& t, Lang lang, Instant now) {
    bool expired = false;
    const RegulationProfile* profile =
        t.profiles.empty() ? nullptr : &profile_for(t.profiles, local_date(now), &expired);
    return PageWords{t.texts, profile, lang, now};
}

static Reply html_reply(std::string body) {
    Reply r;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    r.endpoint = Endpoint::Public;
    return r;
}

Reply public_refusal(int status, int retry_after_s) {
    const PublicTexts& t = public_texts();
    Reply r =
        html_reply("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                   "content=\"width=device-width,initial-scale=1\"></head><body style=\"font:24px "
                   "sans-serif;padding:16px\"><p lang=\"kk\">" +
                   html_escape(t.texts.text(Lang::kk, "pub.too_many")) + "</p><p lang=\"ru\">" +
                   html_escape(t.texts.text(Lang::ru, "pub.too_many")) + "</p></body></html>");
    r.status = status;
    r.retry_after_s = retry_after_s;
    return r;
}

// /p/a/CODE: an application's status; /p/a: the check-code form, and with ?c= what it sends.
static Reply application_answer(ServerCore& core, ServerStore& reader, std::string_view path,
                                std::string_view query, Instant now) {
    const PublicTexts& t = public_texts();
    std::string code, link;
    if (path == "/p/a") {
        std::string typed = form_value(query_param(query, "c"));
        code = code_from_check_code(typed);
        if (code.empty()) {
            typed = utf8_cut(typed, 40);
            PageWords words = page_words(t, page_lang(query_param(query, "l"), "kk"), now);
            return html_reply(lookup_page_html(words, !typed.empty(), typed));
        }
        link = "a/" + code;
    } else {
        code = std::string(path.substr(5));
        if (!is_public_code(code)) throw HttpError(404, "not_found", "no such page");
        link = code;
    }
    auto where = reader.public_code(code);
    Instant seen = where ? core.status.room_last_seen(where->room) : Instant{};
    ApplicationPage page = application_page(reader, code, t.profiles, t.cal, now, seen);
    PageWords words = page_words(t, page_lang(query_param(query, "l"), page.language), now);
    return html_reply(application_page_html(page, words, link));
}

Reply public_page(ServerCore& core, ServerStore& reader, const Request& req, Instant now) {
    if (req.method != "GET") throw HttpError(405, "method_not_allowed", "public pages: GET only");
    std::string_view target = req.target;
    size_t q = target.find('?');
    std::string_view path = target.substr(0, q);
    std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
    if (path == "/p/a" || path.rfind("/p/a/", 0) == 0)
        return application_answer(core, reader, path, query, now);
    if (path.rfind("/p/t/", 0) != 0) throw HttpError(404, "not_found", "no such page");
    std::string_view rest = path.substr(5);
    bool live = rest.size() > 5 && rest.substr(rest.size() - 5) == "/live";
    std::string code(live ? rest.substr(0, rest.size() - 5) : rest);
    if (!is_public_code(code)) throw HttpError(404, "not_found", "no such page");

    const PublicTexts& t = public_texts();
    auto where = reader.public_code(code);
    Instant seen = where ? core.status.room_last_seen(where->room) : Instant{};
    TicketPage page = ticket_page(reader, code, seen);
    PageWords words = page_words(
        t, page_lang(query_param(query, "l"), page.found ? page.ticket.language : ""), now);
    if (!live) return html_reply(ticket_page_html(page, words, code));

    long long since = -1;
    std::string s = query_param(query, "since");
    std::from_chars(s.data(), s.data() + s.size(), since);
    if (page.found && req.may_wait && since >= page.head) {
        Reply wait;
        wait.wait_ms = kLiveWaitMs;
        wait.wait_room = where->room;
        wait.wait_head = since;
        return wait;
    }
    Reply r;
    nlohmann::json j{{"html", ticket_state_html(page, words)}, {"head", page.head}};
    if (!page.found) j["retry_ms"] = 20000; // no room to wait on yet: ask again later
    r.body = j.dump();
    r.endpoint = Endpoint::Public;
    return r;
}

} // namespace reception
