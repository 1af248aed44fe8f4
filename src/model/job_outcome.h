#pragma once
// A job's outcome — the note on why it waits or where it printed — is kept as its message and
// parts, not as a sentence in the language of whoever caused it, and put into words for each
// reader (D14): a French administrator reads "En attente d'une imprimante." for the job an
// English-speaking user sent. Stored as JSON, {"text": "Printed on {printer}.", "printer":
// "floor2"}; a part may be a note itself, and a printer's own words stay a part as it said them.
// A stored plain sentence (rows from before, refusals written for one person) is shown as it is.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace printline::model {

using OutcomeParts = std::vector<std::pair<std::string, std::string>>;

// The stored form of an outcome note. `message` is English with {named} placeholders and is
// marked for translation by this call itself (xgettext keyword outcome_note, po/POTFILES).
std::string outcome_note(const char* message, const OutcomeParts& parts = {});

// A stored outcome in this thread's language (i18n::LanguageScope): a note translated and its
// parts filled in (a part that is a note is worded the same way); a plain sentence unchanged.
std::string outcome_for_reader(std::string_view stored);

}  // namespace printline::model
