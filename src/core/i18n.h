#pragma once
// Texts in the user's language (D14): GNU gettext with the "printline" domain. A program calls
// init_translations() first thing in main(), so every text built after it (help texts,
// notifications, job reasons) comes from po/<language>.po as compiled to printline.mo.
//
// Marking a text: tr("…") for a plain one, trf("Printed on {printer}", fmt::arg("printer", p))
// when it has parts (named placeholders, so a translation can reorder them), trnf(singular,
// plural, n, args…) when it counts something. xgettext finds them (po/POTFILES,
// scripts/update-po.sh); tests/i18n checks po/*.po cover them all. docs/i18n.md has the rest.

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace printline::i18n {

// Binds the catalogs and takes the language from the environment (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG). Only LC_MESSAGES and LC_CTYPE follow the environment: numbers keep the
// C conventions, so parsing and machine-readable output do not change with the language.
// The catalogs are looked for in $PRINTLINE_LOCALEDIR, else where they are installed.
// installed_dir: where this program's package put its catalogs, when not the system's locale
// directory (the server's package has its own copy: it may be installed without the client).
void init_translations(const std::string& installed_dir = {});

// Where init_translations() looks for <language>/LC_MESSAGES/printline.mo:
// $PRINTLINE_LOCALEDIR, else installed_dir, else the system's locale directory.
std::string locale_dir(const std::string& installed_dir = {});

// The language texts are shown in ("fr", "en"…), from the same environment gettext reads,
// or this thread's LanguageScope.
std::string current_language();

// The languages Printline has texts in: "en" and "fr".
bool is_known_language(std::string_view language);

// The first language of an HTTP Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8") that
// Printline has texts in, or "" (q-values are taken in the order given: browsers sort them).
std::string language_of_accept_language(std::string_view header);

// While it lives, the texts this thread builds (tr(), trf()…) are in `language`, whatever the
// process's: the server answers each user in theirs (D14). An empty or unknown language, or
// one whose system locale is not installed (Debian: `locales`, fr_FR.UTF-8), changes nothing.
class LanguageScope {
 public:
  explicit LanguageScope(std::string_view language);
  ~LanguageScope();
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;

 private:
  void* previous_ = nullptr;  // the thread's locale_t before, when this scope changed it
};

}  // namespace printline::i18n

namespace printline {

// The translation of `message` (itself when there is none). The result lives as long as the
// program: it may be kept as a const char*.
const char* tr(const char* message);

// The singular or plural translation for `count`, as the language's plural rule says.
const char* trn(const char* singular, const char* plural, unsigned long count);

// tr() with {named} placeholders filled: trf("Printed on {printer}", fmt::arg("printer", p)).
// A translation that names a placeholder the text does not have falls back to the English
// text rather than failing (tests/i18n/check_catalogs.py catches it before a release).
template <typename... Args>
std::string trf(const char* message, const Args&... args) {
  try {
    return fmt::format(fmt::runtime(tr(message)), args...);
  } catch (const fmt::format_error&) {
    return fmt::format(fmt::runtime(message), args...);
  }
}

// trn() with {named} placeholders filled; {count} is `count` itself.
template <typename... Args>
std::string trnf(const char* singular, const char* plural, unsigned long count,
                 const Args&... args) {
  try {
    return fmt::format(fmt::runtime(trn(singular, plural, count)), fmt::arg("count", count),
                       args...);
  } catch (const fmt::format_error&) {
    return fmt::format(fmt::runtime(count == 1 ? singular : plural), fmt::arg("count", count),
                       args...);
  }
}

}  // namespace printline
