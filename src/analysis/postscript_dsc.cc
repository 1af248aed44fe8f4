#include "analysis/postscript_dsc.h"

#include <charconv>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>

#include "analysis/chunk_reader.h"
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

// The value following the first `key` (e.g. "/Duplex") that starts before `owned` in `window`
// and is followed by a word that is true, false or a number.
std::optional<std::string> value_after(std::string_view window, size_t owned,
                                       std::string_view key) {
  size_t at = 0;
  while ((at = window.find(key, at)) != std::string_view::npos && at < owned) {
    at += key.size();
    if (at < window.size() && (std::isalnum(static_cast<unsigned char>(window[at])))) continue;
    size_t start = window.find_first_not_of(" \t\r\n", at);
    if (start == std::string_view::npos) return std::nullopt;
    size_t end = window.find_first_of(" \t\r\n/<>[](){}", start);
    std::string word(
        window.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (word == "true" || word == "false" || number(word)) return word;
  }
  return std::nullopt;
}

// The first `/PageSize [w h]` that starts before `owned` in `window`.
std::optional<Size> page_size_request(std::string_view window, size_t owned) {
  size_t at = window.find("/PageSize");
  while (at != std::string_view::npos && at < owned) {
    size_t open = window.find_first_not_of(" \t\r\n", at + 9);
    if (open != std::string_view::npos && window[open] == '[') {
      size_t close = window.find(']', open);
      if (close != std::string_view::npos) {
        auto parts = words(window.substr(open + 1, close - open - 1));
        if (parts.size() == 2 && number(parts[0]) && number(parts[1])) {
          return Size{*number(parts[0]), *number(parts[1])};
        }
      }
    }
    at = window.find("/PageSize", at + 9);
  }
  return std::nullopt;
}

// Lines of the program one at a time, from a bounded buffer. A line longer than kMaxLine is
// cut there (DSC comments are at most 255 bytes; long lines are binary data).
class LineReader {
 public:
  static constexpr size_t kMaxLine = 64 << 10;

  explicit LineReader(ChunkReader& reader) : reader_(reader) {}

  // The next line without its end-of-line byte; valid until the next call.
  std::optional<std::string_view> next() {
    if (reader_.at_end()) return std::nullopt;
    std::string_view view = reader_.peek(kMaxLine + 1);
    size_t eol = end_of_line(view);
    if (eol != std::string_view::npos) {
      reader_.skip(eol + 1);
      return view.substr(0, eol);
    }
    if (view.size() <= kMaxLine) {  // the last line, without an end-of-line byte
      reader_.skip(view.size());
      return view;
    }
    long_line_.assign(view.substr(0, kMaxLine));
    reader_.skip(view.size());
    while (!reader_.at_end()) {
      std::string_view rest = reader_.peek(reader_.capacity());
      eol = end_of_line(rest);
      reader_.skip(eol == std::string_view::npos ? rest.size() : eol + 1);
      if (eol != std::string_view::npos) break;
    }
    return std::string_view(long_line_);
  }

 private:
  static size_t end_of_line(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' || text[i] == '\r') return i;
    }
    return std::string_view::npos;
  }

  ChunkReader& reader_;
  std::string long_line_;
};

// The page device requests and showpage operators, found in overlapping windows of the
// program (a request split between two reads is still seen once).
struct ProgramRequests {
  std::optional<std::string> duplex, num_copies, hash_copies;
  std::optional<Size> page_size;
  int showpages = 0;
};

ProgramRequests read_requests(const ByteSource& source) {
  constexpr size_t kChunk = 1 << 20;
  constexpr size_t kOverlap = 64 << 10;  // how far a value may lie after its key
  ProgramRequests found;
  for_each_window(source, kChunk, kOverlap, [&](std::string_view window, size_t owned, uint64_t) {
    if (!found.duplex) found.duplex = value_after(window, owned, "/Duplex");
    if (!found.num_copies) {
      found.num_copies = value_after(window, owned, "/NumCopies");
    }
    if (!found.hash_copies) {
      found.hash_copies = value_after(window, owned, "/#copies");
    }
    if (!found.page_size) found.page_size = page_size_request(window, owned);
    for (size_t at = window.find("showpage"); at < owned; at = window.find("showpage", at + 8)) {
      ++found.showpages;
    }
    return true;
  });
  return found;
}

}  // namespace

bool DscSummary::trustworthy() const {
  return conforming && has_eof && declared_pages && *declared_pages == page_markers &&
         page_markers > 0;
}

DscSummary read_dsc(std::string_view program) {
  return read_dsc(ByteSource::from_memory(program.data(), program.size()));
}

DscSummary read_dsc(const ByteSource& source) {
  DscSummary dsc;
  std::map<std::string, Size> media;  // %%DocumentMedia by name
  std::optional<Size> first_media, document_box;
  std::vector<std::optional<Size>> page_sizes;
  int embedded = 0;  // %%BeginDocument nesting: an included EPS has its own %%Page: comments
  std::string last_key;
  ChunkReader reader(source);
  LineReader lines(reader);
  bool first_line = true;
  while (auto next = lines.next()) {
    std::string_view line = *next;
    if (first_line) dsc.conforming = starts_with(line, "%!PS-Adobe-");
    first_line = false;
    if (!starts_with(line, "%%")) continue;
    size_t colon = line.find(':');
    std::string_view key = line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    if (key == "%%+") {
      key = last_key;  // continuation line
    } else {
      last_key.assign(key.substr(0, 256));  // no DSC keyword is that long
    }
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
  ProgramRequests requests = read_requests(source);
  dsc.showpage_count = requests.showpages;
  if (requests.duplex) dsc.duplex = *requests.duplex == "true";
  auto copies = requests.num_copies ? requests.num_copies : requests.hash_copies;
  if (copies) {
    double n = number(*copies).value_or(0);
    if (n >= 1 && n <= 9999) dsc.copies = static_cast<int>(n);
  }
  std::optional<Size> requested = requests.page_size;
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
