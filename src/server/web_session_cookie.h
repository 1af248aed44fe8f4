#pragma once
// The web interface's browser session (docs/web.md): an API token (store/api_token.*) kept in
// an HttpOnly, SameSite=Strict cookie, so page scripts never hold it, plus a CSRF token that
// page scripts do hold and send in X-CSRF-Token on every change. The CSRF token is derived
// from the session token (BLAKE2b), so it needs no storage, dies with the session, and
// cannot be computed by a page that cannot read the cookie.

#include "http/request.h"
#include "http/response.h"

#include <chrono>
#include <optional>
#include <string>

namespace printline::server {

inline constexpr const char* kSessionCookieName = "printline_session";
inline constexpr const char* kCsrfHeaderName = "X-CSRF-Token";
// A browser session is shorter than a desktop client's token: a forgotten tab does not stay
// logged in for a month.
inline constexpr std::chrono::seconds kWebSessionLifetime = std::chrono::hours(12);

// The session token carried by the request's Cookie header, if any.
std::optional<std::string> session_cookie_token(const http::Request& request);

// The CSRF token that belongs to a session token.
std::string csrf_token_for(const std::string& session_token);

// True for methods that change nothing (GET, HEAD, OPTIONS); everything else needs the
// CSRF header when it is authenticated by the cookie.
bool is_safe_method(const std::string& method);

// True when the request's X-CSRF-Token matches the session (constant-time comparison).
bool csrf_header_matches(const http::Request& request, const std::string& session_token);

// Set-Cookie values: the session (Secure when the server speaks TLS) and its removal.
std::string session_cookie(const std::string& token, bool secure);
std::string cleared_session_cookie(bool secure);

}  // namespace printline::server
