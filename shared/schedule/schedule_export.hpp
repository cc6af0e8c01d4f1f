// The printable exports: the month's reception schedule for the akimat's website and the notice
// board (reg-8: in Kazakh and in Russian), and the A4 PDF pages that both it and the quarter
// report (report_pdf.cpp) are printed on.
#pragma once

#include "base/date.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reception {

class Catalog;
enum class Lang;

// The month of `any_day_of_month`, for the website:
// {"month": "2026-03", "sessions": [{date, weekday (1 = Monday), start, end, official_uuid,
//  official, role, position_kk, position_ru, mode, ad_hoc, room_kk, room_ru}, ...],
//  "officials_without_session": [{uuid, official, role, position_kk, position_ru}, ...] (reg-7)}.
// Cancelled sessions (reg-16) are left out; sessions are in order of date and start.
nlohmann::json schedule_month_json(Store& store, Date any_day_of_month);

// The same month as an A4 table by date in one language, titled "Қабылдау кестесі — 2026 ж.
// наурыз". Returns false and says why in *error.
bool write_schedule_pdf(Store& store, const Catalog& texts, Lang lang, Date any_day_of_month,
                        const std::string& file, std::string* error);

// A4 pages --------------------------------------------------------------------------------
// A document is a list of blocks laid out top to bottom in Noto Sans (every Kazakh letter).
// Text wider than its place wraps, and what still does not fit is cut with "…"; a block that
// does not fit goes on a new page (a table repeats its header there); every page has a foot
// with the document's name and "page N of M".

enum class PdfBlockKind { Title, Subtitle, Heading, Text, Table, Bars };

struct PdfColumn {
    std::string header;
    double share = 0;   // of the text width; the shares of a table add up to 1
    bool right = false; // numbers are right-aligned
};

struct PdfBar {
    std::string label;
    int value = 0;
};

struct PdfBlock {
    PdfBlockKind kind = PdfBlockKind::Text;
    std::string text;                           // Title, Subtitle, Heading, Text
    std::vector<PdfColumn> columns;             // Table
    std::vector<std::vector<std::string>> rows; // Table; "\n" starts a new line in a cell
    std::vector<PdfBar> bars;                   // Bars: longest bar = largest value
};

// A block of the kind with its text (columns, rows and bars are added by hand).
PdfBlock pdf_block(PdfBlockKind kind, std::string text = "");

struct PdfDocument {
    std::string title;      // the PDF's metadata and the left of each page's foot
    std::string page_label; // "Page {page} of {pages}"
    std::vector<PdfBlock> blocks;
};

// Writes the document to `file` (through a temporary file, so a reader never sees half a PDF).
bool write_pdf(const PdfDocument& doc, const std::string& file, std::string* error);

} // namespace reception
