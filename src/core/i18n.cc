#include "core/i18n.h"

#include <libintl.h>

#include <langinfo.h>
#include <locale.h>

#include <cctype>
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

std::string locale_dir(const std::string& installed_dir) {
  if (const char* dir = non_empty_env("PRINTLINE_LOCALEDIR")) return dir;
  if (!installed_dir.empty()) return installed_dir;
  return PRINTLINE_LOCALEDIR;
}

void init_translations(const std::string& installed_dir) {
  std::setlocale(LC_MESSAGES, "");
  std::setlocale(LC_CTYPE, "");
  const std::string dir = locale_dir(installed_dir);
  bindtextdomain(kDomain, dir.c_str());
  // UTF-8 whatever the terminal's character set: JSON, D-Bus and Qt all want it.
  bind_textdomain_codeset(kDomain, "UTF-8");
  textdomain(kDomain);
}

std::string current_language() {
  // gettext's own order: LANGUAGE (a list) wins over the LC_MESSAGES locale unless that is C.
  // This thread's locale (a LanguageScope) first, else the process's.
  const locale_t thread = uselocale(nullptr);
  const char* messages = thread != LC_GLOBAL_LOCALE
                             ? nl_langinfo_l(_NL_LOCALE_NAME(LC_MESSAGES), thread)
                             : std::setlocale(LC_MESSAGES, nullptr);
  std::string_view locale = messages != nullptr ? messages : "C";
  if (locale == "C" || locale == "POSIX") return "en";
  std::string_view chosen = locale;
  if (const char* language = non_empty_env("LANGUAGE")) chosen = language;
  const auto end = chosen.find_first_of("_.@:");
  std::string code(chosen.substr(0, end));
  return code.empty() || code == "C" ? "en" : code;
}

bool is_known_language(std::string_view language) {
  return language == "en" || language == "fr";
}

std::string language_of_accept_language(std::string_view header) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    item = item.substr(0, item.find(';'));
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string code(item.substr(0, item.find('-')));
    for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (is_known_language(code)) return code;
  }
  return "";
}

namespace {

// The messages locale of "C" (English: gettext then answers the text itself, whatever
// LANGUAGE says) or fr_FR.UTF-8, over the process's other categories; nullptr when the system
// lacks it.
locale_t make_messages_locale(const char* name) {
  locale_t base = duplocale(LC_GLOBAL_LOCALE);
  if (base == nullptr) return nullptr;
  locale_t locale = newlocale(LC_MESSAGES_MASK, name, base);
  if (locale == nullptr) freelocale(base);
  return locale;
}

// Made once and kept for the life of the process (plain pointers: never destroyed at exit).
locale_t messages_locale(std::string_view language) {
  static const locale_t french = make_messages_locale("fr_FR.UTF-8");
  static const locale_t english = make_messages_locale("C");
  return language == "fr" ? french : english;
}

}  // namespace

LanguageScope::LanguageScope(std::string_view language) {
  if (!is_known_language(language)) return;
  if (locale_t locale = messages_locale(language)) previous_ = uselocale(locale);
}

LanguageScope::~LanguageScope() {
  if (previous_ != nullptr) uselocale(static_cast<locale_t>(previous_));
}

}  // namespace printline::i18n

namespace printline {

const char* tr(const char* message) { return dgettext(i18n::kDomain, message); }

const char* trn(const char* singular, const char* plural, unsigned long count) {
  return dngettext(i18n::kDomain, singular, plural, count);
}

}  // namespace printline
