#pragma once
// Plain text: how many pages a line printer (or CUPS texttopdf) makes of it.

#include <string_view>

#include "analysis/byte_source.h"
#include "analysis/job_analysis.h"
#include "analysis/paper_size.h"

namespace printline::analysis {

inline constexpr int kTextLinesPerPage = 66;  // 11 in at 6 lines per inch, the classic default

// Pages = each form feed ends a page, and a page holds at most 66 lines (a form feed right
// after a full page adds none). All pages are mono,
// on `paper`. A heuristic: the printer's own margins and line wrapping may differ.
// Reads the source front to back through a bounded buffer.
JobAnalysis analyze_text(const ByteSource& source, const PaperSize& paper);
JobAnalysis analyze_text(std::string_view text, const PaperSize& paper);

}  // namespace printline::analysis
