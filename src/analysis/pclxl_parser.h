#pragma once
// PCL-XL (PCL 6) binary streams: pages, colour, paper, duplex and copies from the operators.

#include <string_view>

#include "analysis/byte_source.h"
#include "analysis/job_analysis.h"
#include "core/error.h"

namespace printline::analysis {

// Parses a PCL-XL stream (starting at its `) HP-PCL XL;` header) token by token with bounds
// checks. Pages are BeginPage/EndPage pairs; the paper comes from MediaSize (enumeration or
// name) or CustomMediaSize; duplex from DuplexPageMode/SimplexPageMode; copies from
// PageCopies. A page is colour when it paints with an RGB colour whose components differ
// (SetBrushSource/SetPenSource RGBColor), uses a palette with such a colour, or draws an RGB
// direct-pixel image (not inspected: counted as colour). Truncated or malformed streams give an
// Error that says where. The source is read token by token through a bounded buffer; image
// and font data are skipped without being read, so memory does not grow with the job.
Result<JobAnalysis> analyze_pclxl(const ByteSource& source);
// The same for a stream held in memory.
Result<JobAnalysis> analyze_pclxl(std::string_view data);

}  // namespace printline::analysis
