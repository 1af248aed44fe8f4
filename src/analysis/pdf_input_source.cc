#include "analysis/pdf_input_source.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <qpdf/QPDFExc.hh>
#include <stdexcept>
#include <system_error>

namespace printline::analysis::pdf {

PdfInputSource::PdfInputSource(ByteSource source, std::string description)
    : source_(std::move(source)), description_(std::move(description)) {}

void PdfInputSource::seek(qpdf_offset_t offset, int whence) {
  qpdf_offset_t size = static_cast<qpdf_offset_t>(source_.size());
  qpdf_offset_t base = whence == SEEK_END ? size : whence == SEEK_CUR ? position_ : 0;
  if ((offset > 0 && base > std::numeric_limits<qpdf_offset_t>::max() - offset) ||
      base + offset < 0) {
    throw std::range_error(description_ + ": seek to an offset outside the file");
  }
  position_ = base + offset;
}

size_t PdfInputSource::read(char* out, size_t length) {
  last_offset = position_;
  qpdf_offset_t size = static_cast<qpdf_offset_t>(source_.size());
  if (position_ >= size || length == 0) {
    if (length > 0) last_offset = size;
    return 0;
  }
  size_t done = 0;
  try {
    if (length >= kBlock) {  // large reads (stream data) go straight to the file
      done = source_.read_at(static_cast<uint64_t>(position_), out, length);
    } else {
      while (done < length && position_ + static_cast<qpdf_offset_t>(done) < size) {
        qpdf_offset_t at = position_ + static_cast<qpdf_offset_t>(done);
        if (block_start_ < 0 || at < block_start_ ||
            at >= block_start_ + static_cast<qpdf_offset_t>(block_.size())) {
          block_.resize(kBlock);
          block_.resize(source_.read_at(static_cast<uint64_t>(at), block_.data(), kBlock));
          block_start_ = at;
          if (block_.empty()) break;
        }
        size_t in_block = static_cast<size_t>(at - block_start_);
        size_t n = std::min(length - done, block_.size() - in_block);
        std::memcpy(out + done, block_.data() + in_block, n);
        done += n;
      }
    }
  } catch (const std::system_error& e) {
    throw QPDFExc(qpdf_e_system, description_, "", position_,
                  std::string("read failed: ") + e.what());
  }
  position_ += static_cast<qpdf_offset_t>(done);
  return done;
}

qpdf_offset_t PdfInputSource::findAndSkipNextEOL() {
  // As qpdf's FileInputSource: the offset of the next \r or \n, leaving the position after
  // the run of end-of-line characters that starts there (or at the end of the data).
  char chunk[10240];
  while (true) {
    qpdf_offset_t start = position_;
    size_t got = read(chunk, sizeof chunk);
    if (got == 0) return position_;
    const char* end = chunk + got;
    const char* eol = std::find_if(static_cast<const char*>(chunk), end,
                                   [](char c) { return c == '\r' || c == '\n'; });
    if (eol == end) continue;
    qpdf_offset_t result = start + (eol - chunk);
    position_ = result + 1;
    char c;
    while (read(&c, 1) == 1) {
      if (c != '\r' && c != '\n') {
        unreadCh(c);
        break;
      }
    }
    return result;
  }
}

void PdfInputSource::unreadCh(char) {
  if (position_ > 0) --position_;
}

}  // namespace printline::analysis::pdf
