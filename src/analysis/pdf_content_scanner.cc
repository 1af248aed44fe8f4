#include "analysis/pdf_content_scanner.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/pdf_content_lexer.h"
#include "analysis/pdf_stream_reader.h"

namespace printline::analysis::pdf {
namespace {

// Decodes #xx escapes in a name token and adds the leading slash, as qpdf names have it.
std::string qpdf_name(std::string_view text) {
  std::string name = "/";
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '#' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      name.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      name.push_back(text[i]);
    }
  }
  return name;
}

// The decoded bytes of a content stream, or of an array of them joined by newlines.
std::string content_bytes(QPDFObjectHandle contents) {
  std::string bytes;
  auto append = [&bytes](QPDFObjectHandle stream) {
    if (!stream.isStream()) return;
    auto data = read_stream(stream, qpdf_dl_generalized, kMaxContentBytes - bytes.size());
    if (!data) throw std::runtime_error("a content stream cannot be decoded");
    bytes += *data;
    bytes.push_back('\n');
  };
  if (contents.isArray()) {
    for (auto& item : contents.aitems()) append(item);
  } else {
    append(contents);
  }
  return bytes;
}

class ContentScanner {
 public:
  ContentScanner(QPDFObjectHandle resources, ScanContext& context, InheritedColor inherited,
                 int depth)
      : resources_(resources), context_(context), depth_(depth) {
    state_.fill = inherited.fill;
    state_.stroke = inherited.stroke;
  }

  // Scans the content; stops at the first colour.
  Verdict scan(std::string_view content) {
    ContentLexer lexer(content);
    for (ContentToken token = lexer.next(); token.kind != ContentToken::Kind::kEnd;
         token = lexer.next()) {
      if (token.kind == ContentToken::Kind::kOperator) {
        apply(token.text);
        operands_.clear();
        if (result_ == Verdict::kColor) break;
      } else if (token.kind == ContentToken::Kind::kInlineImage) {
        inline_image(token);
        operands_.clear();
      } else if (operands_.size() < kMaxOperands) {
        operands_.push_back(token);
      }
    }
    return result_;
  }

 private:
  static constexpr size_t kMaxOperands = 64;

  struct State {
    ColorSpace fill_space, stroke_space;
    Verdict fill = Verdict::kGray, stroke = Verdict::kGray;
    int text_mode = 0;
  };

  std::vector<double> numeric_operands() {
    std::vector<double> values;
    for (const ContentToken& operand : operands_) {
      if (operand.kind == ContentToken::Kind::kNumber) values.push_back(operand.number);
    }
    return values;
  }

  void paint(Verdict verdict) { result_ = worst(result_, verdict); }
  void fill() { paint(state_.fill); }
  void stroke() { paint(state_.stroke); }

  // First characters of the operators apply() handles: path construction, text positioning
  // and most graphics state operators (the bulk of large pages) skip the comparisons below.
  static bool may_matter(std::string_view op) {
    switch (op.front()) {
      case 'g':
      case 'G':
      case 'r':
      case 'R':
      case 'k':
      case 'K':
      case 'c':
      case 'C':
      case 's':
      case 'S':
      case 'q':
      case 'Q':
      case 'T':
      case 'f':
      case 'F':
      case 'B':
      case 'b':
      case 'D':
      case '\'':
      case '"':
        return true;
      default:
        return false;
    }
  }

