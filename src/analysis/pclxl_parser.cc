#include "analysis/pclxl_parser.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "analysis/chunk_reader.h"
#include "analysis/paper_size.h"

namespace printline::analysis {
namespace {

// Operator tags (PCL XL Feature Reference, Appendix: binary tags).
enum Operator : uint8_t {
  kBeginPage = 0x43,
  kEndPage = 0x44,
  kEndSession = 0x42,
  kSetBrushSource = 0x63,
  kSetColorSpace = 0x6a,
  kSetPenSource = 0x79,
  kBeginImage = 0xb0,
  kBeginRastPattern = 0xb3,
};

// Attribute identifiers.
enum Attribute : uint16_t {
  kColorSpace = 3,
  kPaletteData = 6,
  kRgbColor = 11,
  kMediaSize = 37,
  kOrientation = 40,
  kCustomMediaSize = 47,
  kCustomMediaSizeUnits = 48,
  kPageCopies = 49,
  kSimplexPageMode = 52,
  kDuplexPageMode = 53,
  kColorMapping = 100,
};

constexpr double kBiLevel = 0,
                 kGray = 1;  // ColorSpace enumeration; RGB, sRGB and others are colour
constexpr double kDirectPixel = 0;
constexpr size_t kMaxKeptArray = 4096;  // palettes and names are small; image data is not kept

// Element size in bytes of a data type tag, and how many elements a non-array tag holds.
struct DataType {
  int element_size = 0;
  int count = 0;  // 0 for arrays (count follows)
  bool is_real = false;
  bool is_signed = false;
};

std::optional<DataType> data_type(uint8_t tag) {
  static constexpr int kSizes[] = {1, 2, 4, 2, 4, 4};
  int kind = tag & 0x07;
  bool array = (tag & 0x08) != 0;
  if (kind > 5) return std::nullopt;
  DataType type{kSizes[kind], 1, kind == 5, kind == 3 || kind == 4};
  switch (tag & 0xf0) {
    case 0xc0:
      type.count = array ? 0 : 1;
      return type;  // c0-c5 scalars, c8-cd arrays
    case 0xd0:
      type.count = 2;
      break;  // xy pairs
    case 0xe0:
      type.count = 4;
      break;  // boxes
    default:
      return std::nullopt;
  }
  if (array) return std::nullopt;
  return type;
}

// Attribute values may be any real number in a damaged stream: convert without overflow.
int to_int(double value) {
  if (!(value >= -1e6 && value <= 1e6)) return -1;
  return static_cast<int>(value);
}

std::string paper_for_media_size(int code) {
  static const std::map<int, std::string_view> kNames = {
      {0, "Letter"},  {1, "Legal"},   {2, "A4"},      {3, "Executive"}, {4, "Tabloid"},
      {5, "A3"},      {6, "COM10"},   {7, "Monarch"}, {8, "C5"},        {9, "DL"},
      {10, "JIS-B4"}, {11, "JIS-B5"}, {13, "B5"},     {16, "A5"},       {17, "A6"}};
  auto it = kNames.find(code);
  return it == kNames.end() ? std::string() : std::string(it->second);
}

class PclXlParser {
 public:
  explicit PclXlParser(const ByteSource& source) : reader_(source) {}

  Result<JobAnalysis> run() {
    if (auto error = read_header()) return *error;
    while (!reader_.at_end()) {
      uint8_t tag = next_byte();
      if (tag == 0x1b) break;  // UEL: the PCL-XL job ends, PJL follows
      if (tag == 0x00 || (tag >= 0x09 && tag <= 0x0d) || tag == 0x20) {
        reader_.skip(1);
        continue;
      }
      std::optional<Error> error;
      if (tag >= 0xc0 && tag <= 0xef) {
        error = read_value(tag);
      } else if (tag == 0xf8 || tag == 0xf9) {
        error = read_attribute_id(tag);
      } else if (tag == 0xfa || tag == 0xfb) {
        error = skip_embedded_data(tag);
      } else if (tag >= 0x40 && tag <= 0xbf) {
        reader_.skip(1);
        error = apply_operator(tag);
        attributes_.clear();
      } else {
        error = fail("unknown tag 0x" + hex(tag));
      }
      if (error) return *error;
      if (ended_) break;
    }
    if (in_page_) {
      return fail_final("the data ends inside page " + std::to_string(analysis_.pages.size() + 1));
    }
    if (!ended_) return fail_final("the data ends before EndSession");
    if (analysis_.pages.empty()) return fail_final("it contains no pages");
    return std::move(analysis_);
  }

 private:
  using Values = std::vector<double>;

