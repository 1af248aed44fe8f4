#pragma once
// Logging per object with a fixed prefix ("[job 3f2a…]", "[printer hall-2]"), as PAPPL does,
// so that one job's or one printer's story can be followed with grep.

#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <string_view>

namespace printline {

// Sets up the process-wide sink (stderr, or a file when path is not empty) and the level
// ("trace", "debug", "info", "warn", "error"). Call once from main(); safe to call again.
// False when the file cannot be opened: logging then goes to stderr, which says why.
bool init_logging(std::string_view level = "info", const std::string& file_path = "");

// Reopens the log file init_logging opened (after logrotate moved it); false when logging
// goes to standard error.
bool reopen_log_file();

// A logger whose every line starts with "[kind name]", sharing the process-wide sinks.
std::shared_ptr<spdlog::logger> object_logger(std::string_view kind, std::string_view name);

}  // namespace printline
