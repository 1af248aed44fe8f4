#pragma once
// A small, fast tokenizer for PDF content streams (PDF 32000-1 §7.2, §8.9.7). qpdf's own
// content parser builds an object per token, which is ~50x slower on large vector pages.
// Internal to the analysis library; C++17 (see pdf_document.h).

#include <cstddef>
#include <string_view>

namespace printline::analysis::pdf {

struct ContentToken {
  enum class Kind {
    kNumber,
    kName,         // text without the leading '/' (escapes #xx are not decoded)
    kOperator,     // e.g. "rg", "Do", "BI"
    kOther,        // strings, arrays, dictionaries, true/false/null: operands we do not read
    kInlineImage,  // `BI <dict> ID <data> EI`: text = the dictionary entries, data = the data
    kEnd,
  };
  Kind kind = Kind::kEnd;
  std::string_view text;
  std::string_view data;  // kInlineImage only
  double number = 0;      // kNumber only
};

class ContentLexer {
 public:
  explicit ContentLexer(std::string_view content) : content_(content) {}

  // The next token; Kind::kEnd at the end. Malformed input never reads out of bounds: an
  // unterminated string or array runs to the end of the content.
  ContentToken next();

 private:
  void skip_space_and_comments();
  void skip_string();                          // (...) with nesting and escapes
  void skip_hex_string();                      // <...>
  void skip_composite(char open, char close);  // [...] or <<...>>, nested
  ContentToken inline_image();

  std::string_view content_;
  size_t pos_ = 0;
};

}  // namespace printline::analysis::pdf
