#pragma once
// Builds "?a=1&b=x%20y" for API paths; empty values are left out, so optional filters can be
// passed as they are.

#include <string>
#include <utility>
#include <vector>

namespace printline::api_client {

using QueryParameters = std::vector<std::pair<std::string, std::string>>;

std::string percent_encode(const std::string& text);
// "" when every value is empty, else "?name=value&…".
std::string query_string(const QueryParameters& parameters);

}  // namespace printline::api_client
