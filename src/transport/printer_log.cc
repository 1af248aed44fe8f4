#include "transport/printer_log.h"

#include <map>
#include <mutex>
#include <string>

#include "core/logging.h"

namespace printline::transport {

void log_send_result(std::string_view device_uri, const SendResult& result) {
  static std::mutex mutex;
  static std::map<std::string, Outcome, std::less<>> last_failure;  // per printer
  bool repeat = false;
  {
    std::lock_guard lock(mutex);
    auto found = last_failure.find(device_uri);
    if (result.delivered()) {
      if (found != last_failure.end()) last_failure.erase(found);
    } else if (found != last_failure.end() && found->second == result.outcome) {
      repeat = true;
    } else {
      last_failure[std::string(device_uri)] = result.outcome;
    }
  }
  auto logger = printline::object_logger("printer", device_uri);
  if (result.delivered()) {
    logger->info("delivered {} bytes in {} ms{}", result.bytes_sent, result.elapsed.count(),
                 result.device_job_id ? " as job " + std::to_string(*result.device_job_id) : "");
    return;
  }
  const auto level =
      repeat || result.outcome == Outcome::kCancelled ? spdlog::level::debug : spdlog::level::err;
  logger->log(level, "{} after {} bytes, {} ms: {}", outcome_name(result.outcome),
              result.bytes_sent, result.elapsed.count(), result.message);
}

}  // namespace printline::transport
