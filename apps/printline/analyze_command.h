#pragma once
// `printline analyze FILE [--json]`: what a job is (format, pages, colour, paper, duplex, copies).

#include <CLI/CLI.hpp>

namespace printline::cli {

void add_analyze_command(CLI::App& app, std::function<int()>& run);

}  // namespace printline::cli
