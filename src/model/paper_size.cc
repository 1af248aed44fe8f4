#include "model/paper_size.h"

#include <strings.h>

#include <array>

namespace printline::model {
namespace {

struct PaperInfo {
  PaperSize paper;
  std::string_view name;
  int short_edge_mm;
};

constexpr std::array<PaperInfo, 9> kPapers{{
    {PaperSize::kA5, "A5", 148},
    {PaperSize::kA4, "A4", 210},
    {PaperSize::kA3, "A3", 297},
    {PaperSize::kA2, "A2", 420},
    {PaperSize::kA1, "A1", 594},
    {PaperSize::kA0, "A0", 841},
    {PaperSize::kLetter, "Letter", 216},
    {PaperSize::kLegal, "Legal", 216},
    {PaperSize::kTabloid, "Tabloid", 279},
}};

const PaperInfo& info(PaperSize paper) {
  for (const auto& p : kPapers) {
    if (p.paper == paper) return p;
  }
  return kPapers[1];  // unreachable for valid enum values
}

}  // namespace

std::string_view paper_name(PaperSize paper) { return info(paper).name; }

std::optional<PaperSize> paper_from_name(std::string_view name) {
  for (const auto& p : kPapers) {
    if (p.name.size() == name.size() && strncasecmp(p.name.data(), name.data(), name.size()) == 0) {
      return p.paper;
    }
  }
  return std::nullopt;
}

int paper_short_edge_mm(PaperSize paper) { return info(paper).short_edge_mm; }

bool is_large_format(PaperSize paper) {
  return paper_short_edge_mm(paper) > paper_short_edge_mm(PaperSize::kA3);
}

void to_json(nlohmann::json& j, PaperSize paper) { j = std::string(paper_name(paper)); }

void from_json(const nlohmann::json& j, PaperSize& paper) {
  const auto name = j.get<std::string>();
  auto parsed = paper_from_name(name);
  if (!parsed) {
    throw nlohmann::json::other_error::create(
        501,
        "unknown paper size \"" + name + "\" (use A5, A4, A3, A2, A1, A0, Letter, Legal, Tabloid)",
        &j);
  }
  paper = *parsed;
}

}  // namespace printline::model
