#pragma once
// Small option parsers shared by the admin commands: on/off flags that can also be left
// unset (so `update` changes only what is given), comma lists, money amounts, durations.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace printline::cli {

// `--on` sets true, `--off` sets false, neither leaves nullopt.
void add_switch(CLI::App& command, const std::string& on, const std::string& off,
                std::optional<bool>& value, const std::string& description);

// "a, b,c" → {"a", "b", "c"}; "" → {}.
std::vector<std::string> split_list(const std::string& text);

// "12", "12.5", "12.50" → 1250; nullopt when it is not an amount with at most two decimals.
std::optional<std::int64_t> parse_money(const std::string& text);

// "90", "90s", "30m", "8h", "2d" → seconds; nullopt when it is not a whole number with at most
// one unit, or more than 10 years.
std::optional<std::int64_t> parse_duration(const std::string& text);

}  // namespace printline::cli
