#include "analysis/paper_size.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace printline::analysis {
namespace {

constexpr double mm(double millimetres) { return millimetres * kPointsPerMm; }
constexpr double in(double inches) { return inches * 72.0; }

// Ordered so that the first match wins where two sizes are within tolerance of each other.
constexpr std::array kPaperSizes = {
    PaperSize{"A4", mm(210), mm(297)},          PaperSize{"Letter", in(8.5), in(11)},
    PaperSize{"A3", mm(297), mm(420)},          PaperSize{"Legal", in(8.5), in(14)},
    PaperSize{"A5", mm(148), mm(210)},          PaperSize{"A2", mm(420), mm(594)},
    PaperSize{"A1", mm(594), mm(841)},          PaperSize{"A0", mm(841), mm(1189)},
    PaperSize{"A6", mm(105), mm(148)},          PaperSize{"B4", mm(250), mm(353)},
    PaperSize{"B5", mm(176), mm(250)},          PaperSize{"JIS-B4", mm(257), mm(364)},
    PaperSize{"JIS-B5", mm(182), mm(257)},      PaperSize{"Tabloid", in(11), in(17)},
    PaperSize{"Executive", in(7.25), in(10.5)}, PaperSize{"Statement", in(5.5), in(8.5)},
    PaperSize{"C5", mm(162), mm(229)},          PaperSize{"DL", mm(110), mm(220)},
    PaperSize{"COM10", in(4.125), in(9.5)},     PaperSize{"Monarch", in(3.875), in(7.5)},
    PaperSize{"SRA3", mm(320), mm(450)},
};

bool close(double a, double b) { return std::fabs(a - b) <= mm(3); }

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string paper_name(double width_pt, double height_pt) {
  if (!(width_pt > 0) || !(height_pt > 0)) return "unknown";
  double short_edge = std::min(width_pt, height_pt);
  double long_edge = std::max(width_pt, height_pt);
  for (const PaperSize& size : kPaperSizes) {
    if (close(short_edge, size.width_pt) && close(long_edge, size.height_pt)) {
      return std::string(size.name);
    }
  }
  return "custom";
}

std::optional<PaperSize> paper_by_name(std::string_view name) {
  std::string wanted = lower(name);
  if (wanted == "ledger") wanted = "tabloid";
  if (wanted == "exec") wanted = "executive";
  for (const PaperSize& size : kPaperSizes) {
    if (lower(size.name) == wanted) return size;
  }
  return std::nullopt;
}

bool is_large_format(double width_pt, double height_pt) {
  return std::min(width_pt, height_pt) > mm(297) + 0.5;
}

}  // namespace printline::analysis
