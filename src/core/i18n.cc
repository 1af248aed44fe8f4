#include "core/i18n.h"

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <string_view>

#ifndef PRINTLINE_LOCALEDIR
#define PRINTLINE_LOCALEDIR "/usr/share/locale"
#endif

namespace printline::i18n {
namespace {

constexpr const char* kDomain = "printline";

const char* non_empty_env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

std::string locale_dir() {
  if (const char* dir = non_empty_env("PRINTLINE_LOCALEDIR")) return dir;
  return PRINTLINE_LOCALEDIR;
}

void init_translations() {
  std::setlocale(LC_MESSAGES, "");
  std::setlocale(LC_CTYPE, "");
  const std::string dir = locale_dir();
  bindtextdomain(kDomain, dir.c_str());
  // UTF-8 whatever the terminal's character set: JSON, D-Bus and Qt all want it.
  bind_textdomain_codeset(kDomain, "UTF-8");
  textdomain(kDomain);
}

std::string current_language() {
  // gettext's own order: LANGUAGE (a list) wins over the LC_MESSAGES locale unless that is C.
  const char* messages = std::setlocale(LC_MESSAGES, nullptr);
  std::string_view locale = messages != nullptr ? messages : "C";
  if (locale == "C" || locale == "POSIX") return "en";
  std::string_view chosen = locale;
  if (const char* language = non_empty_env("LANGUAGE")) chosen = language;
  const auto end = chosen.find_first_of("_.@:");
  std::string code(chosen.substr(0, end));
  return code.empty() || code == "C" ? "en" : code;
}

}  // namespace printline::i18n

namespace printline {

const char* tr(const char* message) { return dgettext(i18n::kDomain, message); }

const char* trn(const char* singular, const char* plural, unsigned long count) {
  return dngettext(i18n::kDomain, singular, plural, count);
}

}  // namespace printline
