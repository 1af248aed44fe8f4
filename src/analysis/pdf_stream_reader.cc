#include "analysis/pdf_stream_reader.h"

#include <qpdf/Pipeline.hh>
#include <stdexcept>

namespace printline::analysis::pdf {
namespace {

// Collects what qpdf decodes and stops the decoding once it passes the limit.
class CappedSink : public Pipeline {
 public:
  CappedSink(std::string& out, size_t limit)
      : Pipeline("capped sink", nullptr), out_(out), limit_(limit) {}
  void write(unsigned char const* data, size_t length) override {
    if (length > limit_ - out_.size()) {
      throw std::length_error("a stream decodes to more than " + std::to_string(limit_ >> 20) +
                              " MB");
    }
    out_.append(reinterpret_cast<const char*>(data), length);
  }
  void finish() override {}

 private:
  std::string& out_;
  size_t limit_;
};

}  // namespace

std::optional<std::string> read_stream(QPDFObjectHandle stream, qpdf_stream_decode_level_e level,
                                       size_t limit) {
  std::string out;
  CappedSink sink(out, limit);
  bool filtered = false;
  bool ok = stream.pipeStreamData(&sink, &filtered, 0, level, true, false);
  if (!ok || (!filtered && level != qpdf_dl_none)) return std::nullopt;
  return out;
}

}  // namespace printline::analysis::pdf
