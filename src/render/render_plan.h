#pragma once
// What a document must become before it leaves for a RAW or LPR printer (D11): the language
// the printer speaks, grey when monochrome is asked of a colour printer — or nothing, when it
// is already in the printer's language with nothing to apply, and then it goes as it is.
// Page ranges and number-up are applied before, by pdftopdf (pdf_pages.h): a plan ignores them.

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/document_format.h"
#include "core/error.h"
#include "model/job_ticket.h"
#include "model/printer.h"

namespace printline::render {

struct RenderPlan {
  bool convert = false;  // false: the document goes as it is
  // The Ghostscript device and options (no input, no output), when convert.
  std::vector<std::string> device_arguments;
  // The language that leaves (PJL ENTER LANGUAGE); kAuto when the printer recognises it.
  model::PrinterLanguage language = model::PrinterLanguage::kAuto;
  std::string document_format;  // MIME type of what leaves
  bool grey = false;            // converted to grey (mono asked, or a mono printer)
  // The converted output starts with its own UEL and @PJL ENTER LANGUAGE (gs's pxl devices
  // write "@PJL ENTER LANGUAGE = PCLXL" themselves), so the PJL ticket in front must not.
  bool output_enters_language = false;
  std::string description;      // for logs: "PDF → PCL-XL (pxlmono)"
};

// Decides the conversion of a document in `source` format for `printer` under `ticket`.
// An error when the printer's language cannot be made from the document (Ghostscript reads
// PDF and PostScript only), saying what to do.
Result<RenderPlan> plan_render(analysis::DocumentFormat source, const model::Printer& printer,
                               const model::JobTicket& ticket);

// The whole `gs` command line for a plan: input read from `document`, output to standard
// output ("-sOutputFile=-"), messages to standard error only.
std::vector<std::string> ghostscript_command(const RenderPlan& plan,
                                             const std::filesystem::path& document);

// The PJL language name for ENTER LANGUAGE: "PCLXL", "POSTSCRIPT", "PDF", "PCL"; empty for
// kAuto (no ENTER LANGUAGE: the printer decides).
std::string pjl_language_name(model::PrinterLanguage language);

}  // namespace printline::render
