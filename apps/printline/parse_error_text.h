// What a command line that CLI11 could not parse gets told, in the user's language (D14).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace printline::cli {

// For App::failure_message(): the error and where to read more. CLI11 builds its messages in
// English only, so the known ones are recognised and said again from the catalog; one this
// version does not produce is shown as CLI11 wrote it rather than lost.
std::string parse_error_text(const CLI::App* app, const CLI::Error& error);

}  // namespace printline::cli
