#pragma once
// PCL 5 (HP LaserJet escape sequences): a heuristic page count, paper size, copies, duplex.

#include <string_view>

#include "analysis/byte_source.h"
#include "analysis/job_analysis.h"
#include "analysis/paper_size.h"

namespace printline::analysis {

// Pages are counted at form feeds and at `ESC E` resets that end a page with marks on it;
// binary blocks (`ESC *b#W` raster, fonts, macros) are skipped by their byte counts.
// `ESC &l#A` sets the paper (`default_paper` until then), `ESC &l#X` the copies, `ESC &l#S`
// duplex. A page is colour once `ESC *r3U`/`ESC *r-3U` or `ESC *v#W` configured a colour
// palette. It cannot know about automatic page ejects from text running off the page.
// Reads the source front to back through a bounded buffer; binary blocks are skipped unread.
JobAnalysis analyze_pcl5(const ByteSource& source, const PaperSize& default_paper);
// The same for a job held in memory.
JobAnalysis analyze_pcl5(std::string_view data, const PaperSize& default_paper);

}  // namespace printline::analysis
