// The browser session's pieces that the browser test cannot see directly: which cookie is
// read, the CSRF token's derivation and check, the cookie's attributes.

#include "server/web_session_cookie.h"

#include <gtest/gtest.h>

#include "store/api_token.h"

namespace printline::server {
namespace {

http::Request with_cookies(std::initializer_list<std::string> headers) {
  http::Request request;
  for (const auto& header : headers) request.headers.emplace("Cookie", header);
  return request;
}

TEST(WebSessionCookie, FindsTheSessionAmongOtherCookiesAndHeaders) {
  EXPECT_EQ(session_cookie_token(with_cookies({"a=1; printline_session=plt_abc; b=2"})), "plt_abc");
  EXPECT_EQ(session_cookie_token(with_cookies({"a=1", "printline_session=plt_x"})), "plt_x");
  EXPECT_EQ(session_cookie_token(with_cookies({"printline_session=plt_y;other=z"})), "plt_y");
}

TEST(WebSessionCookie, NoCookieOrAnEmptyOneIsNoSession) {
  EXPECT_FALSE(session_cookie_token(with_cookies({})));
  EXPECT_FALSE(session_cookie_token(with_cookies({"printline_session="})));
  EXPECT_FALSE(session_cookie_token(with_cookies({"xprintline_session=plt_a"})));
  EXPECT_FALSE(session_cookie_token(with_cookies({"session=plt_a"})));
}

TEST(WebSessionCookie, CsrfTokenIsPerSessionAndNotTheStoredHash) {
  const std::string a = csrf_token_for("plt_a");
  EXPECT_EQ(a, csrf_token_for("plt_a"));
  EXPECT_NE(a, csrf_token_for("plt_b"));
  EXPECT_NE(a, store::hash_token_text("plt_a"));
  EXPECT_EQ(a.size(), 64u);
}

TEST(WebSessionCookie, CsrfHeaderMustMatchItsSession) {
  http::Request request;
  EXPECT_FALSE(csrf_header_matches(request, "plt_a"));
  request.headers.emplace("X-CSRF-Token", csrf_token_for("plt_b"));
  EXPECT_FALSE(csrf_header_matches(request, "plt_a"));
  http::Request good;
  good.headers.emplace("X-CSRF-Token", csrf_token_for("plt_a"));
  EXPECT_TRUE(csrf_header_matches(good, "plt_a"));
  http::Request truncated;
  truncated.headers.emplace("X-CSRF-Token", csrf_token_for("plt_a").substr(0, 10));
  EXPECT_FALSE(csrf_header_matches(truncated, "plt_a"));
}

TEST(WebSessionCookie, OnlyReadingMethodsGoWithoutCsrf) {
  for (const char* method : {"GET", "HEAD", "OPTIONS"}) EXPECT_TRUE(is_safe_method(method));
  for (const char* method : {"POST", "PUT", "PATCH", "DELETE"})
    EXPECT_FALSE(is_safe_method(method));
}

TEST(WebSessionCookie, CookieIsHttpOnlyStrictAndSecureUnderTls) {
  const std::string plain = session_cookie("plt_a", false);
  EXPECT_EQ(plain, "printline_session=plt_a; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_NE(session_cookie("plt_a", true).find("; Secure"), std::string::npos);
  const std::string cleared = cleared_session_cookie(false);
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(cleared.find("plt_"), std::string::npos);
}

}  // namespace
}  // namespace printline::server
