#include "analysis/pcl5_scanner.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "analysis/chunk_reader.h"

namespace printline::analysis {
namespace {

constexpr char kEscape = 0x1b;

std::optional<PaperSize> paper_for_code(int code) {
  switch (code) {
    case 1:
      return paper_by_name("Executive");
    case 2:
      return paper_by_name("Letter");
    case 3:
      return paper_by_name("Legal");
    case 6:
      return paper_by_name("Tabloid");
    case 25:
      return paper_by_name("A5");
    case 26:
      return paper_by_name("A4");
    case 27:
      return paper_by_name("A3");
    case 45:
      return paper_by_name("JIS-B5");
    case 46:
      return paper_by_name("JIS-B4");
    case 80:
      return paper_by_name("Monarch");
    case 81:
      return paper_by_name("COM10");
    case 90:
      return paper_by_name("DL");
    case 91:
      return paper_by_name("C5");
    default:
      return std::nullopt;
  }
}

// Commands whose value is the length of binary data that follows the sequence.
bool carries_data(char parameterized, char group, char command) {
  switch (parameterized) {
    case '*':
      return (group == 'b' && (command == 'w' || command == 'v')) ||
             (group == 'c' && command == 'w') || (group == 'v' && command == 'w') ||
             (group == 'o' && command == 'w') || (group == 'i' && command == 'w') ||
             (group == 'l' && command == 'w') || (group == 'm' && command == 'w');
    case '&':
      return (group == 'p' && command == 'x') || (group == 'n' && command == 'w') ||
             (group == 'b' && command == 'w');
    case '(':
    case ')':
      return (group == 's' && command == 'w') || (group == 'f' && command == 'w');
    default:
      return false;
  }
}

class Pcl5Scanner {
 public:
  Pcl5Scanner(const ByteSource& source, const PaperSize& paper) : reader_(source), paper_(paper) {
    analysis_.format = DocumentFormat::kPcl5;
    analysis_.page_count_method = Method::kHeuristic;
    analysis_.color_method = Method::kHeuristic;
  }

  JobAnalysis run() {
    bool more = true;
    while (more && !reader_.at_end()) {
      std::string_view chunk = reader_.peek(reader_.capacity());
      size_t i = 0;
      for (; i < chunk.size() && chunk[i] != kEscape; ++i) {
        char c = chunk[i];
        if (c == '\f') {
          eject();
        } else if (static_cast<unsigned char>(c) >= 0x20) {
          dirty_ = true;
        }
      }
      reader_.skip(i);
      if (i < chunk.size()) more = escape();
    }
    if (dirty_) eject();
    return std::move(analysis_);
  }

 private:
  // How far one escape sequence may reach (its values, not the binary data it announces).
  static constexpr size_t kSequenceLookahead = 64 << 10;

  void eject() {
    analysis_.pages.push_back(
        PageInfo{color_, paper_.width_pt, paper_.height_pt, std::string(paper_.name)});
    dirty_ = false;
  }

  // Handles the escape sequence at the reader's position; false when the PCL data ends (UEL
  // or end of data).
  bool escape() {
    std::string_view data = reader_.peek(kSequenceLookahead);
    // The sequence may run to the end of the view only when the view reaches the end of the data.
    bool view_is_rest = data.size() == reader_.remaining();
    if (1 >= data.size()) return false;
    char first = data[1];
    if (first < 0x21 || first > 0x2f) {     // two-character sequence
      if (first == 'E' && dirty_) eject();  // a reset prints what the page holds
      reader_.skip(2);
      return true;
    }
    size_t p = 2;
    uint64_t skip_data = 0;  // binary data announced by the sequence, skipped after it
    char group = 0;
    if (p < data.size() && data[p] >= 0x60 && data[p] <= 0x7e) group = data[p++];
    // Values with their terminators: lower case continues the sequence, upper case ends it.
    while (p < data.size()) {
      size_t start = p;
      while (p < data.size() && (std::isdigit(static_cast<unsigned char>(data[p])) ||
                                 data[p] == '+' || data[p] == '-' || data[p] == '.')) {
        ++p;
      }
      if (p >= data.size()) {
        if (view_is_rest) return false;
        break;  // a sequence longer than the lookahead: resume scanning after it
      }
      char terminator = data[p++];
      double value = std::atof(std::string(data.substr(start, p - 1 - start)).c_str());
      char command = static_cast<char>(std::tolower(static_cast<unsigned char>(terminator)));
      if (first == '%' && command == 'x' && value == -12345) return false;  // UEL: PCL ends
      apply(first, group, command, value);
      if (carries_data(first, group, command) && value > 0) {
        if (first == '*' && group == 'b') dirty_ = true;  // raster graphics
        if (first == '&' && group == 'p') dirty_ = true;  // transparent print data
        uint64_t remaining = reader_.remaining() - p;
        uint64_t length =
            value >= static_cast<double>(remaining) ? remaining : static_cast<uint64_t>(value);
        if (length > data.size() - p) {  // the data reaches past the view: skip it unread
          skip_data = length;
          break;
        }
        p += static_cast<size_t>(length);
      }
      if (terminator < 0x60 || terminator > 0x7e) break;
    }
    reader_.skip(p + skip_data);
    return true;
  }

  void apply(char first, char group, char command, double value) {
    int n = value > -1e6 && value < 1e6 ? static_cast<int>(std::lround(value)) : -1;
    if (first == '&' && group == 'l') {
      if (command == 'a') {
        if (auto paper = paper_for_code(n)) paper_ = *paper;
      } else if (command == 'x' && n >= 1 && n <= 999) {
        analysis_.copies = n;
      } else if (command == 's') {
        analysis_.duplex = n != 0;
      }
    } else if (first == '*' && group == 'r' && command == 'u') {
      color_ = n == 3 || n == -3;
    } else if (first == '*' && group == 'v' && command == 'w') {
      color_ = true;  // Configure Image Data sets up a colour palette
    } else if (first == '%' && command == 'b') {
      dirty_ = true;  // HP-GL/2 drawing follows
    }
  }

  ChunkReader reader_;
  PaperSize paper_;
  JobAnalysis analysis_;
  bool dirty_ = false;
  bool color_ = false;
};

}  // namespace

JobAnalysis analyze_pcl5(const ByteSource& source, const PaperSize& default_paper) {
  return Pcl5Scanner(source, default_paper).run();
}

JobAnalysis analyze_pcl5(std::string_view data, const PaperSize& default_paper) {
  return analyze_pcl5(ByteSource::from_memory(data.data(), data.size()), default_paper);
}

}  // namespace printline::analysis
