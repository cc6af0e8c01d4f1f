#include "speech.hpp"

#include "base/validation.hpp"
#include "schedule/schedule.hpp"

#include <algorithm>
#include <map>

namespace reception::kiosk {

// Phrases
std::string join_phrases(const std::vector<std::string>& phrases) {
    std::string out;
    for (const auto& p : phrases) {
        if (p.empty()) continue;
        if (!out.empty()) out += ' ';
        out += p;
        char last = p.back();
        if (last != '.' && last != '?' && last != '!' && last != ':') out += '.';
    }
    return out;
}

namespace {

// What one screen says, phrase by phrase, in the visitor's language.
struct Said {
    KioskModel& m;
    std::vector<std::string> phrases;
    void add(std::string p) { phrases.push_back(std::move(p)); }
    void key(std::string_view k) { add(m.t(k)); }
    void key(std::string_view k, const std::vector<std::pair<std::string, std::string>>& a) {
        add(m.tf(k, a));
    }
    // A toggle or one of several buttons, and whether it is the one chosen.
    void choice(const std::string& label, bool chosen) {
        add(label + ": " + m.t(chosen ? "speech.chosen" : "speech.not_chosen"));
    }
    // A text field: its name and whether something is in it, never what.
    void field(std::string_view label_key, const std::string& value) {
        add(m.t(label_key) + ": " + m.t(value.empty() ? "speech.empty" : "speech.filled"));
    }
    // Where Back and Next are: the header of every step has them in its corners.
    void header(std::string_view next_key = "") {
        if (!next_key.empty()) key("speech.next", {{"next", m.t(next_key)}});
        key("speech.back", {{"back", m.t("ui.back")}});
    }
};

const std::string& other_text(const KioskModel& m, Lang l, std::string_view key) {
    return m.texts().text(l, key);
}

void start_speech(Said& s) {
    s.key("speech.welcome");
    s.key("speech.buttons_top_down");
    for (const char* k : {"ui.take_ticket", "ui.sign_up", "ui.schedule"}) s.key(k);
    s.key("speech.volume_hint",
          {{"quieter", s.m.t("ui.volume_down")}, {"louder", s.m.t("ui.volume_up")}});
}

void service_speech(Said& s) {
    s.key("ui.choose_service");
    s.key("speech.buttons_top_down");
    for (const auto& sv : s.m.profile().services) s.add(sv.name(lang_code(s.m.lang())));
    s.header();
}

void category_speech(Said& s) {
    s.key("speech.category_question");
    s.key("ui.category_check_note");
    s.key("speech.buttons_top_down");
    s.key("ui.no_category");
    s.key("speech.two_columns");
    for (const auto& c : s.m.profile().out_of_turn) s.add(c.name(lang_code(s.m.lang())));
    s.header();
}

// The printer: a ticket to take, or the number to note down.
void printout_speech(Said& s, const std::string& spoken) {
    const PrintState& p = s.m.print_state();
    if (p.tried && !p.ok)
        s.key("error.printer_failed", {{"number", spoken}});
    else if (p.tried)
        s.key("speech.take_printout");
    s.key("speech.done", {{"done", s.m.t("ui.done")}});
}

void ticket_speech(Said& s) {
    const auto& t = s.m.ticket();
    if (!t) return;
    std::string number = spoken_number(t->number);
    s.add(s.m.t("ui.your_number") + ": " + number);
    if (const Service* sv = s.m.profile().service(t->service))
        s.add(sv->name(lang_code(s.m.lang())));
    if (const NamedCode* c = s.m.profile().category(t->category)) {
        s.add(s.m.t("ui.out_of_turn") + ": " + c->name(lang_code(s.m.lang())));
        s.key("ui.category_check_note");
    }
    // Not the screen's "Перед вами: 1 чел.": the voice reads the abbreviation as it stands.
    s.key("speech.people_ahead", {{"count", std::to_string(s.m.people_ahead())}});
    // Said twice: it is what the visitor must keep.
    s.add(s.m.t("ui.your_number") + ": " + number);
    printout_speech(s, number);
    if (s.m.turn_text_offered()) s.key("ui.turn_text_offer"); // the button under the ticket
}

std::string position_of(const KioskModel& m, const Official& o) {
    const std::string& p = m.lang() == Lang::kk ? o.position_kk : o.position_ru;
    return p.empty() ? m.t("role." + o.role) : p;
}

void official_speech(Said& s) {
    s.key("ui.official");
    s.key("speech.buttons_top_down");
    s.key("ui.not_sure");
    for (const auto& o : list_officials(s.m.store()))
        if (o.active) s.add(full_name(o) + ", " + position_of(s.m, o));
    s.header();
}

void essence_speech(Said& s) {
    s.key("ui.essence");
    s.field("ui.essence_hint", s.m.form().essence);
    s.key("speech.keyboard");
    s.header("ui.next");
}

void applicant_speech(Said& s) {
    const SignupForm& f = s.m.form();
    s.key("ui.who_applies");
    s.key("speech.left_right");
    s.choice(s.m.t("ui.individual"), !f.representative);
    s.choice(s.m.t("ui.representative"), f.representative);
    if (f.representative) {
        s.field("ui.bin", f.bin);
        s.field("ui.entity_name", f.entity_name);
        s.field("ui.authority_document", f.authority_document);
        s.key("speech.keyboard");
    } else {
        s.key("ui.id_document_note");
    }
    s.header("ui.next");
}

void person_speech(Said& s) {
    const SignupForm& f = s.m.form();
    s.key("ui.about_you");
    s.field("ui.iin", f.iin);
    s.field("ui.phone_any", f.phone); // as the screen labels it
    s.field("ui.surname", f.surname);
    s.field("ui.name", f.name);
    s.field("ui.patronymic", f.patronymic);
    s.choice(s.m.t("ui.foreigner_short"), f.foreigner);
    s.key("speech.keyboard");
    s.header("ui.next");
}

void options_speech(Said& s) {
    const SignupForm& f = s.m.form();
    s.key("ui.signup_options");
    s.key("ui.language_of_reception");
    s.key("speech.left_right");
    s.choice(s.m.t("ui.reception_in_kk"), f.language == "kk");
    s.choice(s.m.t("ui.reception_in_ru"), f.language == "ru");
    if (std::string mobile = s.m.sms_phone(); !mobile.empty())
        s.choice(s.m.tf("ui.notice_consent", {{"phone", mobile}}), f.notice_consent);
    // reg-13: consent is what the visitor ticked, also under restriction (reg-14).
    s.choice(s.m.t("ui.video_consent"), f.video);
    if (s.m.restricted()) s.key("ui.video_only_note");
    s.choice(s.m.t("ui.interpreter_needed"), f.interpreter);
    s.header("ui.next");
}

void review_speech(Said& s) {
    const SignupForm& f = s.m.form();
    s.key("ui.review");
    std::string official = s.m.t("ui.not_sure");
    for (const auto& o : list_officials(s.m.store()))
        if (o.uuid == f.official_uuid) official = full_name(o);
    s.add(s.m.t("ui.official") + ": " + official);
    s.add(s.m.t("ui.language_of_reception") + ": " + s.m.t("lang." + f.language));
    if (f.notice_consent && !s.m.sms_phone().empty()) s.key("ui.review_sms");
    if (f.video) s.key("ui.video_consent");
    if (f.interpreter) s.key("ui.interpreter_needed");
    if (f.foreigner) s.key("ui.foreigner");
    s.key("speech.details_on_screen");
    s.header("ui.submit");
}

void receipt_speech(Said& s) {
    const auto& a = s.m.receipt();
    if (!a) return;
    std::string number = spoken_reg_number(a->reg_number);
    s.key("ui.receipt_title");
    s.add(s.m.t("ui.reg_number") + ": " + number);
    s.key("ui.signup_next_steps");
    if (std::string notices = s.m.notices_text(); !notices.empty()) s.add(notices);
    printout_speech(s, number);
}

// The sessions of the coming week, from the day of the visitor's last touch.
void schedule_speech(Said& s) {
    s.key("ui.schedule");
    Date today = local_date(s.m.last_touch());
    std::vector<Official> officials = list_officials(s.m.store());
    for (const auto& session : sessions_between(s.m.store(), today, add_days(today, 6))) {
        auto o = std::find_if(officials.begin(), officials.end(),
                              [&](const Official& x) { return x.uuid == session.official_uuid; });
        if (session.cancelled || o == officials.end()) continue;
        unsigned weekday = std::chrono::weekday{std::chrono::sys_days{session.date}}.iso_encoding();
        std::string day =
            session.date == today ? s.m.t("ui.today") : s.m.t("weekday." + std::to_string(weekday));
        // "сағат 10", "9:30": the voices read "10:00" as "ten, zero zero", "09" as "zero nine".
        int start = session.start_minute;
        std::string time = std::to_string(start / 60);
        if (start % 60) time += (start % 60 < 10 ? ":0" : ":") + std::to_string(start % 60);
        s.key("speech.session", {{"day", day}, {"time", time}, {"name", full_name(*o)}});
    }
    s.header();
}

void speak_screen_of(Said& s) {
    switch (s.m.screen()) {
    case Screen::Start:
        return start_speech(s);
    case Screen::Service:
        return service_speech(s);
    case Screen::Category:
        return category_speech(s);
    case Screen::TicketDone:
        return ticket_speech(s);
    case Screen::TicketText:
        s.key("speech.turn_text");
        return s.header("ui.turn_text_save");
    case Screen::SignupOfficial:
        return official_speech(s);
    case Screen::SignupEssence:
        return essence_speech(s);
    case Screen::SignupApplicant:
        return applicant_speech(s);
    case Screen::SignupPerson:
        return person_speech(s);
    case Screen::SignupOptions:
        return options_speech(s);
    case Screen::SignupReview:
        return review_speech(s);
    case Screen::SignupDone:
        return receipt_speech(s);
    case Screen::Schedule:
        return schedule_speech(s);
    }
}

// The label a field has on its screen.
std::string field_label(const KioskModel& m, const std::string& field) {
    if (field == "essence") return m.t("ui.essence");
    if (field == "iin" || field == "phone" || field == "surname" || field == "name" ||
        field == "patronymic" || field == "bin" || field == "entity_name" ||
        field == "authority_document" || field == "official")
        return m.t("ui." + field);
    return "";
}

// A key as the voice says it: letters and digits by themselves, signs and keys by name.
std::string key_name(const KioskModel& m, const std::string& key) {
    static const std::map<std::string, std::string> signs{
        {",", "key.comma"},    {".", "key.dot"},  {"-", "key.dash"},
        {"?", "key.question"}, {"+", "key.plus"}, {"'", "key.apostrophe"}};
    if (auto it = signs.find(key); it != signs.end()) return m.t("speech." + it->second);
    if (key.rfind("key.", 0) == 0) return m.t("speech." + key);
    return key;
}

std::string count_of(const std::string& value) {
    return std::to_string(utf8_length(value));
}

} // namespace

std::vector<std::string> key_phrases(const KioskModel& m, const std::string& key, bool typed,
                                     const std::string& value) {
    std::string name = key_name(m, key), count = count_of(value);
    bool letter = key.rfind("key.", 0) != 0 || key == "key.space";
    if (!typed || !(letter || key == "key.backspace")) return {name};
    if (key == "key.backspace") return {m.tf("speech.erased", {{"count", count}})};
    return {m.tf("speech.typed", {{"key", name}, {"count", count}})};
}

std::vector<std::string> field_phrases(const KioskModel& m, const std::string& label,
                                       const std::string& value) {
    std::string state = m.t(value.empty() ? "speech.empty" : "speech.filled");
    if (!value.empty()) state += ", " + m.tf("speech.field_count", {{"count", count_of(value)}});
    return {label + ": " + state, m.t("speech.field_chosen")};
}

std::vector<std::string> error_phrases(const KioskModel& m) {
    std::vector<std::string> out;
    for (const auto& [field, code] : m.errors()) {
        std::string label = field_label(m, field);
        out.push_back(label.empty() ? m.error_text(field) : label + ": " + m.error_text(field));
    }
    return out;
}

std::vector<std::string> countdown_phrases(const KioskModel& m, int seconds) {
    return {m.t("ui.more_time_question"),
            m.tf("ui.inactivity_countdown", {{"seconds", std::to_string(seconds)}}),
            m.t("speech.tap_anywhere")};
}

std::vector<Announcement> screen_speech(KioskModel& m) {
    std::vector<Announcement> out;
    if (m.screen() == Screen::Start) {
        // In the other language, in its own voice: where to switch to it.
        Lang other = m.lang() == Lang::kk ? Lang::ru : Lang::kk;
        const std::string& name = other_text(m, other, std::string("lang.") + lang_code(other));
        out.push_back({m.texts().format(other, "speech.this_language", {{"button", name}}), other});
    }
    Said s{m, error_phrases(m)};
    speak_screen_of(s);
    out.push_back({join_phrases(s.phrases), m.lang()});
    return out;
}

// The model's speech intents
void KioskModel::speak(std::vector<Announcement> texts) {
    if (hush) hush();
    for (auto& a : texts) {
        a.volume = speech_.volume;
        if (say && !a.text.empty()) say(a);
    }
}

void KioskModel::speak_screen() {
    if (speech_.on) speak(screen_speech(*this));
}

void KioskModel::speak_errors() {
    if (speech_.on && !errors_.empty()) speak({{join_phrases(error_phrases(*this)), lang_}});
}

void KioskModel::speak_countdown(int seconds) {
    if (!speech_.on || speech_.countdown_said) return;
    speech_.countdown_said = true;
    speak({{join_phrases(countdown_phrases(*this, seconds)), lang_}});
}

void KioskModel::speak_key(const std::string& key, bool typed, const std::string& value) {
    if (speech_.on) speak({{join_phrases(key_phrases(*this, key, typed, value)), lang_}});
}

void KioskModel::speak_field(const std::string& label, const std::string& value) {
    if (speech_.on) speak({{join_phrases(field_phrases(*this, label, value)), lang_}});
}

void KioskModel::set_speech(bool on) {
    if (on == speech_.on) return;
    if (!on) {
        speech_.on = false;
        speak({{t("speech.off"), lang_}});
        return;
    }
    speech_.on = true;
    std::vector<Announcement> texts{
        {join_phrases({t("speech.on"), tf("speech.repeat_hint", {{"repeat", t("ui.repeat")}})}),
         lang_}};
    for (auto& a : screen_speech(*this)) texts.push_back(std::move(a));
    speak(std::move(texts));
}

void KioskModel::speech_key() {
    if (speech_.on)
        repeat_speech();
    else
        set_speech(true);
}

void KioskModel::repeat_speech() {
    speak_screen();
}

void KioskModel::change_volume(int step) {
    if (!speech_.on) return;
    int v = std::clamp(speech_.volume + step * SpeechState::kStep, SpeechState::kMin,
                       SpeechState::kMax);
    // Said at the new volume, so the visitor hears what they chose.
    const char* key = v == speech_.volume ? (step > 0 ? "speech.loudest" : "speech.quietest")
                                          : (step > 0 ? "ui.volume_up" : "ui.volume_down");
    speech_.volume = v;
    speak({{t(key), lang_}});
}

void KioskModel::assistance_off() {
    if (speech_.on && hush) hush();
    speech_ = SpeechState{};
    large_text_ = false;
}

} // namespace reception::kiosk
