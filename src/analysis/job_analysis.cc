#include "analysis/job_analysis.h"

#include <algorithm>

#include "analysis/paper_size.h"

namespace printline::analysis {

std::string_view method_name(Method method) {
  switch (method) {
    case Method::kStructure:
      return "structure";
    case Method::kDsc:
      return "dsc";
    case Method::kPjl:
      return "pjl";
    case Method::kGhostscript:
      return "ghostscript";
    case Method::kInkCoverage:
      return "ink-coverage";
    case Method::kHeuristic:
      break;
  }
  return "heuristic";
}

int JobAnalysis::color_page_count() const {
  return static_cast<int>(
      std::count_if(pages.begin(), pages.end(), [](const PageInfo& page) { return page.color; }));
}

bool JobAnalysis::large_format() const {
  return std::any_of(pages.begin(), pages.end(), [](const PageInfo& page) {
    return is_large_format(page.width_pt, page.height_pt);
  });
}

}  // namespace printline::analysis
