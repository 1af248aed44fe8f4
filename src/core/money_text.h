#pragma once
// An amount for people (D14): in the server's currency (ISO 4217 code, a server setting) and
// the reader's conventions, as the web interface writes it with Intl.NumberFormat:
// "€1,234.50" / "CHF 1,234.50" in English, "1 234,50 €" / "1 234,50 CHF" in French.

#include <cstdint>
#include <string>
#include <string_view>

namespace printline {

// language: "fr" or "fr_FR…" for French conventions, anything else English. An empty currency
// writes the bare number ("12.50" / "12,50"): the amount is known, its currency is not.
std::string money_text(std::int64_t cents, std::string_view currency, std::string_view language);

}  // namespace printline
