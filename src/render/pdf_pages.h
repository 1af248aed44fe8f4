#pragma once
// Page ranges and number-up applied to a PDF the way CUPS applies them (D11): by cups-filters'
// pdftopdf, vector in and vector out, on the sheet the job asks for (else the document's own).
// Ghostscript's -sNupControl is ignored by its PDF and PostScript writers (pdfwrite, ps2write)
// and unreliable at printer resolutions, so a document gets its pages here before anything
// else: a PDF as it is, a PostScript document once Ghostscript has made it PDF.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/document_format.h"
#include "core/error.h"
#include "core/temporary_file.h"
#include "model/job_ticket.h"
#include "model/paper_size.h"

namespace printline::render {

// True when the ticket asks for page ranges or more than one page per side.
bool asks_pages(const model::JobTicket& ticket);

// The pdftopdf passes that apply the ticket's pages, in order: the page ranges, then the
// number-up. One pass cannot do both: pdftopdf counts page ranges in its output pages, after
// number-up (as CUPS documents for lp), while Printline — like IPP and its pricing — selects
// the document's pages first. Each pass is pdftopdf's option text ("page-ranges=1-3").
std::vector<std::string> pdftopdf_passes(const model::JobTicket& ticket);

// The pdftopdf command for one pass: reads `pdf`, writes the result on `sheet` to standard
// output.
std::vector<std::string> pdftopdf_command(std::string_view pass, model::PaperSize sheet,
                                          const std::filesystem::path& pdf);

// The sheet the pages are laid on: the paper asked, else the PDF's first page's, else A4.
model::PaperSize pages_sheet(const model::JobTicket& ticket, const std::filesystem::path& pdf);

// The document (PDF or PostScript, `format`) as a PDF with the ticket's page ranges and
// number-up applied, every pass run, into `into` (opened here): for a printer, or a
// conversion, that reads the result whole. nullopt when done, else an error saying why not.
std::optional<Error> apply_pages(const model::JobTicket& ticket,
                                 const std::filesystem::path& document,
                                 analysis::DocumentFormat format, TemporaryFile& into);

}  // namespace printline::render
