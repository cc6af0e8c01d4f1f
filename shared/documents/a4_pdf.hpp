// A4 PDF pages, the one page engine of every printable document (the month's schedule, the
// quarter's report): blocks laid out top to bottom in Noto Sans (every Kazakh letter), with
// cairo and FreeType behind it (no cairo type in this header).
#pragma once

#include <string>
#include <vector>

namespace reception {

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
