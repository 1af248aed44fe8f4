#include "core/date_time_text.h"

#include <ctime>

#include "core/i18n.h"

namespace printline {

std::string date_time_text(std::chrono::sys_seconds when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  if (::localtime_r(&seconds, &local) == nullptr) return {};
  // TRANSLATORS: a date and time as strftime(3) writes it; put the parts in your language's
  // order, with numbers only (month names would follow the C locale, not yours).
  const char* format = tr("%Y-%m-%d %H:%M");
  char text[64];
  const std::size_t length = std::strftime(text, sizeof text, format, &local);
  if (length == 0) return {};
  return std::string(text, length);
}

}  // namespace printline
