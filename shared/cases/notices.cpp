#include "cases/notices.hpp"

#include "base/i18n.hpp"
#include "base/uuid.hpp"
#include "cases/bookings.hpp"
#include "cases/deadlines.hpp"
#include "cases/notice_channel.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "schedule/schedule.hpp"
#include "store/outbox.hpp"
#include "store/record_fields.hpp"

namespace reception {

using nlohmann::json;

// Codes
bool is_notice_about(const std::string& about) {
    for (const char* a : {"correction", "extension", "reception_date", "refusal_draft",
                          "other_body", "session_cancelled", "answer"})
        if (about == a) return true;
    return false;
}

bool is_notice_channel(const std::string& channel) {
    return channel == "phone" || channel == "sms" || channel == "letter" || channel == "email";
}

// Which notice a move needs
// The regulation gives a term for some notices (reg-30: 3 working days; reg-32: 3 working days
// before the decision); where it gives none (reg-6, the date of reception, the answer) the
// applicant is told the next working day, and the date of reception no later than the reg-29
// (or extended reg-30) term and no later than the working day before the reception.
std::optional<Notice> notice_for_move(Store& store, const Application& a, const MoveInput& in,
                                      const RegulationProfile& p, const WorkCalendar& cal,
                                      Date today) {
    Notice n;
    n.application_uuid = a.uuid;
    n.channel = notice_channel_for(a); // SMS or e-mail by the server only with consent
    Date next_day = cal.add_working_days(today, 1);
    switch (in.to) {
    case AppState::NeedsCorrection:
        n.about = "correction";
        n.item = "reg-6";
        n.due_on = next_day;
        break;
    case AppState::Extended:
        n.about = "extension";
        n.item = "reg-30";
        n.due_on = term_after(cal, p.term("extension_notice"), today);
        break;
    case AppState::Scheduled: {
        n.about = "reception_date";
        n.item = "reg-29";
        // Within the term, and before the reception itself: a date told after the day has
        // passed tells the applicant nothing, whatever the term says.
        Date due = response_clock(a, history(store, a.uuid), p, cal, today).due;
        if (auto s = find_session(store, in.session_uuid))
            due = std::min(due, cal.sub_working_days(s->date, 1));
        n.due_on = std::max(today, due);
        break;
    }
    case AppState::RefusalDraftSent:
        if (!in.decision_on) return std::nullopt;
        n.about = "refusal_draft";
        n.item = "reg-32";
        n.due_on =
            std::max(today, term_before(cal, p.term("draft_refusal_before"), *in.decision_on));
        break;
    case AppState::Refused:
    case AppState::Returned:
        n.about = "answer";
        n.item = in.to == AppState::Refused ? "reg-15" : "reg-6";
        n.due_on = next_day;
        break;
    default:
        return std::nullopt;
    }
    return n;
}

// Records
static const RecordField<Notice> kNoticeFields[] = {
    RECORD_TEXT(Notice, uuid, uuid),
    RECORD_TEXT(Notice, application_uuid, application_uuid),
    RECORD_TEXT(Notice, about, about),
    RECORD_TEXT(Notice, item, item),
    RECORD_TEXT(Notice, channel, channel),
    RECORD_DATE(Notice, due_on, due_on),
    RECORD_OPT_DATE(Notice, sent_on, sent_on), // null until sent: the server checks it is
    RECORD_TEXT(Notice, sent_by, sent_by),
    RECORD_TEXT(Notice, text, text),
};

static std::vector<Notice> notices_where(Store& store, const char* where,
                                         const std::string& arg = "") {
    return read_records(store, kNoticeFields, "notices", where, arg);
}

Notice plan_notice(Store& store, Notice n, Instant now) {
    if (!is_notice_about(n.about)) throw InputError("about", "unknown_notice");
    if (!is_notice_channel(n.channel)) throw InputError("channel", "unknown_channel");
    if (n.uuid.empty()) n.uuid = new_uuid();
    store.transaction([&] {
        if (!find_application(store, n.application_uuid))
            throw InputError("application", "application_not_found");
        static const std::string sql =
            insert_sql("notices", kNoticeFields, {"created_at", "updated_at"});
        Stmt ins = store.prepare(sql.c_str());
        bind_record(kNoticeFields, n, ins);
        bind_extra(kNoticeFields, ins, {format_instant(now), format_instant(now)});
        ins.run();
        append_outbox(store, "notice", n.uuid, "notice.planned", record_json(kNoticeFields, n));
    });
    return n;
}

// The live session of a booking moved by a cancellation (reg-16), or none when it was left for
// the room to place (it still points at the cancelled session).
static std::optional<ReceptionSession> moved_session(Store& store, const std::string& uuid) {
    auto a = find_application(store, uuid);
    if (!a || a->state != AppState::Scheduled) return std::nullopt;
    auto s = find_session(store, a->session_uuid);
    if (!s || s->cancelled) return std::nullopt;
    return s;
}

Notice mark_notice_sent(Store& store, const std::string& uuid, const std::string& actor,
                        Instant now, const std::string& channel) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    if (!channel.empty() && !is_notice_channel(channel))
        throw InputError("channel", "unknown_channel");
    Notice n;
    store.transaction([&] {
        auto found = notices_where(store, "WHERE uuid = ?1", uuid);
        if (found.empty()) throw InputError("notice", "notice_not_found");
        n = found.front();
        if (n.sent_on) throw InputError("notice", "notice_already_sent");
        auto d = find_notice_delivery(store, uuid);
        if (d && delivery_went_out(d->state)) throw InputError("notice", "notice_already_sent");
        n.sent_on = local_date(now);
        n.sent_by = actor;
        if (!channel.empty()) n.channel = channel; // how it really went, not how it was planned
        store
            .prepare("UPDATE notices SET sent_on = ?2, sent_by = ?3, updated_at = ?4, "
                     "channel = ?5 WHERE uuid = ?1")
            .bind(1, uuid)
            .bind(2, format_date(*n.sent_on))
            .bind(3, actor)
            .bind(4, format_instant(now))
            .bind(5, n.channel)
            .run();
        append_outbox(store, "notice", n.uuid, "notice.sent", record_json(kNoticeFields, n));
        json data = {{"about", n.about}, {"channel", n.channel}, {"notice", n.uuid}};
        // reg-29: a cancellation's notice that gives the new date and time tells the applicant
        // what the date-of-reception notice would (deadlines.cpp counts it so).
        if (n.about == "session_cancelled" && moved_session(store, n.application_uuid))
            data["tells_date"] = true;
        record_application_event(store, n.application_uuid, event_kind::kNoticeSent, actor, "",
                                 data, now);
    });
    return n;
}

