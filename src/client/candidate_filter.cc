#include "client/candidate_filter.h"

#include "core/ascii.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace printline::client {

namespace {

bool contains(std::string_view haystack, const std::string& needle_lower) {
  return ascii_lower(haystack).find(needle_lower) != std::string::npos;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

bool candidate_matches(const CandidateView& candidate, const PrinterFilter& filter) {
  const std::string search = ascii_lower(trimmed(filter.search));
  if (!search.empty() && !contains(candidate.name, search) &&
      !contains(candidate.location, search)) {
    return false;
  }
  if (filter.color != filter.mono) {
    if (filter.color && !candidate.color) return false;
    if (filter.mono && candidate.color) return false;
  }
  if (filter.large_format && !candidate.large_format) return false;
  return true;
}

void order_candidates(std::vector<CandidateView>& candidates) {
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const CandidateView& a, const CandidateView& b) {
                     if (a.in_history != b.in_history) return a.in_history;
                     return ascii_lower(a.name) < ascii_lower(b.name);
                   });
}

std::vector<CandidateView> filter_candidates(std::vector<CandidateView> candidates,
                                             const PrinterFilter& filter) {
  std::erase_if(candidates,
                [&](const CandidateView& c) { return !candidate_matches(c, filter); });
  order_candidates(candidates);
  return candidates;
}

}  // namespace printline::client
