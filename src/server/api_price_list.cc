// The one price list: everyone reads it (the desktop client estimates offline costs with it,
// D5); administrators replace it whole.

#include "core/i18n.h"
#include "server/api_route.h"

namespace printline::server {
namespace {

void get(ApiCall& call) {
  send_json(call.response, read_or_throw(call.context.store.price_list()));
}

void put(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, {"prices", "duplex_discount_percent"});
  if (auto prices = body.find("prices"); prices != body.end() && prices->is_array()) {
    for (const auto& price : *prices) {
      if (!price.is_object()) continue;  // merge_fields reports the type
      for (const auto& [key, value] : price.items()) {
        if (key != "paper" && key != "color" && key != "cents_per_page") {
          throw unknown_field("prices[]." + key);
        }
      }
    }
  }
  auto list = merge_fields(model::PriceList{}, body);
  if (auto problem = model::price_list_problem(list)) {
    throw invalid(
        trf("The price list cannot be saved: {problem}.", fmt::arg("problem", problem->message)),
        problem->field);
  }
  write_or_throw(call.context.store.set_price_list(list, call.actor()));
  send_json(call.response, read_or_throw(call.context.store.price_list()));
}

}  // namespace

void add_price_list_routes(ApiRoutes& routes) {
  routes.push_back({"GET", "/api/v1/price-list", Access::kUser, get});
  routes.push_back({"PUT", "/api/v1/price-list", Access::kAdmin, put});
}

}  // namespace printline::server
