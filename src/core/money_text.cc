#include "core/money_text.h"

#include <fmt/format.h>

#include <array>

namespace printline {
namespace {

struct Symbol {
  std::string_view code, english, french;
};

// The symbols Intl uses for the currencies offices here pay in; any other is written by its code.
constexpr std::array<Symbol, 3> kSymbols{
    {{"EUR", "€", "€"}, {"USD", "$", "$US"}, {"GBP", "£", "£GB"}}};

// "1,234" or "1 234" (U+202F NARROW NO-BREAK SPACE, as Intl writes French thousands).
std::string grouped(std::uint64_t units, std::string_view separator) {
  std::string digits = std::to_string(units);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string money_text(std::int64_t cents, std::string_view currency, std::string_view language) {
  const bool french = language.substr(0, 2) == "fr";
  // The magnitude as unsigned: -INT64_MIN does not fit in int64.
  const std::uint64_t magnitude =
      cents < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  const std::string sign = cents < 0 ? "-" : "";
  const std::string number = fmt::format("{}{}{:02}", grouped(magnitude / 100, french ? "\u202f" : ","),
                                         french ? "," : ".", magnitude % 100);
  if (currency.empty()) return sign + number;
  std::string_view symbol = currency;
  for (const auto& known : kSymbols) {
    if (known.code == currency) symbol = french ? known.french : known.english;
  }
  if (french) return sign + number + "\u00a0" + std::string(symbol);
  // A code is set apart from the number ("CHF 12.50"), a symbol is not ("€12.50").
  const bool is_code = symbol == currency;
  return sign + std::string(symbol) + (is_code ? "\u00a0" : "") + number;
}

}  // namespace printline
