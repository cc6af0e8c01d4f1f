#include "server/public_html.hpp"

#include "queue/queue_position.hpp"
#include "queue/ticket_queue.hpp"

namespace reception {

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// Data older than this: the room's terminals have not reached the server lately.
constexpr auto kStaleAfter = std::chrono::minutes(2);

using Args = std::vector<std::pair<std::string, std::string>>;

static std::string para(const char* cls, const std::string& text) {
    return std::string("<p class=\"") + cls + "\">" + html_escape(text) + "</p>";
}

static std::string service_name(const PageWords& w, const std::string& code) {
    const Service* s = w.profile ? w.profile->service(code) : nullptr;
    return s ? s->name(lang_code(w.lang)) : code;
}

// The state of the ticket: the place and the wait, or the desk, or how it ended.
static std::string state_box(const TicketPage& p, const PageWords& w) {
    const Ticket& t = p.ticket;
    auto f = [&](const char* key, const Args& a = {}) { return w.texts.format(w.lang, key, a); };
    Args desk{{"desk", t.desk}};
    switch (t.state) {
    case TicketState::Called:
        return "<div class=\"box called\">" + para("big", f("pub.called")) +
               para("desk", f("pub.go_to_desk", desk)) + "</div>";
    case TicketState::Serving:
        return "<div class=\"box\">" + para("big", f("pub.serving", desk)) + "</div>";
    case TicketState::Done:
        return "<div class=\"box\">" + para("big", f("pub.done")) + "</div>";
    case TicketState::NoShow:
        return "<div class=\"box\">" + para("big", f("pub.no_show")) + "</div>";
    default: // waiting; transferred while the new ticket is not here yet
        return "<div class=\"box\">" +
               para("big", f("ui.people_ahead", {{"count", std::to_string(p.ahead)}})) +
               para("wait", wait_words(w.texts, w.lang, p.ahead, p.minutes)) +
               para("note", f("pub.waiting")) + "</div>";
    }
}

static std::string as_of_lines(Instant as_of, const PageWords& w) {
    if (as_of == Instant{}) return "";
    std::string when = local_date(as_of) == local_date(w.now) ? hhmm(local_minute_of_day(as_of))
                                                              : local_time_text(as_of);
    std::string out = para("asof", w.texts.format(w.lang, "pub.as_of", {{"time", when}}));
    if (w.now - as_of > kStaleAfter) out += para("stale", w.texts.text(w.lang, "pub.stale"));
    return out;
}

std::string ticket_state_html(const TicketPage& p, const PageWords& w) {
    if (!p.found) return para("big", w.texts.text(w.lang, "pub.not_yet"));
    const Ticket& t = p.ticket;
    std::string out = para("label", w.texts.text(w.lang, "pub.ticket")) + para("num", t.number) +
                      para("svc", service_name(w, t.service));
    if (!p.moved_from.empty())
        out += para("note",
                    w.texts.format(w.lang, "pub.moved", {{"service", service_name(w, t.service)}}));
    // A ticket of another queue day (reg-12: the room's day may start after midnight).
    Date today = w.profile ? queue_day(w.now, w.profile->queue_policy) : local_date(w.now);
    if (t.day != today)
        out +=
            para("stale", w.texts.format(w.lang, "pub.other_day", {{"date", dotted_date(t.day)}}));
    return out + state_box(p, w) + as_of_lines(p.as_of, w);
}

// Large type and strong contrast: read by a pensioner on a small screen.
static const char* const kStyle =
    "body{margin:0;font:24px/1.35 'Noto Sans','DejaVu Sans',sans-serif;color:#111;"
    "background:#fff}header{display:flex;justify-content:space-between;align-items:center;"
    "gap:12px;padding:12px 16px;background:#0b4f8a;color:#fff;font-size:24px;font-weight:bold}"
    "header a{color:#fff;padding:8px 14px;border:2px solid #fff;border-radius:10px;"
    "text-decoration:none;white-space:nowrap}main{padding:16px}p{margin:0 0 10px;"
    "overflow-wrap:anywhere}.label{color:#333;margin:0}.num{font-size:76px;font-weight:bold;"
    "line-height:1.1}.svc{font-size:28px}.box{border-radius:14px;padding:16px;margin:16px 0;"
    "background:#e8eff7}.box.called{background:#ffd400}.big{font-size:32px;font-weight:bold}"
    ".desk{font-size:48px;font-weight:bold}.asof{font-size:22px;color:#333}"
    ".stale{color:#a00000;font-weight:bold}footer{padding:16px;font-size:20px;color:#333}"
    ".reg{font-size:40px;font-weight:bold;line-height:1.15}input{font:28px monospace;width:100%;"
    "box-sizing:border-box;padding:12px;margin:8px 0;border:3px solid #0b4f8a;border-radius:10px}"
    "button{font:bold 28px sans-serif;padding:14px 28px;color:#fff;background:#0b4f8a;border:0;"
    "border-radius:10px}";

// Long-polls "CODE/live": the server answers when the room has news past `head` (or after
// 25 s), with the new state and head. Old browsers: XMLHttpRequest, no arrow functions. The
// body's data-updated is when news last came in (the browser test measures by it).
static std::string live_script(long long head, Lang lang) {
    return "<script>(function(){var h=" + std::to_string(head) +
           ",u=location.pathname+'/live?l=" + lang_code(lang) +
           "&since=';function go(d){setTimeout(poll,d)}function poll(){var x=new XMLHttpRequest();"
           "x.open('GET',u+h);x.timeout=40000;x.onload=function(){if(x.status==200){var d=JSON."
           "parse(x.responseText);if(d.head!=h)document.body.setAttribute('data-updated',Date.now"
           "());h=d.head;document.getElementById('s').innerHTML=d.html;"
           "go(d.retry_ms||200)}else "
           "go(5000)};x.onerror=x.ontimeout=function(){go(5000)};x.send()}go(200)})();"
           "</script>";
}

// Without JavaScript the page reloads itself; a ticket not here yet has no room's news to wait
// on, so it reloads either way.
static std::string refresh(const TicketPage& p) {
    const std::string meta = "<meta http-equiv=\"refresh\" content=\"20\">";
    return p.found ? "<noscript>" + meta + "</noscript>" : meta;
}

// Every public page: the title bar with the other language one tap away (`here`: this page's
// link without its language), then the page's own main part and what follows it.
struct PageParts {
    std::string title_key, here, head_extra, main, after_main;
};
static std::string page_html(const PageWords& w, const PageParts& p) {
    Lang other = w.lang == Lang::kk ? Lang::ru : Lang::kk;
    std::string title = html_escape(w.texts.text(w.lang, p.title_key));
    std::string sep = p.here.find('?') == std::string::npos ? "?" : "&";
    return std::string("<!doctype html><html lang=\"") + lang_code(w.lang) +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,"
           "initial-scale=1\"><meta name=\"referrer\" content=\"no-referrer\"><title>" +
           title + "</title>" + p.head_extra + "<style>" + kStyle +
           "</style></head><body><header><span>" + title + "</span><a href=\"" +
           html_escape(p.here + sep + "l=" + lang_code(other)) + "\" hreflang=\"" +
           lang_code(other) + "\">" + html_escape(w.texts.text(w.lang, "pub.other_language")) +
           "</a></header>" + p.main + p.after_main + "</body></html>";
}

std::string ticket_page_html(const TicketPage& p, const PageWords& w, const std::string& code) {
    std::string here = "?l=" + std::string(lang_code(w.lang));
    return page_html(
        w, {"pub.title", code, refresh(p),
            "<main id=\"s\" aria-live=\"polite\">" + ticket_state_html(p, w) + "</main>",
            "<noscript><p style=\"padding:0 16px\"><a href=\"" + html_escape(code) + here + "\">" +
                html_escape(w.texts.text(w.lang, "pub.refresh")) + "</a></p></noscript><footer>" +
                html_escape(w.texts.text(w.lang, "pub.footer")) + "</footer>" +
                (p.found ? live_script(p.head, w.lang) : "")});
}

// Applications
static std::string app_words(const PageWords& w, const std::string& key, const Args& a = {}) {
    return w.texts.format(w.lang, key, a);
}

static std::string missing_words(const PageWords& w, const std::vector<std::string>& missing) {
    std::string out;
    for (const auto& m : missing)
        out += (out.empty() ? "" : ", ") + w.texts.text(w.lang, "console.art63." + m);
    return out;
}

// The reception once it is set: the day and hours, by video or the place, and who receives.
static std::string reception_lines(const ApplicationPage& p, const PageWords& w) {
    const ReceptionSession& s = *p.status.session;
    std::string out = para("big", app_words(w, "pub.app.reception_when",
                                            {{"date", dotted_date(s.date)},
                                             {"from", hhmm(s.start_minute)},
                                             {"to", hhmm(s.end_minute)}}));
    std::string room = w.lang == Lang::kk ? p.room_kk : p.room_ru;
    if (s.mode == SessionMode::Video)
        out += para("svc", app_words(w, "pub.app.reception_video"));
    else if (!room.empty())
        out += para("svc", app_words(w, "pub.app.reception_where", {{"room", room}}));
    std::string official = w.lang == Lang::kk ? p.official_kk : p.official_ru;
    if (!official.empty())
        out += para("svc", app_words(w, "pub.app.reception_official", {{"official", official}}));
    return out;
}

// The next step, in the applicant's words, with its date.
static std::string next_step_box(const ApplicationPage& p, const PageWords& w) {
    const ApplicationStatus& s = p.status;
    std::string date = s.date ? dotted_date(*s.date) : "";
    std::string key = std::string("pub.app.next.") + to_code(s.next);
    std::string out;
    switch (s.next) {
    case NextStep::None:
        break;
    case NextStep::BringMissing:
        out = para("note",
                   app_words(w, key, {{"missing", missing_words(w, s.missing)}, {"date", date}}));
        break;
    case NextStep::ComeToReception:
        out = s.session ? reception_lines(p, w) + para("note", app_words(w, "pub.app.own_time"))
                        : para("note", app_words(w, "pub.app.next.new_date_coming"));
        break;
    default:
        out = para(s.date ? "big" : "note", app_words(w, key, {{"date", date}}));
    }
    if (s.state == AppState::Received && s.session)
        out += para("note",
                    app_words(w, "pub.app.received_on", {{"date", dotted_date(s.session->date)}}));
    if (s.state == AppState::Refused && w.profile) {
        if (const NamedCode* g = w.profile->refusal_ground(s.refusal_ground))
            out += para("note", app_words(w, "pub.app.refusal_ground",
                                          {{"ground", g->name(lang_code(w.lang))}}));
    }
    return out.empty() ? "" : "<div class=\"box\">" + out + "</div>";
}

std::string application_page_html(const ApplicationPage& p, const PageWords& w,
                                  const std::string& link) {
    std::string main;
    if (!p.found) {
        main = para("big", w.texts.text(w.lang, "pub.app.not_yet"));
    } else {
        const ApplicationStatus& s = p.status;
        main = para("label", w.texts.text(w.lang, "pub.app.number")) + para("reg", s.reg_number) +
               para("svc", app_words(w, "pub.app.registered_on",
                                     {{"date", dotted_date(s.registered_on)}})) +
               (s.initials.empty()
                    ? ""
                    : para("svc", app_words(w, "pub.app.applicant", {{"initials", s.initials}}))) +
               "<div class=\"box state\">" +
               para("big", w.texts.text(w.lang, std::string("app.state.") + to_code(s.state))) +
               "</div>" + next_step_box(p, w);
        main += as_of_lines(p.as_of, w);
    }
    std::string here = "?l=" + std::string(lang_code(w.lang));
    return page_html(w,
                     {"pub.app.title", link, "", "<main id=\"s\">" + main + "</main>",
                      "<p style=\"padding:0 16px\"><a href=\"" + html_escape(link) + here + "\">" +
                          html_escape(w.texts.text(w.lang, "pub.refresh")) + "</a></p><footer>" +
                          html_escape(w.texts.text(w.lang, "pub.app.ask")) + "<br>" +
                          html_escape(w.texts.text(w.lang, "pub.footer")) + "</footer>"});
}

std::string lookup_page_html(const PageWords& w, bool wrong, const std::string& typed) {
    std::string main =
        para("svc", w.texts.text(w.lang, "pub.app.lookup_prompt")) +
        "<form method=\"get\" action=\"a\"><input type=\"hidden\" name=\"l\" value=\"" +
        lang_code(w.lang) +
        "\"><input name=\"c\" autocomplete=\"off\" autocapitalize=\"characters\" "
        "spellcheck=\"false\" maxlength=\"40\" placeholder=\"ABCD-EFGH-JKLM-NPQR\" value=\"" +
        html_escape(typed) + "\" aria-label=\"" +
        html_escape(w.texts.text(w.lang, "pub.app.lookup_prompt")) + "\"><button>" +
        html_escape(w.texts.text(w.lang, "pub.app.lookup_button")) + "</button></form>" +
        (wrong ? para("stale", w.texts.text(w.lang, "pub.app.lookup_wrong")) : "");
    return page_html(w, {"pub.app.title", "a", "", "<main>" + main + "</main>",
                         "<footer>" + html_escape(w.texts.text(w.lang, "pub.app.ask")) + "<br>" +
                             html_escape(w.texts.text(w.lang, "pub.footer")) + "</footer>"});
}

} // namespace reception
