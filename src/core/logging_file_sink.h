#pragma once
// The log file sink of --log-file: spdlog's plain file sink, plus reopen(), so that after
// logrotate renamed the file the next lines go to a new file of the same name (logrotate's
// postrotate sends SIGHUP; logging_hangup.h turns it into reopen()).

#include <spdlog/details/file_helper.h>
#include <spdlog/sinks/base_sink.h>

#include <mutex>
#include <string>

namespace printline {

class ReopenableFileSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit ReopenableFileSink(const std::string& path);
  // Closes the file and opens the path again (appending; created when it was moved away).
  void reopen();

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override;
  void flush_() override;

 private:
  spdlog::details::file_helper file_;
};

}  // namespace printline
