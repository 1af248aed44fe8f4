// D14: a server thread speaks the language of the user it serves, and only that thread.

#include <gtest/gtest.h>

#include <clocale>
#include <string>
#include <thread>

#include "core/i18n.h"

namespace printline::i18n {
namespace {

TEST(AcceptLanguage, TheFirstLanguageWithTextsWins) {
  EXPECT_EQ(language_of_accept_language("fr-CH, fr;q=0.9, en;q=0.8"), "fr");
  EXPECT_EQ(language_of_accept_language("de-DE,de;q=0.9,en-US;q=0.8"), "en");
  EXPECT_EQ(language_of_accept_language("FR"), "fr");
  EXPECT_EQ(language_of_accept_language("de, it"), "");
  EXPECT_EQ(language_of_accept_language(""), "");
  EXPECT_EQ(language_of_accept_language(",,;;,-"), "");
}

TEST(LanguageScope, ChangesThisThreadOnlyAndOnlyWhileItLives) {
  std::setlocale(LC_MESSAGES, "C");
  ASSERT_EQ(current_language(), "en");
  {
    LanguageScope french("fr");
    EXPECT_EQ(current_language(), "fr");
    std::string elsewhere;
    std::thread([&] { elsewhere = current_language(); }).join();
    EXPECT_EQ(elsewhere, "en");
    {
      LanguageScope english("en");
      EXPECT_EQ(current_language(), "en");
    }
    EXPECT_EQ(current_language(), "fr");
    LanguageScope unknown("de");  // no texts in German: nothing changes
    EXPECT_EQ(current_language(), "fr");
  }
  EXPECT_EQ(current_language(), "en");
}

}  // namespace
}  // namespace printline::i18n
