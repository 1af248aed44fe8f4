#pragma once
// The web interface's log-in, session and log-out (docs/web.md):
//   POST /web/login   {"login", "password"} → 200 {"user", "csrf_token", "expires_at"} + cookie
//   GET  /web/session → 200 {"user", "csrf_token"} while the cookie's session is valid, else 401
//   POST /web/logout  (X-CSRF-Token) → 204, the session's token revoked and the cookie cleared
// Errors have the REST API's shape. These live outside /api/v1: only browsers use cookies.

#include "http/route_table.h"

#include "server/server_context.h"

namespace printline::server {

void register_web_session_routes(http::RouteTable& routes, ServerContext& context);

}  // namespace printline::server
