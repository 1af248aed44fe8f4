#pragma once
// Which page description language a job is written in, decided from its first bytes.

#include <span>
#include <string_view>

namespace printline::analysis {

enum class DocumentFormat { kPdf, kPostScript, kPclXl, kPcl5, kText, kUnknown };

// "pdf", "postscript", "pcl-xl", "pcl5", "text", "unknown".
std::string_view format_name(DocumentFormat format);
// The IANA media type a printer expects for the format (IPP document-format).
std::string_view format_mime_type(DocumentFormat format);

struct DetectedFormat {
  DocumentFormat format = DocumentFormat::kUnknown;
  bool pjl_wrapped = false;  // starts with a PJL header (UEL and/or @PJL lines)
};

// Looks at the first bytes of a job (a few KiB are enough). A PJL header is skipped:
// `@PJL ENTER LANGUAGE = X` decides when present, otherwise the bytes after the header.
DetectedFormat detect_format(std::span<const char> head);

}  // namespace printline::analysis
