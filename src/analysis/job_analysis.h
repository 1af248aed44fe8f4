#pragma once
// The result of analysing a print job: what the printer will produce and how we know.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/document_format.h"

namespace printline::analysis {

struct PageInfo {
  bool color = false;
  double width_pt = 0;  // as printed, after /Rotate
  double height_pt = 0;
  std::string paper;  // "A4", "A3", "Letter", "Legal", "A5", "A2", ..., "custom", "unknown"
};

// Which evidence decided a figure, from most to least exact.
enum class Method {
  kStructure,    // the document's own structure: qpdf page tree and content, PCL-XL operators
  kDsc,          // PostScript Document Structuring Convention comments
  kPjl,          // the PJL header (e.g. RENDERMODE=GRAYSCALE)
  kGhostscript,  // Ghostscript interpreted the document
  kInkCoverage,  // Ghostscript inkcov measured the ink per page
  kHeuristic,    // a best guess: PCL 5, plain text, or colour that nothing could decide
};

// "structure", "dsc", "pjl", "ghostscript", "ink-coverage", "heuristic".
std::string_view method_name(Method method);

struct JobAnalysis {
  DocumentFormat format = DocumentFormat::kUnknown;
  bool pjl_wrapped = false;
  std::vector<PageInfo> pages;
  std::optional<bool> duplex;  // only where the document says it
  std::optional<int> copies;   // only where the document says it
  Method page_count_method = Method::kStructure;
  Method color_method = Method::kStructure;

  int page_count() const { return static_cast<int>(pages.size()); }
  int color_page_count() const;
  // Any page wider than A3 (short edge > 297 mm).
  bool large_format() const;
};

}  // namespace printline::analysis
