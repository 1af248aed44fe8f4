#pragma once
// What a printer can do and which language it speaks (D11): the administrator sets it for RAW
// and LPR printers (`printline admin printers set --language/--duplex/--color/--paper`, the web
// printers page); IPP printers tell it themselves (Get-Printer-Attributes, cached by the
// server). Delivery converts a document to the printer's language, and an option the printer
// cannot do is refused before anything is printed or charged, never dropped silently.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/paper_size.h"

namespace printline::model {

struct JobTicket;
struct Printer;

// The page description language a RAW/LPR printer is sent. kAuto: the printer recognises the
// language itself, so the document goes in the language it arrived in.
enum class PrinterLanguage { kAuto, kPdf, kPostScript, kPclXl, kPcl5 };

std::string_view language_keyword(PrinterLanguage language);  // "auto", "pdf", "pcl-xl", ...
std::optional<PrinterLanguage> language_from_keyword(std::string_view keyword);

// What an IPP printer answered to Get-Printer-Attributes, in the model's terms.
struct PrinterCapabilities {
  bool color = false;
  bool duplex = false;
  std::vector<PaperSize> paper_sizes;         // the sizes the model knows, of media-supported
  std::vector<std::string> document_formats;  // document-format-supported (MIME types)
  bool operator==(const PrinterCapabilities&) const = default;
};

// Copies what the printer said over the printer's stored description.
void apply_capabilities(Printer& printer, const PrinterCapabilities& capabilities);

// Whether the printer takes that paper: one of its paper sizes, or, when none are listed,
// any size whose short edge is at most its largest paper's.
bool takes_paper(const Printer& printer, PaperSize paper);

// The first option of the ticket the printer cannot do, as a message naming the printer and
// the option and saying what to do ("floor1-mono cannot print on A3: ..."); none when the
// printer can print the ticket. Monochrome is never refused: a mono printer prints grey anyway
// (and the job is charged mono), colour asked of a mono printer prints grey too.
std::optional<std::string> unsupported_option(const Printer& printer, const JobTicket& ticket);

// "A4,A3" → sizes; an error message naming the unknown size.
std::optional<std::vector<PaperSize>> parse_paper_list(std::string_view text,
                                                       std::string* problem = nullptr);
std::string format_paper_list(const std::vector<PaperSize>& papers);  // "A4,A3"

}  // namespace printline::model
