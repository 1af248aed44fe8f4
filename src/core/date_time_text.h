#pragma once
// A date and time for people (D14): in this computer's time zone and the reader's language's
// order ("2026-12-04 23:05" in English, "04/12/2026 23:05" in French). Machine-readable output
// (--json, the API) keeps ISO 8601 UTC.

#include <chrono>
#include <string>

namespace printline {

// In the language of the thread's texts (i18n::LanguageScope, else the process's).
std::string date_time_text(std::chrono::sys_seconds when);

}  // namespace printline
