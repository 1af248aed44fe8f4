#include "analysis/postscript_dsc.h"

#include <charconv>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>

#include "analysis/paper_size.h"

namespace printline::analysis {
namespace {

struct Size {
  double width = 0, height = 0;
};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream stream{std::string(text)};
  std::string word;
  while (stream >> word) out.push_back(word);
  return out;
}

std::optional<double> number(const std::string& text) {
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str()) return std::nullopt;
  return value;
}

// %%PageBoundingBox / %%BoundingBox: believed as the paper only when it is a standard size
// anchored at the origin (as ps2write and most drivers write it).
std::optional<Size> box_as_paper(std::string_view value) {
  auto parts = words(value);
  if (parts.size() != 4) return std::nullopt;
  auto llx = number(parts[0]), lly = number(parts[1]), urx = number(parts[2]),
       ury = number(parts[3]);
  if (!llx || !lly || !urx || !ury || *llx != 0 || *lly != 0) return std::nullopt;
  std::string name = paper_name(*urx, *ury);
  if (name == "custom" || name == "unknown") return std::nullopt;
  return Size{*urx, *ury};
}

// The value following `key` (e.g. "/Duplex") in the program text, as a word.
std::optional<std::string> value_after(std::string_view program, std::string_view key) {
  size_t at = 0;
  while ((at = program.find(key, at)) != std::string_view::npos) {
    at += key.size();
    if (at < program.size() && (std::isalnum(static_cast<unsigned char>(program[at])))) continue;
    size_t start = program.find_first_not_of(" \t\r\n", at);
    if (start == std::string_view::npos) return std::nullopt;
    size_t end = program.find_first_of(" \t\r\n/<>[](){}", start);
    std::string word(program.substr(
        start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (word == "true" || word == "false" || number(word)) return word;
  }
  return std::nullopt;
}

std::optional<Size> page_size_request(std::string_view program) {
  size_t at = program.find("/PageSize");
  while (at != std::string_view::npos) {
    size_t open = program.find_first_not_of(" \t\r\n", at + 9);
    if (open != std::string_view::npos && program[open] == '[') {
      size_t close = program.find(']', open);
      if (close != std::string_view::npos) {
        auto parts = words(program.substr(open + 1, close - open - 1));
        if (parts.size() == 2 && number(parts[0]) && number(parts[1])) {
          return Size{*number(parts[0]), *number(parts[1])};
        }
      }
    }
    at = program.find("/PageSize", at + 9);
  }
  return std::nullopt;
}

}  // namespace

bool DscSummary::trustworthy() const {
  return conforming && has_eof && declared_pages && *declared_pages == page_markers &&
         page_markers > 0;
}

DscSummary read_dsc(std::string_view program) {
  DscSummary dsc;
  dsc.conforming = starts_with(program, "%!PS-Adobe-");
  std::map<std::string, Size> media;  // %%DocumentMedia by name
  std::optional<Size> first_media, document_box;
  std::vector<std::optional<Size>> page_sizes;
  int embedded = 0;  // %%BeginDocument nesting: an included EPS has its own %%Page: comments
  size_t pos = 0;
  std::string_view last_key;
  while (pos < program.size()) {
    size_t eol = program.find_first_of("\r\n", pos);
    std::string_view line =
        program.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? program.size() : eol + 1;
    if (!starts_with(line, "%%")) continue;
    size_t colon = line.find(':');
    std::string_view key = line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    if (key == "%%+") key = last_key;  // continuation line
    last_key = key;
    if (key == "%%BeginDocument") ++embedded;
    if (key == "%%EndDocument" && embedded > 0) --embedded;
    if (embedded > 0) continue;
    if (key == "%%Pages") {
      auto parts = words(value);
      if (!parts.empty() && parts[0] == "(atend)") dsc.pages_atend = true;
      if (!parts.empty() && parts[0] != "(atend)") {
        int n = 0;
        auto [end, ec] = std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), n);
        if (ec == std::errc() && n >= 0) dsc.declared_pages = n;
      }
    } else if (key == "%%Page") {
      ++dsc.page_markers;
      page_sizes.emplace_back();
    } else if (key == "%%EOF") {
      dsc.has_eof = true;
    } else if (key == "%%DocumentMedia") {
      auto parts = words(value);
      if (parts.size() >= 3 && number(parts[1]) && number(parts[2])) {
        Size size{*number(parts[1]), *number(parts[2])};
        media[parts[0]] = size;
        if (!first_media) first_media = size;
      }
    } else if (key == "%%PageMedia" && !page_sizes.empty()) {
      auto parts = words(value);
      if (!parts.empty() && media.count(parts[0])) page_sizes.back() = media[parts[0]];
    } else if (key == "%%PageBoundingBox" && !page_sizes.empty() && !page_sizes.back()) {
      page_sizes.back() = box_as_paper(value);
    } else if (key == "%%BoundingBox" && !document_box) {
      document_box = box_as_paper(value);
    } else if (key == "%%DocumentProcessColors") {
      auto parts = words(value);
      if (!parts.empty() && parts[0] != "(atend)") {
        bool black_only = true;
        for (auto& colorant : parts) black_only = black_only && colorant == "Black";
        dsc.process_colors_black_only = black_only;
      }
    }
  }
  if (auto duplex = value_after(program, "/Duplex")) dsc.duplex = *duplex == "true";
  auto copies = value_after(program, "/NumCopies");
  if (!copies) copies = value_after(program, "/#copies");
  if (copies) {
    double n = number(*copies).value_or(0);
    if (n >= 1 && n <= 9999) dsc.copies = static_cast<int>(n);
  }
  std::optional<Size> requested = page_size_request(program);
  for (auto& size : page_sizes) {
    Size chosen = size           ? *size
                  : first_media  ? *first_media
                  : requested    ? *requested
                  : document_box ? *document_box
                                 : Size{};
    dsc.pages.push_back(
        PageInfo{false, chosen.width, chosen.height, paper_name(chosen.width, chosen.height)});
  }
  return dsc;
}

}  // namespace printline::analysis
