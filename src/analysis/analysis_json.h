#pragma once
// JSON form of a job analysis, as printed by `printline analyze --json` and stored by the server.

#include <nlohmann/json.hpp>

#include "analysis/job_analysis.h"

namespace printline::analysis {

// {"format", "mime_type", "pjl_wrapped", "page_count", "color_page_count", "large_format",
//  "duplex" (bool or null), "copies" (int or null), "page_count_method", "color_method",
//  "pages": [{"color", "width_pt", "height_pt", "paper"}]}
nlohmann::json to_json(const JobAnalysis& analysis);

}  // namespace printline::analysis