// The words
static std::string official_words(Store& store, const std::string& uuid, Lang lang) {
    auto o = find_official(store, uuid);
    if (!o) return "—";
    const std::string& position = lang == Lang::kk ? o->position_kk : o->position_ru;
    return full_name(*o) + (position.empty() ? "" : ", " + position);
}

static std::string room_words(Store& store, const std::string& uuid, Lang lang) {
    for (const auto& r : list_rooms(store))
        if (r.uuid == uuid) return lang == Lang::kk ? r.name_kk : r.name_ru;
    return "—";
}

// reg-28: the person's own time in the session, not the session's start.
static int own_start(Store& store, const RegulationProfile& p, const ReceptionSession& s,
                     const std::string& uuid) {
    for (const auto& person : session_persons(store, p, s, false))
        if (person.app.uuid == uuid) return person.start_minute;
    return s.start_minute;
}

std::string notice_words(Store& store, const RegulationProfile& profile, const Notice& n,
                         const Catalog& texts) {
    auto a = find_application(store, n.application_uuid);
    if (!a) return n.text;
    Lang lang = Lang::kk; // reg-21: the applicant's language, never the console's
    parse_lang(a->language, &lang);
    if (n.about == "reception_date" || n.about == "session_cancelled") {
        if (auto s = moved_session(store, a->uuid)) {
            const char* key = n.about == "reception_date" ? "notice.words.reception_date"
                                                          : "notice.words.session_moved";
            return texts.format(
                lang, key,
                {{"date", dotted_date(s->date)},
                 {"time", hhmm(own_start(store, profile, *s, a->uuid))},
                 {"official", official_words(store, s->official_uuid, lang)},
                 {"room", room_words(store, s->room_uuid, lang)},
                 {"mode", texts.text(lang, std::string("session.mode.") + to_code(s->mode))}});
        }
    }
    // A date of reception with no live session (its session since cancelled, not moved).
    std::string key = n.about == "reception_date" ? "reception_date_later" : n.about;
    std::string words = texts.text(lang, "notice.words." + key);
    if (!n.text.empty()) words += " " + n.text;
    return words;
}

void replan_notice(Store& store, const std::string& uuid, const std::string& channel, Instant now) {
    if (!is_notice_channel(channel)) throw InputError("channel", "unknown_channel");
    store.transaction([&] {
        auto found = notices_where(store, "WHERE uuid = ?1", uuid);
        if (found.empty()) throw InputError("notice", "notice_not_found");
        Notice n = found.front();
        if (n.sent_on || n.channel == channel) return;
        n.channel = channel;
        store.prepare("UPDATE notices SET channel = ?2, updated_at = ?3 WHERE uuid = ?1")
            .bind(1, uuid)
            .bind(2, channel)
            .bind(3, format_instant(now))
            .run();
        // No updated_at, like every notice op: the server takes them in the order they come.
        append_outbox(store, "notice", n.uuid, "notice.replanned", record_json(kNoticeFields, n));
    });
}

static std::vector<Notice> with_deliveries(Store& store, std::vector<Notice> list) {
    for (Notice& n : list) n.delivery = find_notice_delivery(store, n.uuid);
    return list;
}

std::vector<Notice> notices_of(Store& store, const std::string& application_uuid) {
    return with_deliveries(
        store, notices_where(store, "WHERE application_uuid = ?1 ORDER BY due_on, created_at",
                             application_uuid));
}

std::vector<Notice> notices_open(Store& store) {
    return with_deliveries(
        store, notices_where(store, "WHERE sent_on IS NULL AND uuid NOT IN (SELECT uuid FROM "
                                    "notice_deliveries WHERE state IN ('sent', 'delivered')) "
                                    "ORDER BY due_on, created_at"));
}

} // namespace reception
