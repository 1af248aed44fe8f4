#pragma once
// GET /metrics: the server's metrics in the Prometheus text format, for administrators only
// (an administrator's API token as Bearer, or Basic; docs/operations.md shows the scrape
// configuration). Jobs by state and origin, queue depths and the desktop clients' fallback
// reports are read from the database at each scrape, open connections from the listener; the
// counters come from ServerMetrics.

#include "http/route_table.h"
#include "server/http_listener.h"
#include "server/server_context.h"

namespace printline::server {

// `listener` (whose route table this is) gives the open-connections gauge.
void register_metrics_route(http::RouteTable& routes, ServerContext& context,
                            const HttpListener& listener);

// Wraps every route's handler so that its answers are counted and timed per route pattern.
// Call once, after every route is added.
void count_requests(http::RouteTable& routes);

}  // namespace printline::server
