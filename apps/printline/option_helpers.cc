#include "option_helpers.h"

#include <cctype>

#include "core/i18n.h"

namespace printline::cli {

void add_switch(CLI::App& command, const std::string& on, const std::string& off,
                std::optional<bool>& value, const std::string& description) {
  command.add_flag_callback(
      on, [&value] { value = true; }, description);
  command.add_flag_callback(
      off, [&value] { value = false; }, trf("Opposite of {option}", fmt::arg("option", on)));
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  auto flush = [&] {
    const auto first = current.find_first_not_of(" \t");
    const auto last = current.find_last_not_of(" \t");
    if (first != std::string::npos) items.push_back(current.substr(first, last - first + 1));
    current.clear();
  };
  for (const char c : text) {
    if (c == ',') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return items;
}

std::optional<std::int64_t> parse_duration(const std::string& text) {
  constexpr std::int64_t kTenYears = 10LL * 366 * 24 * 3600;
  std::size_t i = 0;
  std::int64_t number = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    if (number > kTenYears) return std::nullopt;
    number = number * 10 + (text[i] - '0');
  }
  if (i == 0 || text.size() - i > 1) return std::nullopt;
  std::int64_t unit = 1;
  if (i < text.size()) {
    switch (text[i]) {
      case 's':
        unit = 1;
        break;
      case 'm':
        unit = 60;
        break;
      case 'h':
        unit = 3600;
        break;
      case 'd':
        unit = 24 * 3600;
        break;
      default:
        return std::nullopt;
    }
  }
  if (number > kTenYears / unit) return std::nullopt;
  return number * unit;
}

std::optional<std::int64_t> parse_money(const std::string& text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::int64_t whole = 0;
  std::size_t digits = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++digits) {
    if (whole > 1'000'000'000'000) return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
  }
  std::int64_t cents = 0;
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    ++i;
    int decimals = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      if (++decimals > 2) return std::nullopt;
      cents = cents * 10 + (text[i] - '0');
    }
    if (decimals == 1) cents *= 10;
    digits += decimals;
  }
  if (i != text.size() || digits == 0) return std::nullopt;
  const std::int64_t total = whole * 100 + cents;
  return negative ? -total : total;
}

}  // namespace printline::cli
