#include "analysis/pdf_color_space.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <qpdf/Pipeline.hh>
#include <stdexcept>
#include <string>

#include "analysis/pdf_stream_reader.h"

namespace printline::analysis::pdf {
namespace {

constexpr int kMaxDepth = 8;

bool near(double a, double b) { return std::fabs(a - b) <= kVectorTolerance; }

std::vector<double> numbers(QPDFObjectHandle array) {
  std::vector<double> out;
  if (!array.isArray()) return out;
  for (auto& item : array.aitems()) {
    if (item.isNumber()) out.push_back(item.getNumericValue());
  }
  return out;
}

ColorSpace fixed(Verdict verdict) {
  ColorSpace space;
  space.kind = ColorSpace::Kind::kFixed;
  space.fixed = verdict;
  return space;
}

ColorSpace device(ColorSpace::Kind kind, int components) {
  ColorSpace space;
  space.kind = kind;
  space.components = components;
  return space;
}

std::optional<ColorSpace> by_family_name(const std::string& name) {
  if (name == "/DeviceGray" || name == "/CalGray" || name == "/G") {
    return device(ColorSpace::Kind::kGray, 1);
  }
  if (name == "/DeviceRGB" || name == "/CalRGB" || name == "/RGB") {
    return device(ColorSpace::Kind::kRgb, 3);
  }
  if (name == "/DeviceCMYK" || name == "/CMYK") return device(ColorSpace::Kind::kCmyk, 4);
  if (name == "/Lab") return device(ColorSpace::Kind::kLab, 3);
  if (name == "/Pattern") return device(ColorSpace::Kind::kPattern, 0);
  return std::nullopt;
}

// Spot colourants that print with black toner only (or not at all).
bool black_colorant(const std::string& name) {
  return name == "/Black" || name == "/None" || name == "/Gray" || name == "/Grey";
}

Verdict function_verdict(QPDFObjectHandle function, const ColorSpace& range, int depth);

Verdict separation_verdict(QPDFObjectHandle names, QPDFObjectHandle alternate,
                           QPDFObjectHandle function, QPDFObjectHandle resources, int depth) {
  bool all_black = true;
  if (names.isName()) {
    all_black = black_colorant(names.getName());
  } else if (names.isArray()) {
    for (auto& name : names.aitems())
      all_black = all_black && name.isName() && black_colorant(name.getName());
  } else {
    return Verdict::kUnknown;
  }
  if (all_black) return Verdict::kGray;
  ColorSpace alternate_space = resolve_color_space(alternate, resources, depth + 1);
  if (alternate_space.kind == ColorSpace::Kind::kGray) return Verdict::kGray;
  Verdict by_function = function_verdict(function, alternate_space, depth + 1);
  // A spot colour whose tint transform cannot be evaluated here is a colour ink.
  return by_function == Verdict::kUnknown ? Verdict::kColor : by_function;
}

ColorSpace indexed(QPDFObjectHandle array, QPDFObjectHandle resources, int depth) {
  if (array.getArrayNItems() < 4) return fixed(Verdict::kUnknown);
  ColorSpace base = resolve_color_space(array.getArrayItem(1), resources, depth + 1);
  QPDFObjectHandle hival_object = array.getArrayItem(2);
  QPDFObjectHandle lookup = array.getArrayItem(3);
  if (!hival_object.isInteger() || base.kind == ColorSpace::Kind::kIndexed ||
      base.kind == ColorSpace::Kind::kPattern) {
    return fixed(Verdict::kUnknown);
  }
  int entries = std::clamp(hival_object.getIntValueAsInt(), 0, 255) + 1;
  std::string table;
  if (lookup.isString()) {
    table = lookup.getStringValue();
  } else if (lookup.isStream()) {
    auto data = read_stream(lookup, qpdf_dl_generalized, 256 * 4);
    if (!data) return fixed(Verdict::kUnknown);
    table = std::move(*data);
  } else {
    return fixed(Verdict::kUnknown);
  }
  ColorSpace space;
  space.kind = ColorSpace::Kind::kIndexed;
  int n = std::max(1, base.components);
  for (int i = 0; i < entries; ++i) {
    if (static_cast<size_t>((i + 1) * n) > table.size()) {
      space.palette.push_back(Verdict::kUnknown);
      continue;
    }
    std::vector<double> values;
    for (int c = 0; c < n; ++c) {
      double sample = static_cast<unsigned char>(table[i * n + c]) / 255.0;
      // Lab lookup bytes map onto the a*/b* ranges; 128 is (about) neutral.
      if (base.kind == ColorSpace::Kind::kLab && c > 0) sample = (sample - 128.0 / 255) * 2;
      values.push_back(sample);
    }
    space.palette.push_back(base.verdict(values));
  }
  return space;
}

Verdict function_verdict(QPDFObjectHandle function, const ColorSpace& range, int depth) {
  if (depth > kMaxDepth || !function.isDictionary()) {
    if (!function.isStream()) return Verdict::kUnknown;
  }
  QPDFObjectHandle dict = function.isStream() ? function.getDict() : function;
  QPDFObjectHandle type = dict.getKey("/FunctionType");
  if (!type.isInteger()) return Verdict::kUnknown;
  int function_type = type.getIntValueAsInt();
  if (function_type == 2) {
    // Exponential interpolation between C0 and C1: grey at both ends stays grey in between,
    // because every component follows the same curve.
    std::vector<double> c0 = dict.hasKey("/C0") ? numbers(dict.getKey("/C0")) : std::vector{0.0};
    std::vector<double> c1 = dict.hasKey("/C1") ? numbers(dict.getKey("/C1")) : std::vector{1.0};
    return worst(range.verdict(c0), range.verdict(c1));
  }
  if (function_type == 3) {
    QPDFObjectHandle parts = dict.getKey("/Functions");
    if (!parts.isArray() || parts.getArrayNItems() == 0) return Verdict::kUnknown;
    Verdict verdict = Verdict::kGray;
    for (auto& part : parts.aitems())
      verdict = worst(verdict, function_verdict(part, range, depth + 1));
    return verdict;
  }
  return Verdict::kUnknown;
}

}  // namespace

Verdict ColorSpace::verdict(const std::vector<double>& values) const {
  switch (kind) {
    case Kind::kGray:
      return Verdict::kGray;
    case Kind::kRgb:
      if (values.size() < 3) return Verdict::kUnknown;
      return near(values[0], values[1]) && near(values[1], values[2]) ? Verdict::kGray
                                                                      : Verdict::kColor;
    case Kind::kCmyk:
      // Grey only without cyan, magenta and yellow ink (rich black uses colour toner).
      if (values.size() < 4) return Verdict::kUnknown;
      return near(values[0], 0) && near(values[1], 0) && near(values[2], 0) ? Verdict::kGray
                                                                            : Verdict::kColor;
    case Kind::kLab:
      if (values.size() < 3) return Verdict::kUnknown;
      return std::fabs(values[1]) <= 1 && std::fabs(values[2]) <= 1 ? Verdict::kGray
                                                                    : Verdict::kColor;
    case Kind::kIndexed: {
      if (values.empty()) return Verdict::kUnknown;
      long index = std::lround(values[0]);
      if (index < 0 || index >= static_cast<long>(palette.size())) return Verdict::kUnknown;
      return palette[index];
    }
    case Kind::kPattern:
      // Uncoloured patterns carry their colour in the base space.
      if (base.empty()) return Verdict::kUnknown;
      return base.front().verdict(values);
    case Kind::kFixed:
      return fixed;
  }
  return Verdict::kUnknown;
}

Verdict ColorSpace::initial_verdict() const {
  switch (kind) {
    case Kind::kIndexed:
      return palette.empty() ? Verdict::kUnknown : palette.front();
    case Kind::kFixed:
      return fixed;  // tint 1.0 of a spot colour
    default:
      return Verdict::kGray;  // black
  }
}

ColorSpace resolve_color_space(QPDFObjectHandle space, QPDFObjectHandle resources, int depth) {
  if (depth > kMaxDepth) return fixed(Verdict::kUnknown);
  if (space.isName()) {
    std::string name = space.getName();
    if (auto known = by_family_name(name)) return *known;
    QPDFObjectHandle named =
        resources.isDictionary() ? resources.getKey("/ColorSpace") : QPDFObjectHandle::newNull();
    if (named.isDictionary() && named.hasKey(name)) {
      return resolve_color_space(named.getKey(name), resources, depth + 1);
    }
    return fixed(Verdict::kUnknown);
  }
  if (!space.isArray() || space.getArrayNItems() == 0 || !space.getArrayItem(0).isName()) {
    return fixed(Verdict::kUnknown);
  }
  std::string family = space.getArrayItem(0).getName();
  if (family == "/ICCBased") {
    QPDFObjectHandle profile = space.getArrayItem(1);
    if (!profile.isStream()) return fixed(Verdict::kUnknown);
    QPDFObjectHandle n = profile.getDict().getKey("/N");
    int components = n.isInteger() ? n.getIntValueAsInt() : 0;
    if (components == 1) return device(ColorSpace::Kind::kGray, 1);
    if (components == 3) return device(ColorSpace::Kind::kRgb, 3);
    if (components == 4) return device(ColorSpace::Kind::kCmyk, 4);
    return fixed(Verdict::kUnknown);
  }
  if (family == "/Indexed" || family == "/I") return indexed(space, resources, depth);
  if (family == "/Separation" && space.getArrayNItems() >= 4) {
    ColorSpace spot = fixed(separation_verdict(space.getArrayItem(1), space.getArrayItem(2),
                                               space.getArrayItem(3), resources, depth));
    spot.components = 1;
    return spot;
  }
  if (family == "/DeviceN" && space.getArrayNItems() >= 4) {
    ColorSpace spot = fixed(separation_verdict(space.getArrayItem(1), space.getArrayItem(2),
                                               space.getArrayItem(3), resources, depth));
    spot.components = space.getArrayItem(1).isArray() ? space.getArrayItem(1).getArrayNItems() : 1;
    return spot;
  }
  if (family == "/Pattern") {
    ColorSpace pattern = device(ColorSpace::Kind::kPattern, 0);
    if (space.getArrayNItems() >= 2) {
      pattern.base.push_back(resolve_color_space(space.getArrayItem(1), resources, depth + 1));
    }
    return pattern;
  }
  if (auto known = by_family_name(family)) return *known;  // [/CalRGB <<...>>], [/Lab <<...>>]
  return fixed(Verdict::kUnknown);
}

ColorSpace resolve_inline_color_space(QPDFObjectHandle space, QPDFObjectHandle resources) {
  if (space.isArray() && space.getArrayNItems() > 0 && space.getArrayItem(0).isName() &&
      space.getArrayItem(0).getName() == "/I") {
    std::vector<QPDFObjectHandle> items = space.getArrayAsVector();
    items[0] = QPDFObjectHandle::newName("/Indexed");
    return resolve_color_space(QPDFObjectHandle::newArray(items), resources);
  }
  return resolve_color_space(space, resources);
}

Verdict shading_verdict(QPDFObjectHandle shading, QPDFObjectHandle resources) {
  QPDFObjectHandle dict = shading.isStream() ? shading.getDict() : shading;
  if (!dict.isDictionary()) return Verdict::kUnknown;
  ColorSpace space = resolve_color_space(dict.getKey("/ColorSpace"), resources);
  if (space.kind == ColorSpace::Kind::kGray) return Verdict::kGray;
  if (space.kind == ColorSpace::Kind::kFixed) return space.fixed;
  QPDFObjectHandle function = dict.getKey("/Function");
  if (function.isNull()) return Verdict::kUnknown;  // mesh colours live in the stream data
  return function_verdict(function, space, 0);
}

namespace {

// Receives an image's decoded samples from qpdf and looks at them a row at a time, so a large
// image is never held whole in memory (a 300 dpi A4 RGB scan decodes to 26 MB). Keeps taking
// data after the first colour pixel: only a complete image gives a verdict, as before.
class SampleChecker : public Pipeline {
 public:
  SampleChecker(const ColorSpace& space, int components, int bits, size_t row_bytes,
                long long width, long long height)
      : Pipeline("image sample checker", nullptr),
        space_(space),
        n_(components),
        bpc_(bits),
        row_bytes_(row_bytes),
        width_(width),
        height_(height),
        limit_(row_bytes * static_cast<size_t>(height) + 4096),
        index_seen_(space.kind == ColorSpace::Kind::kIndexed ? 256 : 0, false) {
    row_.reserve(row_bytes);
  }

