#pragma once
// The REST API /api/v1 (docs/api.md), registered on the server's one listener.

#include "http/route_table.h"

#include "server/api_route.h"
#include "server/server_context.h"

namespace printline::server {

// Every route of the API, in registration order (tests walk it to check roles).
ApiRoutes api_route_table();

void register_api_routes(http::RouteTable& routes, ServerContext& context);

}  // namespace printline::server
