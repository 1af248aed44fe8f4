#pragma once
// GET /health: whether the server and its database answer (for load balancers and the
// desktop client's heartbeat, D1). No authentication; reveals nothing about users or jobs.

#include "http/route_table.h"

#include "server/server_context.h"

namespace printline::server {

void register_health_routes(http::RouteTable& routes, ServerContext& context);

}  // namespace printline::server
