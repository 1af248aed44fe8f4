#pragma once
// Names a page size the way price lists and printers do ("A4", "Letter", ...).

#include <optional>
#include <string>
#include <string_view>

namespace printline::analysis {

struct PaperSize {
  std::string_view name;
  double width_pt;  // portrait: width <= height
  double height_pt;
};

// The standard size within 3 mm of width x height (either orientation), else "custom".
// A zero or negative size is "unknown".
std::string paper_name(double width_pt, double height_pt);

// The size for a name ("A4", "letter", "LEGAL"; case-insensitive), if it is a known one.
std::optional<PaperSize> paper_by_name(std::string_view name);

// Large format: wider than A3, i.e. the short edge exceeds 297 mm.
bool is_large_format(double width_pt, double height_pt);

inline constexpr double kPointsPerMm = 72.0 / 25.4;

}  // namespace printline::analysis
