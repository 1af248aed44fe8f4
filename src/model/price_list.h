#pragma once
// What printing costs (SPEC §3): a price per printed page (one side of a sheet) for each
// paper size in mono and in colour, and one duplex rule: a duplex job costs its page price
// minus duplex_discount_percent (0 = duplex costs the same as simplex, 50 = half price,
// i.e. per-sheet pricing for two-sided pages). See pricing.h for the arithmetic.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "model/field_problem.h"
#include "model/paper_size.h"

namespace printline::model {

struct PagePrice {
  PaperSize paper = PaperSize::kA4;
  bool color = false;
  std::int64_t cents_per_page = 0;

  bool operator==(const PagePrice&) const = default;
};

struct PriceList {
  std::vector<PagePrice> prices;  // at most one per (paper, color)
  int duplex_discount_percent = 0;

  std::optional<std::int64_t> price_of(PaperSize paper, bool color) const;
  bool operator==(const PriceList&) const = default;
};

// What is wrong with the price list (negative price, duplicate entry, discount out of
// 0..100), or nullopt.
std::optional<FieldProblem> price_list_problem(const PriceList& list);

void to_json(nlohmann::json& j, const PagePrice& price);
void from_json(const nlohmann::json& j, PagePrice& price);
void to_json(nlohmann::json& j, const PriceList& list);
void from_json(const nlohmann::json& j, PriceList& list);

}  // namespace printline::model
