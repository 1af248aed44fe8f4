#pragma once
// Reads a PDF with libqpdf: the page tree, page sizes, viewer preferences, and what each page
// paints. Internal to the analysis library.
//
// Written in C++17 on purpose: qpdf 11.3's headers do not compile with clang in C++20 mode
// (JSON.hh), and the fuzz build uses clang. Only C++17 types cross this boundary.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analysis/byte_source.h"
#include "core/error.h"

namespace printline::analysis::pdf {

enum class PageColor { kGray, kColor, kUndecided };  // kUndecided: Ghostscript must measure

struct PdfPage {
  double width_pt = 0;  // CropBox within MediaBox, times /UserUnit, turned by /Rotate
  double height_pt = 0;
  PageColor color = PageColor::kGray;
};

struct PdfDocument {
  std::vector<PdfPage> pages;
  std::optional<bool> duplex;  // /ViewerPreferences /Duplex
  std::optional<int> copies;   // /ViewerPreferences /NumCopies
};

// qpdf reads `source` where it needs (never the whole file at once), so memory stays bounded
// whatever the file's size. `description` names the document in messages.
// Colour comes from content streams, forms, images (decoded with qpdf when small enough),
// shadings, patterns and printable annotations. Never runs other programs. Truncated,
// damaged, encrypted or empty documents give an Error a person can act on.
Result<PdfDocument> read_pdf_document(const ByteSource& source, const std::string& description);

}  // namespace printline::analysis::pdf
