#include "core/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>

namespace printline {

void init_logging(std::string_view level, const std::string& file_path) {
  std::shared_ptr<spdlog::logger> root;
  if (file_path.empty()) {
    root = std::make_shared<spdlog::logger>("printline",
                                            std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  } else {
    root = std::make_shared<spdlog::logger>(
        "printline", std::make_shared<spdlog::sinks::basic_file_sink_mt>(file_path));
  }
  root->set_level(spdlog::level::from_str(std::string(level)));
  // The sinks are shared by every object logger, so the one pattern carries the prefix through
  // the logger's name ("%n"); a per-logger pattern would change every logger's lines.
  root->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ [%n] %v");
  spdlog::set_default_logger(root);
}

std::shared_ptr<spdlog::logger> object_logger(std::string_view kind, std::string_view name) {
  auto root = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(fmt::format("{} {}", kind, name),
                                                 root->sinks().begin(), root->sinks().end());
  logger->set_level(root->level());
  return logger;
}

}  // namespace printline
