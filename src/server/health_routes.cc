#include "server/health_routes.h"

#include <nlohmann/json.hpp>

namespace printline::server {

void register_health_routes(http::RouteTable& routes, ServerContext& context) {
  routes.add("GET", "/health", http::RouteClass::none(), [&context](http::Request&,
                                                                   http::Response& response) {
    const auto prices = context.store.price_list();  // a cheap read proves the database answers
    nlohmann::json body = {{"status", prices.ok() ? "ok" : "database-unavailable"},
                           {"service", "printline-server"},
                           {"database", context.config.database.starts_with("postgresql")
                                            ? "postgresql" : "sqlite"}};
    if (!prices.ok()) body["message"] = prices.error().message;
    response.status = prices.ok() ? 200 : 503;
    response.set_content(body.dump(), "application/json");
  });
}

}  // namespace printline::server
