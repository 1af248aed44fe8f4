#include "core/crash_point.h"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <string>

namespace printline {
namespace {

struct CrashPlan {
  std::string name;
  long hit = 1;
  int signal = SIGKILL;
};

const CrashPlan* plan() {
  static const CrashPlan* const parsed = []() -> const CrashPlan* {
    const char* text = std::getenv("PRINTLINE_CRASH_AT");
    if (text == nullptr || *text == '\0') return nullptr;
    auto* result = new CrashPlan{text};
    if (const auto colon = result->name.rfind(':'); colon != std::string::npos) {
      result->hit = std::max(1L, std::strtol(result->name.c_str() + colon + 1, nullptr, 10));
      result->name.resize(colon);
    }
    if (const char* how = std::getenv("PRINTLINE_CRASH_SIGNAL"); how && std::string(how) == "STOP")
      result->signal = SIGSTOP;
    return result;
  }();
  return parsed;
}

}  // namespace

void crash_point(std::string_view name) {
  const CrashPlan* wanted = plan();
  if (wanted == nullptr || wanted->name != name) return;
  static std::atomic<long> hits{0};
  // To this thread (raise), not the process (kill): a signal sent to the process may be taken
  // by another thread while this one runs on past the point — answers a job, queues it.
  if (++hits == wanted->hit) ::raise(wanted->signal);
}

}  // namespace printline