  std::optional<Error> read_header() {
    std::string_view head = reader_.peek(1);
    if (head.empty() || (head[0] != ')' && head[0] != '(')) {
      return Error{
          "The PCL-XL job is damaged: the stream header is missing; print it again "
          "from the application."};
    }
    little_endian_ = head[0] == ')';
    while (true) {  // past the header line, however long
      std::string_view chunk = reader_.peek(reader_.capacity());
      if (chunk.empty()) return fail("the stream header is not terminated", 0);
      size_t eol = chunk.find('\n');
      reader_.skip(eol == std::string_view::npos ? chunk.size() : eol + 1);
      if (eol != std::string_view::npos) break;
    }
    analysis_.format = DocumentFormat::kPclXl;
    analysis_.page_count_method = Method::kStructure;
    analysis_.color_method = Method::kStructure;
    return std::nullopt;
  }

  // The byte at the position; a UEL (which ends the stream) if the file shrank under us.
  uint8_t next_byte() {
    std::string_view byte = reader_.peek(1);
    return byte.empty() ? 0x1b : static_cast<uint8_t>(byte[0]);
  }

  bool have(uint64_t bytes) const { return bytes <= reader_.remaining(); }

  uint32_t read_unsigned(size_t size) {  // caller checked have(size)
    std::string_view bytes = reader_.peek(size);
    uint32_t value = 0;
    for (size_t i = 0; i < size; ++i) {
      size_t index = little_endian_ ? size - 1 - i : i;
      value = (value << 8) | (index < bytes.size() ? static_cast<uint8_t>(bytes[index]) : 0);
    }
    reader_.skip(size);
    return value;
  }

  double read_number(const DataType& type) {
    uint32_t raw = read_unsigned(type.element_size);
    if (type.is_real) return static_cast<double>(std::bit_cast<float>(raw));
    if (type.is_signed && type.element_size == 2) return static_cast<int16_t>(raw);
    if (type.is_signed) return static_cast<int32_t>(raw);
    return raw;
  }

  std::optional<Error> read_value(uint8_t tag) {
    auto type = data_type(tag);
    if (!type) return fail("unknown data type 0x" + hex(tag));
    reader_.skip(1);
    size_t count = type->count;
    if (count == 0) {  // array: a ubyte or uint16 length follows
      if (!have(1)) return truncated();
      uint8_t length_tag = next_byte();
      reader_.skip(1);
      if (length_tag != 0xc0 && length_tag != 0xc1) return fail("bad array length type");
      size_t length_size = length_tag == 0xc0 ? 1 : 2;
      if (!have(length_size)) return truncated();
      count = read_unsigned(length_size);
    }
    if (!have(count * type->element_size)) return truncated();
    value_.clear();
    if (count > kMaxKeptArray) {
      reader_.skip(count * type->element_size);
      return std::nullopt;
    }
    for (size_t i = 0; i < count; ++i) value_.push_back(read_number(*type));
    value_is_real_ = type->is_real;
    if (type->is_real) {
      for (double v : value_) {
        if (v != v) return fail("a real number is not a number");
      }
    }
    return std::nullopt;
  }

  std::optional<Error> read_attribute_id(uint8_t tag) {
    reader_.skip(1);
    size_t size = tag == 0xf8 ? 1 : 2;
    if (!have(size)) return truncated();
    uint16_t id = static_cast<uint16_t>(read_unsigned(size));
    if (id == kRgbColor || id == kPaletteData) real_colors_ = value_is_real_;
    attributes_[id] = std::move(value_);
    value_.clear();
    return std::nullopt;
  }

  std::optional<Error> skip_embedded_data(uint8_t tag) {
    reader_.skip(1);
    size_t size = tag == 0xfb ? 1 : 4;
    if (!have(size)) return truncated();
    size_t length = read_unsigned(size);
    if (!have(length)) return truncated();
    reader_.skip(length);  // image and font data: never read, only skipped
    return std::nullopt;
  }

  std::optional<double> attribute(uint16_t id, size_t index = 0) const {
    auto it = attributes_.find(id);
    if (it == attributes_.end() || it->second.size() <= index) return std::nullopt;
    return it->second[index];
  }

  // Ghostscript's own grey-to-RGB conversion gives e.g. (76, 77, 76) for 0.3 setgray: allow
  // two levels of 255 (or 2/255 for real-valued colours).
  bool grey(double r, double g, double b) const {
    double tolerance = real_colors_ ? 2.0 / 255 : 2.0;
    return std::fabs(r - g) <= tolerance && std::fabs(g - b) <= tolerance;
  }

