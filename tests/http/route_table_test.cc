// The route table: first match wins, groups land in Request::matches, HEAD finds GET routes,
// and a path known under another method is told apart (405 rather than 404).

#include "http/route_table.h"

#include <gtest/gtest.h>

namespace printline::http {
namespace {

Request request_for(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

TEST(RouteTable, FirstMatchingRouteWinsWithItsGroups) {
  RouteTable table;
  table.add("GET", R"(/api/v1/users/me)", RouteClass::none(), [](Request&, Response&) {});
  table.add("GET", R"(/api/v1/users/([^/]+))", RouteClass::none(), [](Request&, Response&) {});
  Request me = request_for("GET", "/api/v1/users/me");
  EXPECT_EQ(table.find(me).route, &table.routes()[0]);
  Request bob = request_for("GET", "/api/v1/users/bob");
  auto match = table.find(bob);
  ASSERT_EQ(match.route, &table.routes()[1]);
  EXPECT_EQ(bob.matches[1].str(), "bob");
}

TEST(RouteTable, HeadFindsGetAndOtherMethodsAreKnownPaths) {
  RouteTable table;
  table.add("GET", "/health", RouteClass::none(), [](Request&, Response&) {});
  Request head = request_for("HEAD", "/health");
  EXPECT_NE(table.find(head).route, nullptr);
  Request post = request_for("POST", "/health");
  auto match = table.find(post);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
  Request missing = request_for("GET", "/nothing");
  match = table.find(missing);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
}

TEST(RouteTable, PatternMustMatchTheWholePath) {
  RouteTable table;
  table.add("GET", "/health", RouteClass::none(), [](Request&, Response&) {});
  Request longer = request_for("GET", "/health/extra");
  EXPECT_EQ(table.find(longer).route, nullptr);
}

TEST(RouteClass, BodyLimitsOfEachClass) {
  EXPECT_EQ(RouteClass::none().max_body_bytes, 0u);
  EXPECT_EQ(RouteClass::json().max_body_bytes, 8u << 20);
  EXPECT_EQ(RouteClass::upload().max_body_bytes, 8u << 20);
  EXPECT_TRUE(RouteClass::stream(512u << 20).streamed);
}

TEST(Request, HeadersAreCaseInsensitiveAndMayRepeat) {
  Request request;
  request.headers.emplace("Cookie", "a=1");
  request.headers.emplace("cookie", "b=2");
  request.headers.emplace("Content-Type", "application/json");
  EXPECT_TRUE(request.has_header("content-type"));
  EXPECT_EQ(request.get_header_value("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(request.get_header_value_count("COOKIE"), 2u);
  EXPECT_EQ(request.get_header_value("Cookie", 1), "b=2");
  EXPECT_EQ(request.get_header_value("Cookie", 2), "");
  EXPECT_EQ(request.get_header_value("Missing"), "");
}

TEST(Response, SetHeaderReplacesExceptSetCookie) {
  Response response;
  response.set_header("Cache-Control", "no-cache");
  response.set_header("cache-control", "no-store");
  response.set_header("Set-Cookie", "a=1");
  response.set_header("Set-Cookie", "b=2");
  EXPECT_EQ(response.headers.count("Cache-Control"), 1u);
  EXPECT_EQ(response.get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(response.headers.count("Set-Cookie"), 2u);
}

}  // namespace
}  // namespace printline::http
