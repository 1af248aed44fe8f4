#pragma once
// Paper sizes a printer can take and a job can use. "Large format" is anything wider than A3
// (SPEC §3), i.e. a short edge above 297 mm.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace printline::model {

enum class PaperSize { kA5, kA4, kA3, kA2, kA1, kA0, kLetter, kLegal, kTabloid };

std::string_view paper_name(PaperSize paper);                     // "A4", "Letter", ...
std::optional<PaperSize> paper_from_name(std::string_view name);  // case-insensitive
int paper_short_edge_mm(PaperSize paper);
bool is_large_format(PaperSize paper);

void to_json(nlohmann::json& j, PaperSize paper);
void from_json(const nlohmann::json& j, PaperSize& paper);

}  // namespace printline::model
