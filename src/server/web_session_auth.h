#pragma once
// Authentication by the web interface's session cookie (web_session_cookie.h): the cookie's
// token is an ordinary API token, and a request that changes something must also carry the
// session's CSRF token. authenticate_request() falls back to this when a request has no
// Authorization header, so every API route and role check works unchanged for the pages.

#include "http/request.h"
#include "http/response.h"

#include <string>

#include "server/request_auth.h"
#include "store/store.h"

namespace printline::server {

Authentication authenticate_session_cookie(const http::Request& request,
                                           const std::string& session_token, store::Store& store);

}  // namespace printline::server
