#include "analysis/pdf_content_lexer.h"

#include <algorithm>
#include <charconv>

namespace printline::analysis::pdf {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool is_delimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '/' || c == '%';
}

bool is_regular(char c) { return !is_space(c) && !is_delimiter(c); }

bool looks_numeric(std::string_view text) {
  if (text.empty()) return false;
  bool digit = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (!(c == '.' || ((c == '+' || c == '-') && i == 0))) {
      return false;
    }
  }
  return digit;
}

}  // namespace

void ContentLexer::skip_space_and_comments() {
  while (pos_ < content_.size()) {
    char c = content_[pos_];
    if (is_space(c)) {
      ++pos_;
    } else if (c == '%') {
      while (pos_ < content_.size() && content_[pos_] != '\n' && content_[pos_] != '\r') ++pos_;
    } else {
      return;
    }
  }
}

void ContentLexer::skip_string() {
  int depth = 0;
  while (pos_ < content_.size()) {
    char c = content_[pos_++];
    if (c == '\\') {
      ++pos_;  // the escaped character, whatever it is
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return;
    }
  }
  pos_ = content_.size();
}

void ContentLexer::skip_hex_string() {
  size_t close = content_.find('>', pos_);
  pos_ = close == std::string_view::npos ? content_.size() : close + 1;
}

void ContentLexer::skip_composite(char open, char close) {
  // `open`/`close` are '[' ']' or '<' '>' (a dictionary is "<<" ... ">>").
  int depth = 0;
  while (pos_ < content_.size()) {
    char c = content_[pos_];
    if (c == '(') {
      skip_string();
      continue;
    }
    if (open == '<' && c == '<' && pos_ + 1 < content_.size() && content_[pos_ + 1] != '<' &&
        depth > 0) {
      skip_hex_string();  // a hex string inside a dictionary
      continue;
    }
    if (c == '%') {
      skip_space_and_comments();
      continue;
    }
    bool doubled = open != '<' || (pos_ + 1 < content_.size() && content_[pos_ + 1] == c);
    if (c == open && doubled) {
      ++depth;
      pos_ += open == '<' ? 2 : 1;
    } else if (c == close && doubled) {
      pos_ += close == '>' ? 2 : 1;
      if (--depth == 0) return;
    } else {
      ++pos_;
    }
  }
  pos_ = content_.size();
}

ContentToken ContentLexer::inline_image() {
  // The dictionary runs from here to the ID operator; the data from one byte after ID to an
  // EI that stands alone between whitespace (the usual heuristic; filters cannot tell us).
  ContentToken token;
  token.kind = ContentToken::Kind::kInlineImage;
  size_t dict_start = pos_;
  size_t dict_end = content_.size();
  while (true) {
    skip_space_and_comments();
    if (pos_ >= content_.size()) break;
    size_t start = pos_;
    ContentToken inner = next();
    if (inner.kind == ContentToken::Kind::kEnd) break;
    if (inner.kind == ContentToken::Kind::kOperator && inner.text == "ID") {
      dict_end = start;
      break;
    }
  }
  token.text = content_.substr(dict_start, dict_end - dict_start);
  size_t data_start = std::min(pos_ + 1, content_.size());
  size_t at = data_start;
  while (true) {
    at = content_.find("EI", at);
    if (at == std::string_view::npos) {
      token.data = content_.substr(data_start);
      pos_ = content_.size();
      return token;
    }
    bool before = at > data_start && is_space(content_[at - 1]);
    bool after = at + 2 >= content_.size() || !is_regular(content_[at + 2]);
    if (before && after) break;
    at += 2;
  }
  token.data = content_.substr(data_start, at - 1 - data_start);
  pos_ = at + 2;
  return token;
}

ContentToken ContentLexer::next() {
  skip_space_and_comments();
  ContentToken token;
  if (pos_ >= content_.size()) return token;
  size_t start = pos_;
  char c = content_[pos_];
  if (c == '/') {
    ++pos_;
    while (pos_ < content_.size() && is_regular(content_[pos_])) ++pos_;
    token.kind = ContentToken::Kind::kName;
    token.text = content_.substr(start + 1, pos_ - start - 1);
    return token;
  }
  token.kind = ContentToken::Kind::kOther;
  if (c == '(') {
    skip_string();
  } else if (c == '<') {
    if (pos_ + 1 < content_.size() && content_[pos_ + 1] == '<') {
      skip_composite('<', '>');
    } else {
      skip_hex_string();
    }
  } else if (c == '[') {
    skip_composite('[', ']');
  } else if (is_delimiter(c)) {
    ++pos_;  // a stray ')', ']', '>', '{' or '}'
  } else {
    while (pos_ < content_.size() && is_regular(content_[pos_])) ++pos_;
    token.text = content_.substr(start, pos_ - start);
    if (looks_numeric(token.text)) {
      token.kind = ContentToken::Kind::kNumber;
      std::string_view digits = token.text;
      if (digits.front() == '+') digits.remove_prefix(1);
      // from_chars, unlike strtod, ignores the locale's decimal separator.
      std::from_chars(digits.data(), digits.data() + digits.size(), token.number);
    } else if (token.text == "true" || token.text == "false" || token.text == "null") {
      token.kind = ContentToken::Kind::kOther;
    } else if (token.text == "BI") {
      return inline_image();
    } else {
      token.kind = ContentToken::Kind::kOperator;
    }
    return token;
  }
  token.text = content_.substr(start, pos_ - start);
  return token;
}

}  // namespace printline::analysis::pdf