  void write(unsigned char const* data, size_t length) override {
    if (length > limit_ - total_) {
      throw std::length_error("an image decodes to more than its size says");
    }
    total_ += length;
    while (length > 0 && rows_ < height_) {
      size_t take = std::min(length, row_bytes_ - row_.size());
      row_.append(reinterpret_cast<const char*>(data), take);
      data += take;
      length -= take;
      if (row_.size() == row_bytes_) {
        if (!color_) check_row(reinterpret_cast<const unsigned char*>(row_.data()));
        row_.clear();
        ++rows_;
      }
    }
  }
  void finish() override {}

  // The verdict once qpdf has decoded the whole stream.
  Verdict verdict() const {
    if (rows_ < height_) return Verdict::kUnknown;  // less data than the image needs
    if (color_) return Verdict::kColor;
    Verdict verdict = Verdict::kGray;
    for (size_t i = 0; i < index_seen_.size(); ++i) {
      if (!index_seen_[i]) continue;
      verdict = worst(verdict, i < space_.palette.size() ? space_.palette[i] : Verdict::kUnknown);
    }
    return verdict;
  }

 private:
  int sample(const unsigned char* line, size_t index) const {  // scaled to 0..255
    switch (bpc_) {
      case 8:
        return line[index];
      case 16:
        return line[index * 2];
      default: {
        size_t bit = index * bpc_;
        int value = (line[bit / 8] >> (8 - bpc_ - bit % 8)) & ((1 << bpc_) - 1);
        return space_.kind == ColorSpace::Kind::kIndexed ? value : value * 255 / ((1 << bpc_) - 1);
      }
    }
  }

