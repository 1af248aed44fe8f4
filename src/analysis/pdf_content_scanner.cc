#include "analysis/pdf_content_scanner.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace printline::analysis::pdf {
namespace {

class ContentScanner : public QPDFObjectHandle::ParserCallbacks {
 public:
  ContentScanner(QPDFObjectHandle resources, ScanContext& context, InheritedColor inherited,
                 int depth)
      : resources_(resources), context_(context), depth_(depth) {
    state_.fill = inherited.fill;
    state_.stroke = inherited.stroke;
  }

  Verdict result() const { return result_; }

  void handleObject(QPDFObjectHandle object) override {
    if (object.isInlineImage()) {
      inline_image(object);
      return;
    }
    if (!object.isOperator()) {
      if (operands_.size() < kMaxOperands) operands_.push_back(object);
      return;
    }
    std::string op = object.getOperatorValue();
    if (op == "BI") {
      in_inline_image_ = true;
      operands_.clear();
      return;
    }
    if (op == "ID") return;  // the inline image dictionary stays in operands_ until the data
    if (!in_inline_image_) apply(op);
    if (op == "EI") in_inline_image_ = false;
    operands_.clear();
    if (result_ == Verdict::kColor) terminateParsing();
  }

  void handleEOF() override {}

 private:
  static constexpr size_t kMaxOperands = 64;

  struct State {
    ColorSpace fill_space, stroke_space;
    Verdict fill = Verdict::kGray, stroke = Verdict::kGray;
    int text_mode = 0;
  };

  std::vector<double> numeric_operands() {
    std::vector<double> values;
    for (auto& operand : operands_) {
      if (operand.isNumber()) values.push_back(operand.getNumericValue());
    }
    return values;
  }

  void paint(Verdict verdict) { result_ = worst(result_, verdict); }
  void fill() { paint(state_.fill); }
  void stroke() { paint(state_.stroke); }

  void apply(const std::string& op) {
    // Colour selection.
    if (op == "g") {
      state_.fill_space = ColorSpace{};
      state_.fill = Verdict::kGray;
    } else if (op == "G") {
      state_.stroke_space = ColorSpace{};
      state_.stroke = Verdict::kGray;
    } else if (op == "rg" || op == "RG" || op == "k" || op == "K") {
      bool rgb = op == "rg" || op == "RG";
      ColorSpace space;
      space.kind = rgb ? ColorSpace::Kind::kRgb : ColorSpace::Kind::kCmyk;
      space.components = rgb ? 3 : 4;
      Verdict verdict = space.verdict(numeric_operands());
      bool is_fill = op == "rg" || op == "k";
      (is_fill ? state_.fill_space : state_.stroke_space) = space;
      (is_fill ? state_.fill : state_.stroke) = verdict;
    } else if (op == "cs" || op == "CS") {
      if (operands_.empty()) return;
      ColorSpace space = resolve_color_space(operands_.back(), resources_);
      bool is_fill = op == "cs";
      (is_fill ? state_.fill : state_.stroke) = space.initial_verdict();
      (is_fill ? state_.fill_space : state_.stroke_space) = std::move(space);
    } else if (op == "sc" || op == "scn" || op == "SC" || op == "SCN") {
      bool is_fill = op == "sc" || op == "scn";
      const ColorSpace& space = is_fill ? state_.fill_space : state_.stroke_space;
      Verdict verdict = space.kind == ColorSpace::Kind::kPattern && !operands_.empty() &&
                                operands_.back().isName()
                            ? pattern_verdict(operands_.back().getName(), space)
                            : space.verdict(numeric_operands());
      (is_fill ? state_.fill : state_.stroke) = verdict;
    }
    // Graphics state and text.
    else if (op == "q") {
      if (stack_.size() < 256) stack_.push_back(state_);
    } else if (op == "Q") {
      if (!stack_.empty()) {
        state_ = std::move(stack_.back());
        stack_.pop_back();
      }
    } else if (op == "Tr") {
      auto values = numeric_operands();
      if (!values.empty()) state_.text_mode = static_cast<int>(values.back());
    } else if (op == "Tj" || op == "TJ" || op == "'" || op == "\"") {
      int mode = state_.text_mode;
      if (mode == 0 || mode == 2 || mode == 4 || mode == 6) fill();
      if (mode == 1 || mode == 2 || mode == 5 || mode == 6) stroke();
    }
    // Painting.
    else if (op == "f" || op == "F" || op == "f*") {
      fill();
    } else if (op == "S" || op == "s") {
      stroke();
    } else if (op == "B" || op == "B*" || op == "b" || op == "b*") {
      fill();
      stroke();
    } else if (op == "sh") {
      if (!operands_.empty() && operands_.back().isName()) {
        paint(shading_verdict(named_resource("/Shading", operands_.back().getName()), resources_));
      }
    } else if (op == "Do") {
      if (!operands_.empty() && operands_.back().isName()) {
        draw_xobject(named_resource("/XObject", operands_.back().getName()));
      }
    }
  }

