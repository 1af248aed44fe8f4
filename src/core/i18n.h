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

namespace printline::i18n {

// Binds the catalogs and takes the language from the environment (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG). Only LC_MESSAGES and LC_CTYPE follow the environment: numbers keep the
// C conventions, so parsing and machine-readable output do not change with the language.
// The catalogs are looked for in $PRINTLINE_LOCALEDIR, else where they are installed.
void init_translations();

// Where init_translations() looks for <language>/LC_MESSAGES/printline.mo.
std::string locale_dir();

// The language texts are shown in ("fr", "en"…), from the same environment gettext reads.
std::string current_language();

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
