#pragma once
// What the desktop client caches besides its profile: the printers with their fallback
// attributes, and the price list (D5 estimates a job's cost offline with it).

#include <vector>

#include "api_client/api_client.h"
#include "model/price_list.h"
#include "model/printer.h"

namespace printline::api_client {

ApiResult<std::vector<model::Printer>> list_printers(const ApiClient& client);
ApiResult<model::PriceList> fetch_price_list(const ApiClient& client);

}  // namespace printline::api_client
