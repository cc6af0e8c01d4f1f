#include "reports/persons_list.hpp"

#include "base/i18n.hpp"
#include "base/validation.hpp"
#include "cases/bookings.hpp"
#include "cases/deadlines.hpp"
#include "documents/a4_pdf.hpp"
#include "regulation/profile.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"

namespace reception {

static std::string person_cell(const Application& a) {
    const Applicant& p = a.applicant;
    std::string who = p.surname + " " + p.name;
    if (!p.patronymic.empty()) who += " " + p.patronymic;
    if (!p.entity_name.empty()) who += "\n" + p.entity_name;
    who += "\n" + a.reg_number;
    if (!p.phone.empty()) who += "\n" + p.phone;
    return who;
}

static std::string joined(const std::vector<std::string>& marks) {
    std::string out;
    for (const auto& m : marks) out += (out.empty() ? "" : "; ") + m;
    return out;
}

// reg-26: the last note to the akim on the application, "proposal: text", or a dash.
static std::string note_cell(Store& store, const Application& a, const Catalog& texts, Lang lang) {
    std::string out = "—";
    for (const auto& e : history(store, a.uuid))
        if (e.kind == event_kind::kNoteAttached)
            out = texts.text(lang, "persons.proposal." + e.data.value("proposal", "date")) + ": " +
                  e.reason;
    return out;
}

static std::string session_line(Store& store, const ReceptionSession& s, const Catalog& texts,
                                Lang lang) {
    std::string room;
    for (const auto& r : list_rooms(store))
        if (r.uuid == s.room_uuid) room = lang == Lang::kk ? r.name_kk : r.name_ru;
    return dotted_date(s.date) + ", " +
           texts.text(lang, "weekday." + std::to_string(iso_weekday(s.date))) + ", " +
           hhmm(s.start_minute) + "–" + hhmm(s.end_minute) + " · " +
           texts.text(lang, std::string("session.mode.") + to_code(s.mode)) +
           (room.empty() ? "" : " · " + room);
}

bool write_persons_list_pdf(Store& store, const RegulationProfile& profile, const Catalog& texts,
                            Lang lang, const std::string& session_uuid, Instant now,
                            const std::string& file, std::string* error) {
    auto s = find_session(store, session_uuid);
    if (!s) {
        *error = "session_not_found";
        return false;
    }
    auto o = find_official(store, s->official_uuid);
    PdfDocument doc;
    doc.title = texts.text(lang, "persons.title");
    doc.page_label = texts.text(lang, "report.page");
    doc.blocks.push_back(pdf_block(PdfBlockKind::Title, doc.title));
    std::string who = o ? full_name(*o) : "—";
    if (o) {
        const std::string& position = lang == Lang::kk ? o->position_kk : o->position_ru;
        who += ", " + (position.empty() ? texts.text(lang, "role." + o->role) : position);
    }
    doc.blocks.push_back(pdf_block(PdfBlockKind::Subtitle, who));
    doc.blocks.push_back(pdf_block(PdfBlockKind::Text, session_line(store, *s, texts, lang)));
    if (s->cancelled)
        doc.blocks.push_back(
            pdf_block(PdfBlockKind::Heading, texts.text(lang, "persons.cancelled")));
    auto persons = session_persons(store, profile, *s, restriction_mode(store));
    if (persons.empty()) {
        doc.blocks.push_back(pdf_block(PdfBlockKind::Text, texts.text(lang, "persons.none")));
        return write_pdf(doc, file, error);
    }
    PdfBlock table = pdf_block(PdfBlockKind::Table);
    // A cell holds four lines (documents/a4_pdf): the marks run on with "; " to fit them.
    table.columns = {{"№", 0.04, true},
                     {texts.text(lang, "persons.col.time"), 0.09, false},
                     {texts.text(lang, "persons.col.person"), 0.21, false},
                     {texts.text(lang, "persons.col.essence"), 0.18, false},
                     {texts.text(lang, "persons.col.marks"), 0.21, false},
                     {texts.text(lang, "persons.col.note"), 0.15, false},
                     {texts.text(lang, "persons.col.decision"), 0.12, false}};
    for (const auto& p : persons) {
        std::vector<std::string> marks = person_marks(p.app, profile, texts, lang);
        if (p.in_person_under_restriction)
            marks.push_back(texts.text(lang, "persons.under_restriction"));
        // The decision column is left blank, with room to write it by hand (reg-27).
        table.rows.push_back({std::to_string(p.position), hhmm(p.start_minute), person_cell(p.app),
                              utf8_cut(p.app.essence, 400), joined(marks),
                              note_cell(store, p.app, texts, lang), "\n\n\n"});
    }
    doc.blocks.push_back(std::move(table));
    doc.blocks.push_back(pdf_block(PdfBlockKind::Heading, texts.text(lang, "persons.decision")));
    doc.blocks.push_back(pdf_block(PdfBlockKind::Text, texts.text(lang, "persons.signature")));
    doc.blocks.push_back(pdf_block(
        PdfBlockKind::Text, texts.format(lang, "persons.made", {{"when", local_time_text(now)}})));
    return write_pdf(doc, file, error);
}

} // namespace reception
