#include "cases/hearing_pdf.hpp"

#include "base/date.hpp"
#include "base/i18n.hpp"
#include "base/validation.hpp"

namespace reception {

static std::string or_dash(const std::string& s) {
    return trim(s).empty() ? "—" : s;
}

static std::string time_span(const Hearing& h) {
    if (h.start_minute < 0 || h.end_minute < 0) return "—"; // recorded before the times were
    return hhmm(h.start_minute) + " – " + hhmm(h.end_minute);
}

// The protocol's rows, in the order APPC art. 74 lists them.
static std::vector<std::vector<std::string>> protocol_rows(const Hearing& h, const Application& a,
                                                           const Catalog& t, Lang l) {
    const Applicant& p = a.applicant;
    std::string who = trim(p.surname + " " + p.name + " " + p.patronymic);
    if (!p.entity_name.empty()) who += ", " + p.entity_name;
    std::string way = h.way.empty() ? "—" : t.text(l, "console.case.way." + h.way);
    std::string objections =
        h.no_objections ? t.text(l, "console.case.no_objections") : or_dash(h.objections);
    return {
        {t.text(l, "hearing_pdf.applicant"), or_dash(who)},
        {t.text(l, "hearing_pdf.question"), a.essence},
        {t.text(l, "hearing_pdf.date"), dotted_date(h.held_on)},
        {t.text(l, "hearing_pdf.time"), time_span(h)},
        {t.text(l, "hearing_pdf.way"), way},
        {t.text(l, "console.case.place"), or_dash(h.place)},
        {t.text(l, "console.case.chaired_by"), or_dash(h.chaired_by)},
        {t.text(l, "console.case.secretary"), or_dash(h.secretary)},
        {t.text(l, "console.case.participants"), or_dash(h.participants)},
        {t.text(l, "hearing_pdf.present"),
         t.text(l, h.applicant_present ? "hearing_pdf.present.yes" : "hearing_pdf.present.no")},
        {t.text(l, "console.case.objections"), objections},
        {t.text(l, "hearing_pdf.conclusion"), t.text(l, "console.case.conclusion." + h.conclusion)},
        {t.text(l, "console.case.reasons"), or_dash(h.reasons)},
    };
}

PdfDocument hearing_protocol_document(const Hearing& h, const Application& a, const Catalog& t,
                                      Lang l) {
    PdfDocument doc;
    doc.title = t.text(l, "hearing_pdf.title") + " — " + a.reg_number;
    doc.page_label = t.text(l, "report.page");
    doc.blocks.push_back(pdf_block(PdfBlockKind::Title, t.text(l, "hearing_pdf.title")));
    doc.blocks.push_back(pdf_block(
        PdfBlockKind::Subtitle, t.format(l, "hearing_pdf.subtitle", {{"number", a.reg_number}})));
    PdfBlock table = pdf_block(PdfBlockKind::Table);
    table.columns = {{t.text(l, "hearing_pdf.col.item"), 0.32, false},
                     {t.text(l, "hearing_pdf.col.value"), 0.68, false}};
    table.rows = protocol_rows(h, a, t, l);
    doc.blocks.push_back(table);
    // APPC art. 74: signed by the one who chaired and the secretary.
    doc.blocks.push_back(pdf_block(
        PdfBlockKind::Text, t.format(l, "hearing_pdf.signed_chair", {{"name", h.chaired_by}})));
    doc.blocks.push_back(pdf_block(PdfBlockKind::Text, t.format(l, "hearing_pdf.signed_secretary",
                                                                {{"name", or_dash(h.secretary)}})));
    return doc;
}

bool write_hearing_protocol(const Hearing& h, const Application& a, const Catalog& texts, Lang lang,
                            const std::string& file, std::string* error) {
    return write_pdf(hearing_protocol_document(h, a, texts, lang), file, error);
}

} // namespace reception
