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
  root->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  spdlog::set_default_logger(root);
}

std::shared_ptr<spdlog::logger> object_logger(std::string_view kind, std::string_view name) {
  auto root = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(std::string(kind), root->sinks().begin(),
                                                 root->sinks().end());
  logger->set_level(root->level());
  logger->set_pattern(fmt::format("%Y-%m-%d %H:%M:%S.%e %^%l%$ [{} {}] %v", kind, name));
  return logger;
}

}  // namespace printline
