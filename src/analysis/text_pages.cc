#include "analysis/text_pages.h"

#include <string>

#include "analysis/chunk_reader.h"

namespace printline::analysis {

JobAnalysis analyze_text(const ByteSource& source, const PaperSize& paper) {
  JobAnalysis analysis;
  analysis.format = DocumentFormat::kText;
  analysis.page_count_method = Method::kHeuristic;
  analysis.color_method = Method::kHeuristic;
  int page_count = 0;
  int lines = 0;           // lines on the current page so far
  bool dirty = false;      // the current page has something on it
  bool page_full = false;  // the last page ended by its 66th line: a form feed now adds nothing
  ChunkReader reader(source);
  while (!reader.at_end()) {
    std::string_view text = reader.peek(reader.capacity());
    reader.skip(text.size());  // the view stays valid until the next peek
    for (char c : text) {
      if (c == '\f') {
        if (!page_full) ++page_count;  // otherwise a form feed ejects, even an empty page
        lines = 0;
        dirty = false;
        page_full = false;
      } else if (c == '\n') {
        dirty = true;
        page_full = false;
        if (++lines == kTextLinesPerPage) {
          ++page_count;
          lines = 0;
          dirty = false;
          page_full = true;
        }
      } else if (c != '\r') {
        dirty = true;
        page_full = false;
      }
    }
  }
  if (dirty || page_count == 0) ++page_count;
  PageInfo page{false, paper.width_pt, paper.height_pt, std::string(paper.name)};
  analysis.pages.assign(page_count, page);
  return analysis;
}

JobAnalysis analyze_text(std::string_view text, const PaperSize& paper) {
  return analyze_text(ByteSource::from_memory(text.data(), text.size()), paper);
}

}  // namespace printline::analysis
