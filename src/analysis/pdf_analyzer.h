#pragma once
// PDF jobs: the qpdf reading of pdf_document.h as a JobAnalysis, with the pages that only
// Ghostscript can decide marked as such.

#include <span>
#include <string>
#include <vector>

#include "analysis/byte_source.h"
#include "analysis/job_analysis.h"
#include "analysis/pdf_document.h"
#include "core/error.h"

namespace printline::analysis {

using ColorEvidence = pdf::PageColor;

struct PdfStructure {
  JobAnalysis analysis;                 // pages with sizes, paper names, duplex, copies
  std::vector<ColorEvidence> evidence;  // per page; kUndecided pages are marked colour
};

// Structure only: never runs Ghostscript (analyze.cc decides whether to).
Result<PdfStructure> analyze_pdf_structure(const ByteSource& source,
                                           const std::string& description);
// The same for a PDF held in memory.
Result<PdfStructure> analyze_pdf_structure(std::span<const char> data,
                                           const std::string& description);

}  // namespace printline::analysis
