// docs/api.md is the contract other programs are written from (the CLI, the desktop client,
// the web interface): every route in the code is documented there, and every route documented
// there exists.

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "server/api_routes.h"

namespace printline::server {
namespace {

// "/api/v1/users/([^/]+)" and "/api/v1/users/{user}" both become "/api/v1/users/{}".
// (No <regex>: GCC 12 warns inside it under ASan, and warnings are errors.)
std::string normalise_pattern(std::string pattern) {
  const std::string group = "([^/]+)";
  for (auto at = pattern.find(group); at != std::string::npos; at = pattern.find(group)) {
    pattern.replace(at, group.size(), "{}");
  }
  return pattern;
}

std::string normalise_documented(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      const auto close = path.find('}', i);
      if (close == std::string::npos) break;
      out += "{}";
      i = close;
    } else {
      out += path[i];
    }
  }
  return out;
}

// Every "METHOD /api/v1/..." in the document, the path cut at a backquote, '?', space or '|'.
std::set<std::string> documented_routes() {
  std::ifstream file(std::string(PRINTLINE_SOURCE_DIR) + "/docs/api.md");
  std::stringstream text;
  text << file.rdbuf();
  const std::string doc = text.str();
  std::set<std::string> routes;
  for (const std::string method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    const std::string start = method + " /api/v1/";
    for (auto at = doc.find(start); at != std::string::npos; at = doc.find(start, at + 1)) {
      if (at > 0 && std::isalpha(static_cast<unsigned char>(doc[at - 1]))) continue;
      const auto path_begin = at + method.size() + 1;
      const auto path_end = doc.find_first_of("`? \t\n|", path_begin);
      routes.insert(method + " " +
                    normalise_documented(doc.substr(path_begin, path_end - path_begin)));
    }
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