  std::optional<Error> apply_operator(uint8_t op) {
    switch (op) {
      case kBeginPage:
        return begin_page();
      case kEndPage:
        return end_page();
      case kEndSession:
        ended_ = true;
        return std::nullopt;
      case kSetColorSpace:
        set_color_space();
        return std::nullopt;
      case kSetBrushSource:
      case kSetPenSource: {
        auto it = attributes_.find(kRgbColor);
        if (rgb_space_ && it != attributes_.end() && it->second.size() == 3 &&
            !grey(it->second[0], it->second[1], it->second[2])) {
          page_.color = true;
        }
        return std::nullopt;
      }
      case kBeginImage:
      case kBeginRastPattern:
        if (rgb_space_ && (palette_has_color_ || attribute(kColorMapping) == kDirectPixel)) {
          page_.color = true;
        }
        return std::nullopt;
      default:
        return std::nullopt;
    }
  }

  std::optional<Error> begin_page() {
    if (in_page_) return fail("BeginPage inside a page");
    in_page_ = true;
    page_ = PageInfo{};
    rgb_space_ = false;
    palette_has_color_ = false;
    double width = 0, height = 0;
    auto media = attributes_.find(kMediaSize);
    if (auto custom = attribute(kCustomMediaSize, 1)) {
      static constexpr double kUnitPoints[] = {72.0, kPointsPerMm, kPointsPerMm / 10};
      int units = to_int(attribute(kCustomMediaSizeUnits).value_or(0));
      double unit = units >= 0 && units <= 2 ? kUnitPoints[units] : 72.0;
      width = *attribute(kCustomMediaSize, 0) * unit;
      height = *custom * unit;
    } else if (media != attributes_.end() && media->second.size() == 1) {
      if (auto size = paper_by_name(paper_for_media_size(to_int(media->second[0])))) {
        width = size->width_pt;
        height = size->height_pt;
      }
    } else if (media != attributes_.end()) {  // a name such as "A4" as a ubyte array
      std::string name;
      for (double c : media->second) {
        if (c >= 0x20 && c < 0x7f) name.push_back(static_cast<char>(c));
      }
      if (auto size = paper_by_name(name)) {
        width = size->width_pt;
        height = size->height_pt;
      }
    }
    int orientation = to_int(attribute(kOrientation).value_or(0));
    if (orientation == 1 || orientation == 3) std::swap(width, height);
    page_.width_pt = width;
    page_.height_pt = height;
    page_.paper = paper_name(width, height);
    if (attributes_.count(kDuplexPageMode)) analysis_.duplex = true;
    if (attributes_.count(kSimplexPageMode) && !analysis_.duplex) analysis_.duplex = false;
    return std::nullopt;
  }

  std::optional<Error> end_page() {
    if (!in_page_) return fail("EndPage without BeginPage");
    in_page_ = false;
    if (auto copies = attribute(kPageCopies); copies && *copies >= 1 && *copies <= 9999) {
      analysis_.copies = static_cast<int>(*copies);
    }
    analysis_.pages.push_back(page_);
    return std::nullopt;
  }

  void set_color_space() {
    auto space = attribute(kColorSpace);
    if (!space) return;
    rgb_space_ = *space != kGray && *space != kBiLevel;
    palette_has_color_ = false;
    auto palette = attributes_.find(kPaletteData);
    if (rgb_space_ && palette != attributes_.end()) {
      const Values& p = palette->second;
      for (size_t i = 0; i + 2 < p.size(); i += 3) {
        if (!grey(p[i], p[i + 1], p[i + 2])) palette_has_color_ = true;
      }
    }
  }

  static std::string hex(uint8_t value) {
    static constexpr char kDigits[] = "0123456789abcdef";
    return {kDigits[value >> 4], kDigits[value & 0x0f]};
  }

  Error fail(const std::string& what) const { return fail(what, reader_.offset()); }
  Error fail(const std::string& what, uint64_t at) const {
    return Error{"The PCL-XL job is damaged: " + what + " at byte " + std::to_string(at) +
                 "; print it again from the application."};
  }
  Error fail_final(const std::string& what) const {
    return Error{"The PCL-XL job is incomplete: " + what +
                 " (was it truncated?); print it again from the application."};
  }
  Error truncated() const { return fail_final("the data ends in the middle of a value"); }

  ChunkReader reader_;
  bool little_endian_ = true;
  bool ended_ = false;
  bool in_page_ = false;
  bool rgb_space_ = false;
  bool palette_has_color_ = false;
  bool value_is_real_ = false;  // the last value read was real32
  bool real_colors_ = false;    // the last colour attribute was given as real numbers (0..1)
  PageInfo page_;
  Values value_;
  std::map<uint16_t, Values> attributes_;
  JobAnalysis analysis_;
};

}  // namespace

Result<JobAnalysis> analyze_pclxl(const ByteSource& source) { return PclXlParser(source).run(); }

Result<JobAnalysis> analyze_pclxl(std::string_view data) {
  return analyze_pclxl(ByteSource::from_memory(data.data(), data.size()));
}

}  // namespace printline::analysis
