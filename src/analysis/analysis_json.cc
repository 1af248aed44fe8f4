#include "analysis/analysis_json.h"

#include <string>

namespace printline::analysis {

nlohmann::json to_json(const JobAnalysis& analysis) {
  nlohmann::json pages = nlohmann::json::array();
  for (const PageInfo& page : analysis.pages) {
    pages.push_back({{"color", page.color},
                     {"width_pt", page.width_pt},
                     {"height_pt", page.height_pt},
                     {"paper", page.paper}});
  }
  return {
      {"format", std::string(format_name(analysis.format))},
      {"mime_type", std::string(format_mime_type(analysis.format))},
      {"pjl_wrapped", analysis.pjl_wrapped},
      {"page_count", analysis.page_count()},
      {"color_page_count", analysis.color_page_count()},
      {"large_format", analysis.large_format()},
      {"duplex", analysis.duplex ? nlohmann::json(*analysis.duplex) : nlohmann::json(nullptr)},
      {"copies", analysis.copies ? nlohmann::json(*analysis.copies) : nlohmann::json(nullptr)},
      {"page_count_method", std::string(method_name(analysis.page_count_method))},
      {"color_method", std::string(method_name(analysis.color_method))},
      {"pages", pages},
  };
}

}  // namespace printline::analysis
