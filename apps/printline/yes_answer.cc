#include "yes_answer.h"

#include "core/i18n.h"

namespace printline::cli {

bool is_yes_answer(const std::string& reply) {
  // TRANSLATORS: the short "yes" answer to a [y/N] prompt.
  const std::string yes_short = tr("y");
  // TRANSLATORS: the long "yes" answer to a [y/N] prompt.
  const std::string yes_long = tr("yes");
  return reply == "y" || reply == "Y" || reply == "yes" || reply == yes_short ||
         reply == yes_long;
}

}  // namespace printline::cli
