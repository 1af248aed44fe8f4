#pragma once
// What is wrong with a record an administrator sends, and which of its fields is at fault: the
// API answers the field with the sentence (docs/api.md), so a form can mark it, whatever the
// language the sentence is in.

#include <string>

namespace printline::model {

struct FieldProblem {
  std::string field;    // the JSON field at fault: "name", "prices"…
  std::string message;  // for people, in the reader's language
};

}  // namespace printline::model
