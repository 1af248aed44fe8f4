#include "server/web_session_cookie.h"

#include <sodium.h>

#include "store/api_token.h"

namespace printline::server {

std::optional<std::string> session_cookie_token(const http::Request& request) {
  const std::string prefix = std::string(kSessionCookieName) + "=";
  // A request may carry several Cookie headers, each with "a=1; b=2" pairs.
  const auto count = request.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string header = request.get_header_value("Cookie", i);
    std::size_t start = 0;
    while (start < header.size()) {
      while (start < header.size() && (header[start] == ' ' || header[start] == ';')) ++start;
      std::size_t end = header.find(';', start);
      if (end == std::string::npos) end = header.size();
      const std::string pair = header.substr(start, end - start);
      if (pair.starts_with(prefix) && pair.size() > prefix.size())
        return pair.substr(prefix.size());
      start = end;
    }
  }
  return std::nullopt;
}

std::string csrf_token_for(const std::string& session_token) {
  // A different input from the one the store hashes, so the CSRF token is not the stored hash.
  return store::hash_token_text("printline-csrf:" + session_token);
}

bool is_safe_method(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool csrf_header_matches(const http::Request& request, const std::string& session_token) {
  const std::string sent = request.get_header_value(kCsrfHeaderName);
  const std::string expected = csrf_token_for(session_token);
  return sent.size() == expected.size() &&
         sodium_memcmp(sent.data(), expected.data(), expected.size()) == 0;
}

std::string session_cookie(const std::string& token, bool secure) {
  // No Max-Age: the cookie ends with the browser session; the token expires on its own.
  return std::string(kSessionCookieName) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure) {
  return std::string(kSessionCookieName) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (secure ? "; Secure" : "");
}

}  // namespace printline::server
