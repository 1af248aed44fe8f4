#pragma once
// `printline send --to URI FILE`: sends a document straight to a printer (RAW, LPR or IPP).

#include <CLI/CLI.hpp>

namespace printline::cli {

// Registers the subcommand; `run` is set to the function main() calls once parsing succeeded.
void add_send_command(CLI::App& app, std::function<int()>& run);

}  // namespace printline::cli
