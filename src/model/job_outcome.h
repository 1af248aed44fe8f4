#pragma once
// A job's outcome — the note on why it waits or where it printed — is kept as its message and
// parts, not as a sentence in the language of whoever caused it, and put into words for each
// reader (D14): a French administrator reads "En attente d'une imprimante." for the job an
// English-speaking user sent. Stored as JSON, {"text": "Printed on {printer}.", "printer":
// "floor2"}. A part is text, shown as it is (a printer's own words stay as it said them), or a
// note itself when the caller says so, stored as a JSON object and worded in turn: a part's
// text is never read as a note or a format, whatever a peer put in it.
// A stored plain sentence (rows from before, refusals written for one person) is shown as it is.

#include <string>
#include <string_view>
#include <vector>

namespace printline::model {

struct OutcomePart {
  std::string name;
  std::string value;
  bool is_note = false;  // value is outcome_note()'s result, worded for the reader in turn
};
using OutcomeParts = std::vector<OutcomePart>;

// The stored form of an outcome note. `message` is English with {named} placeholders and is
// marked for translation by this call itself (xgettext keyword outcome_note, po/POTFILES).
std::string outcome_note(const char* message, const OutcomeParts& parts = {});

// A stored outcome in this thread's language (i18n::LanguageScope): a note translated and its
// parts filled in; a plain sentence unchanged.
std::string outcome_for_reader(std::string_view stored);

}  // namespace printline::model