  QPDFObjectHandle named_resource(const char* category, const std::string& name) {
    if (!resources_.isDictionary()) return QPDFObjectHandle::newNull();
    QPDFObjectHandle dict = resources_.getKey(category);
    return dict.isDictionary() ? dict.getKey(name) : QPDFObjectHandle::newNull();
  }

  Verdict pattern_verdict(const std::string& name, const ColorSpace& space) {
    QPDFObjectHandle pattern = named_resource("/Pattern", name);
    QPDFObjectHandle dict = pattern.isStream() ? pattern.getDict() : pattern;
    if (!dict.isDictionary()) return Verdict::kUnknown;
    QPDFObjectHandle type = dict.getKey("/PatternType");
    if (type.isInteger() && type.getIntValueAsInt() == 2) {
      return shading_verdict(dict.getKey("/Shading"), resources_);
    }
    if (!pattern.isStream()) return Verdict::kUnknown;
    QPDFObjectHandle paint_type = dict.getKey("/PaintType");
    if (paint_type.isInteger() && paint_type.getIntValueAsInt() == 2) {
      // Uncoloured tiling pattern: the colour is given with the pattern name.
      return space.verdict(numeric_operands());
    }
    return scan_form(pattern, resources_, context_, {}, depth_ + 1);
  }

  void draw_xobject(QPDFObjectHandle xobject) {
    if (!xobject.isStream()) return;
    QPDFObjectHandle dict = xobject.getDict();
    QPDFObjectHandle subtype = dict.getKey("/Subtype");
    if (!subtype.isName()) return;
    if (subtype.getName() == "/Form") {
      paint(scan_form(xobject, resources_, context_, {state_.fill, state_.stroke}, depth_ + 1));
    } else if (subtype.getName() == "/Image") {
      paint(image_verdict(xobject));
    }
  }

  Verdict image_verdict(QPDFObjectHandle image) {
    QPDFObjectHandle dict = image.getDict();
    QPDFObjectHandle mask = dict.getKey("/ImageMask");
    if (mask.isBool() && mask.getBoolValue()) return state_.fill;  // painted in the fill colour
    QPDFObjGen id = image.getObjGen();
    if (auto it = context_.images.find(id); it != context_.images.end()) return it->second;
    QPDFObjectHandle space_object = dict.getKey("/ColorSpace");
    Verdict verdict;
    if (space_object.isNull()) {
      verdict = Verdict::kUnknown;  // JPX carries its own space
    } else {
      ColorSpace space = resolve_color_space(space_object, resources_);
      bool grey_palette =
          space.kind == ColorSpace::Kind::kIndexed &&
          std::all_of(space.palette.begin(), space.palette.end(),
                      [](Verdict entry) { return entry == Verdict::kGray; });
      if (space.kind == ColorSpace::Kind::kGray || grey_palette) {
        verdict = Verdict::kGray;
      } else if (space.kind == ColorSpace::Kind::kFixed) {
        verdict = space.fixed;
      } else if (space.kind == ColorSpace::Kind::kPattern) {
        verdict = Verdict::kUnknown;
      } else {
        verdict = image_samples_verdict(image, space, context_.max_image_pixels);
      }
    }
    if (id.isIndirect()) context_.images[id] = verdict;
    return verdict;
  }

