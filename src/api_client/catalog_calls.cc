#include "api_client/catalog_calls.h"

#include "api_client/answer_parsing.h"

namespace printline::api_client {

ApiResult<std::vector<model::Printer>> list_printers(const ApiClient& client) {
  return detail::then<std::vector<model::Printer>>(
      client.request("GET", "/printers"), [](const ApiResponse& response) {
        return detail::parse_answer<std::vector<model::Printer>>(response, "printers");
      });
}

ApiResult<model::PriceList> fetch_price_list(const ApiClient& client) {
  return detail::then<model::PriceList>(
      client.request("GET", "/price-list"),
      [](const ApiResponse& response) { return detail::parse_answer<model::PriceList>(response); });
}

}  // namespace printline::api_client