  void check_row(const unsigned char* line) {
    for (long long x = 0; x < width_; ++x) {
      size_t first = static_cast<size_t>(x) * n_;
      if (space_.kind == ColorSpace::Kind::kIndexed) {
        int index = sample(line, first);
        if (index >= 0 && index < 256) index_seen_[index] = true;
        continue;
      }
      int a = sample(line, first);
      int b = n_ > 1 ? sample(line, first + 1) : a;
      int c = n_ > 2 ? sample(line, first + 2) : a;
      bool grey =
          space_.kind == ColorSpace::Kind::kCmyk
              ? a <= kSampleTolerance && b <= kSampleTolerance && c <= kSampleTolerance
          : space_.kind == ColorSpace::Kind::kLab
              ? std::abs(b - 128) <= kSampleTolerance && std::abs(c - 128) <= kSampleTolerance
              : std::abs(a - b) <= kSampleTolerance && std::abs(b - c) <= kSampleTolerance;
      if (!grey) {
        color_ = true;
        return;
      }
    }
  }

  const ColorSpace& space_;
  int n_, bpc_;
  size_t row_bytes_;
  long long width_, height_;
  size_t limit_;
  size_t total_ = 0;
  long long rows_ = 0;
  bool color_ = false;
  std::string row_;
  std::vector<bool> index_seen_;
};

}  // namespace

Verdict image_samples_verdict(QPDFObjectHandle image, const ColorSpace& space, long max_pixels) {
  QPDFObjectHandle dict = image.getDict();
  QPDFObjectHandle width_object = dict.getKey("/Width");
  QPDFObjectHandle height_object = dict.getKey("/Height");
  QPDFObjectHandle bpc_object = dict.getKey("/BitsPerComponent");
  if (!width_object.isInteger() || !height_object.isInteger() || !bpc_object.isInteger()) {
    return Verdict::kUnknown;
  }
  long long width = width_object.getIntValue();
  long long height = height_object.getIntValue();
  int bpc = bpc_object.getIntValueAsInt();
  int n = space.kind == ColorSpace::Kind::kIndexed ? 1 : space.components;
  if (width <= 0 || height <= 0 || width > max_pixels || height > max_pixels ||
      width * height > max_pixels || n < 1 || n > 4 ||
      (bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16)) {
    return Verdict::kUnknown;
  }
  size_t row_bytes = (static_cast<size_t>(width) * n * bpc + 7) / 8;
  SampleChecker checker(space, n, bpc, row_bytes, width, height);
  try {
    // Flate, LZW, RunLength, ASCII, DCT; a little slack over the expected size.
    bool filtered = false;
    if (!image.pipeStreamData(&checker, &filtered, 0, qpdf_dl_all, true, false) || !filtered) {
      return Verdict::kUnknown;  // JPX, JBIG2, ...
    }
  } catch (const std::exception&) {
    return Verdict::kUnknown;  // damaged or oversized data: let Ghostscript decide
  }
  return checker.verdict();
}

}  // namespace printline::analysis::pdf
