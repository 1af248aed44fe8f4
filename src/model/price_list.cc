#include "model/price_list.h"

#include <fmt/format.h>

#include "core/i18n.h"
#include "model/json.h"

namespace printline::model {

std::optional<std::int64_t> PriceList::price_of(PaperSize paper, bool color) const {
  for (const auto& p : prices) {
    if (p.paper == paper && p.color == color) return p.cents_per_page;
  }
  return std::nullopt;
}

std::optional<FieldProblem> price_list_problem(const PriceList& list) {
  if (list.duplex_discount_percent < 0 || list.duplex_discount_percent > 100) {
    return FieldProblem{"duplex_discount_percent",
                        trf("duplex discount {percent}% must be between 0 and 100",
                            fmt::arg("percent", list.duplex_discount_percent))};
  }
  for (std::size_t i = 0; i < list.prices.size(); ++i) {
    const auto& p = list.prices[i];
    const std::string_view paper_text = paper_name(p.paper);
    const auto paper = fmt::arg("paper", paper_text);
    if (p.cents_per_page < 0) {
      return FieldProblem{"prices", p.color
                                        ? trf("the colour price for {paper} is negative", paper)
                                        : trf("the mono price for {paper} is negative", paper)};
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (list.prices[k].paper == p.paper && list.prices[k].color == p.color) {
        return FieldProblem{
            "prices", p.color
                          ? trf("the colour price for {paper} is listed twice: keep one", paper)
                          : trf("the mono price for {paper} is listed twice: keep one", paper)};
      }
    }
  }
  return std::nullopt;
}

void to_json(nlohmann::json& j, const PagePrice& price) {
  j = {{"paper", price.paper}, {"color", price.color}, {"cents_per_page", price.cents_per_page}};
}

void from_json(const nlohmann::json& j, PagePrice& price) {
  j.at("paper").get_to(price.paper);
  j.at("color").get_to(price.color);
  get_checked(j.at("cents_per_page"), price.cents_per_page, "cents_per_page");
}

void to_json(nlohmann::json& j, const PriceList& list) {
  j = {{"prices", list.prices}, {"duplex_discount_percent", list.duplex_discount_percent}};
}

void from_json(const nlohmann::json& j, PriceList& list) {
  read_optional_field(j, "prices", list.prices);
  read_optional_field(j, "duplex_discount_percent", list.duplex_discount_percent);
}

}  // namespace printline::model
