// docs/api.md is the contract other programs are written from (the CLI, the desktop client,
// the web interface): every route in the code is documented there, and every route documented
// there exists.

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "server/api_routes.h"

namespace printline::server {
namespace {

std::string normalise_pattern(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\(\[\^/\]\+\))"), "{}");
}

std::set<std::string> documented_routes() {
  std::ifstream file(std::string(PRINTLINE_SOURCE_DIR) + "/docs/api.md");
  std::stringstream text;
  text << file.rdbuf();
  const std::string doc = text.str();
  std::set<std::string> routes;
  const std::regex route(R"((GET|POST|PUT|PATCH|DELETE) (/api/v1/[^`?\s|]*))");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), route); it != std::sregex_iterator();
       ++it) {
    routes.insert((*it)[1].str() + " " +
                  std::regex_replace((*it)[2].str(), std::regex(R"(\{[a-z]+\})"), "{}"));
  }
  return routes;
}

TEST(ApiDocs, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  const auto documented = documented_routes();
  ASSERT_FALSE(documented.empty()) << "docs/api.md not found or has no routes";
  std::set<std::string> implemented;
  for (const auto& route : api_route_table()) {
    implemented.insert(route.method + " " + normalise_pattern(route.pattern));
  }
  for (const auto& route : implemented) {
    EXPECT_TRUE(documented.contains(route)) << route << " is not in docs/api.md";
  }
  for (const auto& route : documented) {
    EXPECT_TRUE(implemented.contains(route)) << route << " is documented but not implemented";
  }
}

}  // namespace
}  // namespace printline::server
