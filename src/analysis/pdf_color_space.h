#pragma once
// PDF colour spaces and the question this module asks of them: is this colour grey?
// Internal to the PDF analyser (uses qpdf types).

#include <qpdf/QPDFObjectHandle.hh>
#include <vector>

namespace printline::analysis::pdf {

// What is known about the colour of something that is painted.
enum class Verdict { kGray, kUnknown, kColor };  // ordered: combining keeps the worst

inline Verdict worst(Verdict a, Verdict b) { return a > b ? a : b; }

// Tolerance for "the components are equal": vector colours, and decoded image samples
// (JPEG noise in a grey photo stored as RGB stays below it).
inline constexpr double kVectorTolerance = 1.0 / 255;
inline constexpr int kSampleTolerance = 6;  // of 255

struct ColorSpace {
  enum class Kind { kGray, kRgb, kCmyk, kLab, kIndexed, kPattern, kFixed };
  Kind kind = Kind::kGray;
  int components = 1;
  Verdict fixed = Verdict::kGray;  // kFixed: every colour has this verdict (spot colours)
  std::vector<Verdict> palette;    // kIndexed: the verdict of each index
  std::vector<ColorSpace> base;    // kPattern: the underlying space of uncoloured patterns

  // The verdict of a colour given by its components in this space.
  Verdict verdict(const std::vector<double>& values) const;
  // The verdict of the initial colour after `cs`/`CS` selects the space (black, index 0, ...).
  Verdict initial_verdict() const;
};

// Resolves a colour space operand: a name (/DeviceRGB, or a key of /ColorSpace in
// `resources`) or an array ([/ICCBased s], [/Indexed base hival lookup], ...). Unknown or
// malformed spaces become Kind::kFixed with Verdict::kUnknown. `depth` guards recursion.
ColorSpace resolve_color_space(QPDFObjectHandle space, QPDFObjectHandle resources, int depth = 0);

// The inline-image abbreviations (/G, /RGB, /CMYK, /I) expanded, then resolved.
ColorSpace resolve_inline_color_space(QPDFObjectHandle space, QPDFObjectHandle resources);

// The verdict of a shading dictionary (or stream): its space, and its Function where that is a
// type 2 (exponential) or type 3 (stitching) function; other forms are kUnknown.
Verdict shading_verdict(QPDFObjectHandle shading, QPDFObjectHandle resources);

// The verdict of an image's samples: decodes the image with qpdf when its size is within
// `max_pixels`, and looks at every pixel (or used palette index). kUnknown when it cannot.
Verdict image_samples_verdict(QPDFObjectHandle image, const ColorSpace& space, long max_pixels);

}  // namespace printline::analysis::pdf
