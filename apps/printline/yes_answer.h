// Whether a reply to a yes/no question says yes, in the user's language or in English.
#pragma once

#include <string>

namespace printline::cli {

// "y", "Y" and "yes" always work, whatever the language; so do the language's own ("o", "oui").
bool is_yes_answer(const std::string& reply);

}  // namespace printline::cli
