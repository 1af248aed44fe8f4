#include "core/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include <mutex>

#include "core/logging_file_sink.h"

namespace printline {
namespace {

std::mutex file_sink_mutex;
std::shared_ptr<ReopenableFileSink> file_sink;  // the --log-file sink, if any

}  // namespace

bool init_logging(std::string_view level, const std::string& file_path) {
  std::shared_ptr<ReopenableFileSink> new_file_sink;
  std::string file_problem;
  if (!file_path.empty()) {
    try {
      new_file_sink = std::make_shared<ReopenableFileSink>(file_path);
    } catch (const spdlog::spdlog_ex& e) {
      file_problem = e.what();
    }
  }
  std::shared_ptr<spdlog::logger> root;
  if (new_file_sink) {
    root = std::make_shared<spdlog::logger>("printline", new_file_sink);
  } else {
    root = std::make_shared<spdlog::logger>("printline",
                                            std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  }
  {
    std::lock_guard lock(file_sink_mutex);
    file_sink = new_file_sink;
  }
  root->set_level(spdlog::level::from_str(std::string(level)));
  // The sinks are shared by every object logger, so the one pattern carries the prefix through
  // the logger's name ("%n"); a per-logger pattern would change every logger's lines.
  root->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ [%n] %v");
  spdlog::set_default_logger(root);
  if (!file_problem.empty()) {
    spdlog::error("cannot open the log file {} ({}): logging to standard error instead; check "
                  "the directory exists and this account may write it",
                  file_path, file_problem);
    return false;
  }
  return true;
}

bool reopen_log_file() {
  std::shared_ptr<ReopenableFileSink> sink;
  {
    std::lock_guard lock(file_sink_mutex);
    sink = file_sink;
  }
  if (!sink) return false;
  sink->reopen();
  return true;
}

std::shared_ptr<spdlog::logger> object_logger(std::string_view kind, std::string_view name) {
  auto root = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(fmt::format("{} {}", kind, name),
                                                 root->sinks().begin(), root->sinks().end());
  logger->set_level(root->level());
  return logger;
}

}  // namespace printline
