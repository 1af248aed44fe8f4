#include "http/route_table.h"

namespace printline::http {

void RouteTable::add(Route route) {
  route.regex = std::regex(route.pattern, std::regex::ECMAScript | std::regex::optimize);
  routes_.push_back(std::move(route));
}

void RouteTable::add(std::string method, std::string pattern, RouteClass body, Handler handler,
                     Authorizer authorizer) {
  Route route;
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.body = body;
  route.handler = std::move(handler);
  route.authorizer = std::move(authorizer);
  add(std::move(route));
}

RouteTable::Match RouteTable::find(Request& request) const {
  Match match;
  const std::string& method = request.method == "HEAD" ? std::string("GET") : request.method;
  for (const Route& route : routes_) {
    std::smatch groups;
    if (!std::regex_match(request.path, groups, route.regex)) continue;
    if (route.method != method) {
      match.path_known = true;
      continue;
    }
    request.matches = std::move(groups);
    match.route = &route;
    return match;
  }
  return match;
}

}  // namespace printline::http
