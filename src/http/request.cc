#include "http/request.h"

#include <strings.h>

#include <algorithm>

namespace printline::http {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  const std::size_t n = std::min(a.size(), b.size());
  const int order = ::strncasecmp(a.data(), b.data(), n);
  if (order != 0) return order < 0;
  return a.size() < b.size();
}

bool Request::has_header(std::string_view name) const {
  return headers.find(std::string(name)) != headers.end();
}

std::string Request::get_header_value(std::string_view name, std::size_t n) const {
  auto [first, last] = headers.equal_range(std::string(name));
  for (; first != last; ++first) {
    if (n == 0) return first->second;
    --n;
  }
  return {};
}

std::size_t Request::get_header_value_count(std::string_view name) const {
  return headers.count(std::string(name));
}

bool Request::has_param(const std::string& name) const { return params.count(name) > 0; }

std::string Request::get_param_value(const std::string& name, std::size_t n) const {
  auto [first, last] = params.equal_range(name);
  for (; first != last; ++first) {
    if (n == 0) return first->second;
    --n;
  }
  return {};
}

}  // namespace printline::http
