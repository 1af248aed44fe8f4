#pragma once
// PostScript Document Structuring Conventions: what the comments say about pages and paper.

#include <optional>
#include <string_view>
#include <vector>

#include "analysis/byte_source.h"
#include "analysis/job_analysis.h"

namespace printline::analysis {

struct DscSummary {
  bool conforming = false;            // starts with %!PS-Adobe-
  std::optional<int> declared_pages;  // %%Pages: N (the trailer's value for "(atend)")
  bool pages_atend = false;           // %%Pages: (atend) in the header
  int page_markers = 0;               // top-level %%Page: comments (embedded documents skipped)
  bool has_eof = false;               // %%EOF present: the file was not cut short
  std::vector<PageInfo> pages;        // one per %%Page:, with its media (see below)
  std::optional<bool> duplex;         // setpagedevice /Duplex true|false
  std::optional<int> copies;          // setpagedevice /NumCopies n, or /#copies n
  std::optional<bool> process_colors_black_only;  // %%DocumentProcessColors: Black → true
  int showpage_count = 0;  // occurrences of "showpage": the page guess without any comments

  // The comments can be believed for the page count: a conforming document whose %%Pages:
  // equals its %%Page: markers, and that ends with %%EOF.
  bool trustworthy() const;
};

// Reads the DSC comments and the page device requests of a PostScript program. Each page's
// media: %%PageMedia (looked up in %%DocumentMedia), else the first %%DocumentMedia, else a
// /PageSize [w h] request, else %%PageBoundingBox or %%BoundingBox when its upper-right corner
// is a standard paper size; otherwise unknown (0 x 0).
// Reads the source in two passes through bounded buffers (the comments line by line, then the
// requests in overlapping 1 MiB windows): memory does not grow with the program's size.
DscSummary read_dsc(const ByteSource& program);
// The same for a program held in memory.
DscSummary read_dsc(std::string_view program);

}  // namespace printline::analysis
