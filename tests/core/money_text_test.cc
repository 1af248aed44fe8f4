// D14: amounts as the web interface writes them (Intl.NumberFormat, checked in chromium by
// tests/web/web_currency.test.mjs), so the CLI, the tray and the web agree.

#include "core/money_text.h"

#include <gtest/gtest.h>

#include <limits>

namespace printline {
namespace {

TEST(MoneyText, EnglishPutsTheSymbolFirstAndACodeApart) {
  EXPECT_EQ(money_text(1250, "EUR", "en"), "€12.50");
  EXPECT_EQ(money_text(-123450, "EUR", "en_GB.UTF-8"), "-€1,234.50");
  EXPECT_EQ(money_text(5, "USD", "en"), "$0.05");
  EXPECT_EQ(money_text(123456789, "CHF", "C"), "CHF\u00a01,234,567.89");
}

TEST(MoneyText, FrenchPutsTheCurrencyAfterWithFrenchSpaces) {
  EXPECT_EQ(money_text(1250, "EUR", "fr"), "12,50\u00a0€");
  EXPECT_EQ(money_text(-123450, "EUR", "fr_FR.UTF-8"), "-1\u202f234,50\u00a0€");
  EXPECT_EQ(money_text(1250, "USD", "fr"), "12,50\u00a0$US");
  EXPECT_EQ(money_text(100000, "CHF", "fr"), "1\u202f000,00\u00a0CHF");
}

TEST(MoneyText, WithoutACurrencyTheBareNumber) {
  EXPECT_EQ(money_text(1250, "", "en"), "12.50");
  EXPECT_EQ(money_text(1250, "", "fr"), "12,50");
  EXPECT_EQ(money_text(0, "", "en"), "0.00");
}

TEST(MoneyText, TheExtremesDoNotOverflow) {
  EXPECT_EQ(money_text(std::numeric_limits<std::int64_t>::min(), "", "en"),
            "-92,233,720,368,547,758.08");
  EXPECT_EQ(money_text(std::numeric_limits<std::int64_t>::max(), "", "en"),
            "92,233,720,368,547,758.07");
}

}  // namespace
}  // namespace printline
