#include "core/logging_file_sink.h"

namespace printline {

ReopenableFileSink::ReopenableFileSink(const std::string& path) { file_.open(path); }

void ReopenableFileSink::reopen() {
  std::lock_guard lock(mutex_);
  file_.reopen(/*truncate=*/false);
}

void ReopenableFileSink::sink_it_(const spdlog::details::log_msg& message) {
  spdlog::memory_buf_t line;
  formatter_->format(message, line);
  file_.write(line);
  // Written through at once: an operator tailing the file, or a crash, sees every line.
  file_.flush();
}

void ReopenableFileSink::flush_() { file_.flush(); }

}  // namespace printline
