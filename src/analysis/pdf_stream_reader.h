#pragma once
// Decodes a PDF stream with a size cap, so a small compressed stream cannot expand into
// gigabytes (a "zip bomb" in a hostile job). Internal; C++17 (see pdf_document.h).

#include <cstddef>
#include <optional>
#include <qpdf/QPDFObjectHandle.hh>
#include <string>

namespace printline::analysis::pdf {

inline constexpr size_t kMaxContentBytes = 256 << 20;  // per page or form, decoded

// The decoded data, or nullopt when qpdf cannot decode the filters at `level`.
// Throws std::length_error when the decoded data would exceed `limit` bytes.
std::optional<std::string> read_stream(QPDFObjectHandle stream, qpdf_stream_decode_level_e level,
                                       size_t limit);

}  // namespace printline::analysis::pdf
