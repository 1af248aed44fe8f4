#pragma once
// PDF through libqpdf: pages, paper, viewer preferences, and per-page colour from structure.

#include <span>
#include <string>
#include <vector>

#include "analysis/job_analysis.h"
#include "core/error.h"

namespace printline::analysis {

enum class ColorEvidence { kGray, kColor, kUndecided };

struct PdfStructure {
  JobAnalysis analysis;                      // pages with sizes; colour from `evidence`
  std::vector<ColorEvidence> evidence;       // per page; kUndecided needs Ghostscript
};

// Reads the PDF in `data` (kept alive by the caller) with qpdf: the page tree, each page's
// CropBox within its MediaBox turned by /Rotate, /ViewerPreferences /Duplex and /NumCopies,
// and what each page paints (content streams, forms, images, shadings, patterns, printable
// annotations). `description` names the document in messages. Never runs other programs.
// Truncated, damaged, encrypted or empty documents give an Error a person can act on.
Result<PdfStructure> analyze_pdf_structure(std::span<const char> data,
                                           const std::string& description);

}  // namespace printline::analysis
