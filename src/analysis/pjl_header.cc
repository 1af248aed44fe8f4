#include "analysis/pjl_header.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace printline::analysis {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool starts_with_pjl(std::string_view text) {
  return text.size() >= 4 && upper(text.substr(0, 4)) == "@PJL";
}

std::optional<int> parse_count(std::string_view value) {
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || n < 1 || n > 9999) return std::nullopt;
  return n;
}

// Applies one `@PJL SET VAR = VALUE` (an optional `LPARM : lang` prefix is skipped).
void apply_set(std::string_view assignment, PjlHeader& header) {
  size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) return;
  std::string name = upper(trim(assignment.substr(0, equals)));
  std::string value = upper(trim(assignment.substr(equals + 1)));
  if (size_t space = name.rfind(' '); space != std::string::npos) name = name.substr(space + 1);
  if (!value.empty() && value.front() == '"') value.erase(0, 1);
  if (!value.empty() && value.back() == '"') value.pop_back();
  if (name == "COPIES" || name == "QTY") {
    if (auto n = parse_count(value)) header.copies = n;
  } else if (name == "DUPLEX") {
    if (value == "ON") header.duplex = true;
    if (value == "OFF") header.duplex = false;
  } else if (name == "PAPER") {
    header.paper = value;
  } else if (name == "RENDERMODE") {
    if (value == "GRAYSCALE") header.grayscale = true;
    if (value == "COLOR") header.grayscale = false;
  } else if (name == "PLANESINUSE") {
    if (value == "1") header.grayscale = true;
  }
}

}  // namespace

bool is_pjl_header_start(std::string_view data) {
  if (data.substr(0, kUniversalExitLanguage.size()) == kUniversalExitLanguage) return true;
  size_t first = data.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && starts_with_pjl(data.substr(first));
}

PjlHeader parse_pjl_header(std::string_view data) {
  PjlHeader header;
  size_t pos = 0;
  bool entered = false;
  while (pos < data.size() && !entered) {
    std::string_view rest = data.substr(pos);
    if (rest.substr(0, kUniversalExitLanguage.size()) == kUniversalExitLanguage) {
      pos += kUniversalExitLanguage.size();
      continue;
    }
    if (rest.front() == '\r' || rest.front() == '\n') {
      ++pos;
      continue;
    }
    if (!starts_with_pjl(rest)) break;  // the payload starts without ENTER LANGUAGE
    size_t eol = rest.find('\n');
    size_t line_length = eol == std::string_view::npos ? rest.size() : eol;
    std::string_view line = trim(rest.substr(4, line_length - 4));
    pos += eol == std::string_view::npos ? rest.size() : eol + 1;
    std::string upper_line = upper(line);
    if (upper_line.rfind("SET ", 0) == 0) {
      apply_set(line.substr(4), header);
    } else if (upper_line.rfind("ENTER", 0) == 0) {
      size_t equals = line.find('=');
      if (equals != std::string_view::npos) header.language = upper(trim(line.substr(equals + 1)));
      entered = true;
    }
  }
  header.payload_offset = std::min(pos, data.size());
  size_t uel = data.find(kUniversalExitLanguage, header.payload_offset);
  header.payload_end = uel == std::string_view::npos ? data.size() : uel;
  return header;
}

}  // namespace printline::analysis