  void apply(std::string_view op) {
    if (op.empty() || !may_matter(op)) return;
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
      if (operands_.back().kind != ContentToken::Kind::kName) return;
      ColorSpace space = resolve_color_space(
          QPDFObjectHandle::newName(qpdf_name(operands_.back().text)), resources_);
      bool is_fill = op == "cs";
      (is_fill ? state_.fill : state_.stroke) = space.initial_verdict();
      (is_fill ? state_.fill_space : state_.stroke_space) = std::move(space);
    } else if (op == "sc" || op == "scn" || op == "SC" || op == "SCN") {
      bool is_fill = op == "sc" || op == "scn";
      const ColorSpace& space = is_fill ? state_.fill_space : state_.stroke_space;
      Verdict verdict = space.kind == ColorSpace::Kind::kPattern && last_operand_is_name()
                            ? pattern_verdict(qpdf_name(operands_.back().text), space)
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
      if (!values.empty() && values.back() >= 0 && values.back() <= 7) {
        state_.text_mode = static_cast<int>(values.back());
      }
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
      if (last_operand_is_name()) {
        paint(shading_verdict(named_resource("/Shading", qpdf_name(operands_.back().text)),
                              resources_));
      }
    } else if (op == "Do") {
      if (last_operand_is_name()) {
        draw_xobject(named_resource("/XObject", qpdf_name(operands_.back().text)));
      }
    }
  }

  bool last_operand_is_name() const {
    return !operands_.empty() && operands_.back().kind == ContentToken::Kind::kName;
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
      bool grey_palette = space.kind == ColorSpace::Kind::kIndexed &&
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
    static const std::map<std::string, std::string> kNames = {{"/W", "/Width"},
                                                              {"/H", "/Height"},
                                                              {"/BPC", "/BitsPerComponent"},
                                                              {"/CS", "/ColorSpace"},
                                                              {"/F", "/Filter"},
                                                              {"/DP", "/DecodeParms"},
                                                              {"/IM", "/ImageMask"},
                                                              {"/D", "/Decode"},
                                                              {"/I", "/Interpolate"},
                                                              {"/AHx", "/ASCIIHexDecode"},
                                                              {"/A85", "/ASCII85Decode"},
                                                              {"/LZW", "/LZWDecode"},
                                                              {"/Fl", "/FlateDecode"},
                                                              {"/RL", "/RunLengthDecode"},
                                                              {"/CCF", "/CCITTFaxDecode"},
                                                              {"/DCT", "/DCTDecode"}};
    auto it = kNames.find(name);
    return it == kNames.end() ? name : it->second;
  }

  void inline_image(const ContentToken& image) {
    QPDFObjectHandle parsed;
    try {
      parsed = QPDFObjectHandle::parse("<<" + std::string(image.text) + ">>");
    } catch (const std::exception&) {
      paint(Verdict::kUnknown);
      return;
    }
    if (!parsed.isDictionary()) return;
    QPDFObjectHandle dict = QPDFObjectHandle::newDictionary();
    for (auto& [key, raw_value] : parsed.ditems()) {
      QPDFObjectHandle value = raw_value;
      if (value.isName()) value = QPDFObjectHandle::newName(expanded(value.getName()));
      if (value.isArray()) {
        std::vector<QPDFObjectHandle> items = value.getArrayAsVector();
        for (auto& item : items) {
          if (item.isName()) item = QPDFObjectHandle::newName(expanded(item.getName()));
        }
        value = QPDFObjectHandle::newArray(items);
      }
      dict.replaceKey(expanded(key), value);
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
    QPDFObjectHandle stream = QPDFObjectHandle::newStream(context_.pdf, std::string(image.data));
    dict.replaceKey("/Length",
                    QPDFObjectHandle::newInteger(static_cast<long long>(image.data.size())));
    stream.replaceDict(dict);
    paint(image_samples_verdict(stream, space, context_.max_image_pixels));
  }

  QPDFObjectHandle resources_;
  ScanContext& context_;
  int depth_;
  State state_;
  std::vector<State> stack_;
  std::vector<ContentToken> operands_;
  Verdict result_ = Verdict::kGray;
};

}  // namespace

Verdict scan_content(QPDFObjectHandle contents, QPDFObjectHandle resources, ScanContext& context,
                     InheritedColor inherited, int depth) {
  if (depth > context.max_depth) return Verdict::kUnknown;
  std::string content = content_bytes(contents);
  return ContentScanner(resources, context, inherited, depth).scan(content);
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
