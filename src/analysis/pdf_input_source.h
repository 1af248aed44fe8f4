#pragma once
// qpdf's view of a PDF in a ByteSource: qpdf seeks and reads where it needs (the trailer, the
// cross-reference table, each object on demand) through one 64 KiB block, so a 1 GiB PDF is
// never in memory whole. Works for a PDF inside a PJL wrapper too (a slice of the file).
// Internal; C++17 (see pdf_document.h).

#include <qpdf/InputSource.hh>
#include <string>

#include "analysis/byte_source.h"

namespace printline::analysis::pdf {

class PdfInputSource : public InputSource {
 public:
  PdfInputSource(ByteSource source, std::string description);

  qpdf_offset_t findAndSkipNextEOL() override;
  std::string const& getName() const override { return description_; }
  qpdf_offset_t tell() override { return position_; }
  void seek(qpdf_offset_t offset, int whence) override;
  void rewind() override { position_ = 0; }
  size_t read(char* out, size_t length) override;
  void unreadCh(char ch) override;

 private:
  static constexpr size_t kBlock = 64 << 10;

  ByteSource source_;
  std::string description_;
  qpdf_offset_t position_ = 0;
  std::string block_;  // cached bytes of the source from block_start_
  qpdf_offset_t block_start_ = -1;
};

}  // namespace printline::analysis::pdf
