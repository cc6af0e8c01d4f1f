#include "cases/notice_text.hpp"

#include "base/errors.hpp"

#include <fstream>

namespace reception {
using nlohmann::json;

// Every kind notices.cpp plans; a date of reception and a cancelled session also have a text for
// when no live session is known yet; "test" is reception-server notify-test's.
static const char* const kKinds[] = {
    "correction",    "extension",  "reception_date",    "reception_date_no_date",
    "refusal_draft", "other_body", "session_cancelled", "session_cancelled_no_date",
    "answer",        "test",       "turn_near"};

static json read_language(const std::filesystem::path& file) {
    std::ifstream in(file);
    json j = json::parse(in, nullptr, false);
    if (!in || j.is_discarded() || !j.is_object())
        throw StoreError("texts_invalid", file.string() + ": not a JSON object",
                         {{"path", file.string()}});
    for (const char* key : {"subject", "greeting", "footer"})
        if (!j.value(key, json()).is_string())
            throw StoreError("texts_invalid", file.string() + ": no " + key,
                             {{"path", file.string()}});
    for (const char* kind : kKinds)
        if (!j.value("notices", json::object()).value(kind, json()).is_string())
            throw StoreError("texts_invalid", file.string() + ": no text for " + kind,
                             {{"path", file.string()}});
    return j;
}

NoticeTemplates NoticeTemplates::load(const std::filesystem::path& dir) {
    NoticeTemplates t;
    for (const char* lang : {"kk", "ru"})
        t.by_lang_[lang] = read_language(dir / (std::string(lang) + ".json"));
    return t;
}

// {name} replaced by its fact; the facts are plain text, so nothing needs escaping here (the
// SMS gateway's body and the MIME encoding escape for their own formats).
static std::string fill(std::string text, const NoticeFacts& f) {
    const std::pair<const char*, const std::string*> facts[] = {
        {"{reg_number}", &f.reg_number},
        {"{registered_on}", &f.registered_on},
        {"{date}", &f.date},
        {"{time}", &f.time},
        {"{room}", &f.room},
        {"{number}", &f.number},
        {"{ahead}", &f.ahead}};
    for (const auto& [name, value] : facts)
        for (size_t at = text.find(name); at != std::string::npos;
             at = text.find(name, at + value->size()))
            text.replace(at, std::string(name).size(), *value);
    return text;
}

NoticeMessage NoticeTemplates::render(const std::string& about, const NoticeFacts& f) const {
    auto lang = by_lang_.find(f.lang == "ru" ? "ru" : "kk"); // reg-21: kk unless ru
    std::string kind = about;
    if ((about == "reception_date" || about == "session_cancelled") && f.date.empty())
        kind += "_no_date";
    const json& notices = lang->second["notices"];
    if (!notices.contains(kind) || about.find("_no_date") != std::string::npos)
        throw InputError("about", "unknown_notice");
    NoticeMessage m;
    m.subject = fill(lang->second["subject"].get<std::string>(), f);
    m.text = fill(notices[kind].get<std::string>(), f);
    m.body = lang->second["greeting"].get<std::string>() + "\n\n" + m.text + "\n\n" +
             lang->second["footer"].get<std::string>() + "\n";
    return m;
}

} // namespace reception
