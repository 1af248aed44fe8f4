#pragma once
// ASCII case folding for protocol keywords, option names and search text. Not locale-aware on
// purpose: IPP keywords, MIME types and URI schemes are ASCII, and a user's locale must not
// change how "PageSize" or "A4" is read.

#include <string>
#include <string_view>

namespace printline {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace printline
