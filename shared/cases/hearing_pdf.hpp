// reg-33: the hearing's protocol (APPC art. 74) printed for signature: an A4 page in Kazakh or
// Russian with what the protocol records and the lines where the chair and the secretary sign.
#pragma once

#include "base/domain.hpp"
#include "cases/casework.hpp"
#include "documents/a4_pdf.hpp"

#include <string>

namespace reception {

class Catalog;
enum class Lang;

// The protocol as a document: the application's number, the applicant and the question, then
// the date, the start and end, the way, the place, the chair, the secretary, the participants,
// whether the applicant was there, the objections (or that there were none), the conclusion
// and its reasons; last the two signature lines. A field a hearing recorded before the store
// had it (the way, the times, the secretary) is a dash.
PdfDocument hearing_protocol_document(const Hearing& h, const Application& a, const Catalog& texts,
                                      Lang lang);

// Writes it to file; false with *error when it cannot be written.
bool write_hearing_protocol(const Hearing& h, const Application& a, const Catalog& texts, Lang lang,
                            const std::string& file, std::string* error);

} // namespace reception