  // Inline image keys and filter names are abbreviated (PDF 32000-1, tables 93 and 94).
  static std::string expanded(const std::string& name) {
    static const std::map<std::string, std::string> kNames = {
        {"/W", "/Width"},          {"/H", "/Height"},        {"/BPC", "/BitsPerComponent"},
        {"/CS", "/ColorSpace"},    {"/F", "/Filter"},        {"/DP", "/DecodeParms"},
        {"/IM", "/ImageMask"},     {"/D", "/Decode"},        {"/I", "/Interpolate"},
        {"/AHx", "/ASCIIHexDecode"}, {"/A85", "/ASCII85Decode"}, {"/LZW", "/LZWDecode"},
        {"/Fl", "/FlateDecode"},   {"/RL", "/RunLengthDecode"}, {"/CCF", "/CCITTFaxDecode"},
        {"/DCT", "/DCTDecode"}};
    auto it = kNames.find(name);
    return it == kNames.end() ? name : it->second;
  }

  void inline_image(QPDFObjectHandle image) {
    // operands_ holds the dictionary entries between BI and ID as key, value pairs.
    QPDFObjectHandle dict = QPDFObjectHandle::newDictionary();
    for (size_t i = 0; i + 1 < operands_.size(); i += 2) {
      if (!operands_[i].isName()) continue;
      QPDFObjectHandle value = operands_[i + 1];
      if (value.isName()) value = QPDFObjectHandle::newName(expanded(value.getName()));
      if (value.isArray()) {
        std::vector<QPDFObjectHandle> items = value.getArrayAsVector();
        for (auto& item : items) {
          if (item.isName()) item = QPDFObjectHandle::newName(expanded(item.getName()));
        }
        value = QPDFObjectHandle::newArray(items);
      }
      dict.replaceKey(expanded(operands_[i].getName()), value);
    }
    QPDFObjectHandle mask = dict.getKey("/ImageMask");
    if (mask.isBool() && mask.getBoolValue()) {
      fill();
      return;
    }
    QPDFObjectHandle space_object = dict.getKey("/ColorSpace");
    if (space_object.isNull()) return;  // an inline image has no colour without /CS
    ColorSpace space = resolve_inline_color_space(space_object, resources_);
    if (space.kind == ColorSpace::Kind::kGray) return;
    if (space.kind == ColorSpace::Kind::kFixed) {
      paint(space.fixed);
      return;
    }
    if (!context_.pdf || space.kind == ColorSpace::Kind::kPattern) {
      paint(Verdict::kUnknown);
      return;
    }
    // Decode it like an image XObject: a temporary stream in the document, never written.
    QPDFObjectHandle stream = QPDFObjectHandle::newStream(context_.pdf, image.getInlineImageValue());
    dict.replaceKey("/Length", QPDFObjectHandle::newInteger(
                                   static_cast<long long>(image.getInlineImageValue().size())));
    stream.replaceDict(dict);
    paint(image_samples_verdict(stream, space, context_.max_image_pixels));
  }

  QPDFObjectHandle resources_;
  ScanContext& context_;
  int depth_;
  State state_;
  std::vector<State> stack_;
  std::vector<QPDFObjectHandle> operands_;
  bool in_inline_image_ = false;
  Verdict result_ = Verdict::kGray;
};

}  // namespace

Verdict scan_content(QPDFObjectHandle contents, QPDFObjectHandle resources, ScanContext& context,
                     InheritedColor inherited, int depth) {
  if (depth > context.max_depth) return Verdict::kUnknown;
  ContentScanner scanner(resources, context, inherited, depth);
  QPDFObjectHandle::parseContentStream(contents, &scanner);
  return scanner.result();
}

Verdict scan_form(QPDFObjectHandle form, QPDFObjectHandle parent_resources, ScanContext& context,
                  InheritedColor inherited, int depth) {
  if (!form.isStream() || depth > context.max_depth) return Verdict::kUnknown;
  QPDFObjGen id = form.getObjGen();
  auto key = std::make_tuple(id, inherited.fill, inherited.stroke);
  if (id.isIndirect()) {
    if (auto it = context.forms.find(key); it != context.forms.end()) return it->second;
    if (context.active_forms.count(id)) return Verdict::kGray;  // a cycle paints nothing new
    context.active_forms.insert(id);
  }
  QPDFObjectHandle resources = form.getDict().getKey("/Resources");
  if (!resources.isDictionary()) resources = parent_resources;
  Verdict verdict = Verdict::kUnknown;
  try {
    verdict = scan_content(form, resources, context, inherited, depth);
  } catch (...) {
    if (id.isIndirect()) context.active_forms.erase(id);
    throw;
  }
  if (id.isIndirect()) {
    context.active_forms.erase(id);
    context.forms[key] = verdict;
  }
  return verdict;
}

}  // namespace printline::analysis::pdf
