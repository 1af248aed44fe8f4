#include "analysis/document_format.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "analysis/pjl_header.h"

namespace printline::analysis {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Plain text: no NUL and few control characters other than whitespace, form feed and ESC-free.
bool looks_like_text(std::string_view head) {
  if (head.empty()) return false;
  size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0 || c == 0x1b) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\b') ++control;
  }
  return control * 100 <= head.size();  // allow a stray control byte or two
}

bool looks_like_pcl5(std::string_view head) {
  // A PCL 5 job starts with a reset or an escape sequence with a parameter group character.
  if (starts_with(head,
                  "\x1b"
                  "E"))
    return true;
  if (head.size() >= 3 && head[0] == '\x1b' && head[1] >= 0x21 && head[1] <= 0x2f &&
      head[2] >= 0x60 && head[2] <= 0x7e) {
    return true;
  }
  return false;
}

DocumentFormat format_from_bytes(std::string_view head) {
  // Skip a UTF-8 byte order mark and leading blank lines some drivers emit.
  if (starts_with(head, "\xef\xbb\xbf")) head.remove_prefix(3);
  size_t lead = 0;
  while (lead < head.size() && lead < 1024 &&
         (head[lead] == '\r' || head[lead] == '\n' || head[lead] == ' ' || head[lead] == '\t')) {
    ++lead;
  }
  std::string_view body = head.substr(lead);
  if (starts_with(body, "%PDF-")) return DocumentFormat::kPdf;
  if (starts_with(body, "%!") || starts_with(body, "\x04%!")) return DocumentFormat::kPostScript;
  // DOS EPS binary header C5 D0 D3 C6.
  if (starts_with(body, "\xc5\xd0\xd3\xc6")) return DocumentFormat::kPostScript;
  if (starts_with(body, ") HP-PCL XL;") || starts_with(body, "( HP-PCL XL;")) {
    return DocumentFormat::kPclXl;
  }
  // Some producers put junk before %PDF- (allowed within the first KiB by readers).
  size_t pdf = head.substr(0, 1024).find("%PDF-");
  if (pdf != std::string_view::npos) return DocumentFormat::kPdf;
  if (looks_like_pcl5(body)) return DocumentFormat::kPcl5;
  if (looks_like_text(head)) return DocumentFormat::kText;
  if (head.find("\x1b"
                "E") != std::string_view::npos ||
      head.find("\x1b&l") != std::string_view::npos ||
      head.find("\x1b*") != std::string_view::npos) {
    return DocumentFormat::kPcl5;
  }
  return DocumentFormat::kUnknown;
}

DocumentFormat format_from_language(std::string language) {
  std::transform(language.begin(), language.end(), language.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  if (language == "PDF") return DocumentFormat::kPdf;
  if (language == "POSTSCRIPT") return DocumentFormat::kPostScript;
  if (language == "PCLXL") return DocumentFormat::kPclXl;
  if (language == "PCL" || language == "PCL5" || language == "PCL5C" || language == "PCL5E") {
    return DocumentFormat::kPcl5;
  }
  return DocumentFormat::kUnknown;
}

}  // namespace

std::string_view format_name(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kPdf:
      return "pdf";
    case DocumentFormat::kPostScript:
      return "postscript";
    case DocumentFormat::kPclXl:
      return "pcl-xl";
    case DocumentFormat::kPcl5:
      return "pcl5";
    case DocumentFormat::kText:
      return "text";
    case DocumentFormat::kUnknown:
      break;
  }
  return "unknown";
}

std::string_view format_mime_type(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kPdf:
      return "application/pdf";
    case DocumentFormat::kPostScript:
      return "application/postscript";
    case DocumentFormat::kPclXl:
      return "application/vnd.hp-PCLXL";
    case DocumentFormat::kPcl5:
      return "application/vnd.hp-PCL";
    case DocumentFormat::kText:
      return "text/plain";
    case DocumentFormat::kUnknown:
      break;
  }
  return "application/octet-stream";
}

DetectedFormat detect_format(std::span<const char> head) {
  std::string_view text(head.data(), head.size());
  if (!is_pjl_header_start(text)) return {format_from_bytes(text), false};
  PjlHeader pjl = parse_pjl_header(text);
  if (pjl.language) {
    DocumentFormat by_language = format_from_language(*pjl.language);
    if (by_language != DocumentFormat::kUnknown) return {by_language, true};
  }
  if (pjl.payload_offset >= text.size()) return {DocumentFormat::kUnknown, true};
  return {format_from_bytes(text.substr(pjl.payload_offset)), true};
}

}  // namespace printline::analysis
