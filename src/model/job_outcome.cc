#include "model/job_outcome.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/i18n.h"

namespace printline::model {
namespace {

constexpr const char* kText = "text";

}  // namespace

std::string outcome_note(const char* message, const OutcomeParts& parts) {
  nlohmann::json note = nlohmann::json::object();
  note[kText] = message;
  for (const auto& [name, value] : parts) note[name] = value;
  return note.dump();
}

std::string outcome_for_reader(std::string_view stored) {
  if (!stored.starts_with('{')) return std::string(stored);
  const auto note = nlohmann::json::parse(stored, nullptr, /*allow_exceptions=*/false);
  if (!note.is_object() || !note.contains(kText) || !note[kText].is_string()) {
    return std::string(stored);
  }
  const auto& message = note[kText].get_ref<const std::string&>();
  // The names point into `note`, which outlives the store.
  fmt::dynamic_format_arg_store<fmt::format_context> parts;
  for (auto it = note.begin(); it != note.end(); ++it) {
    if (it.key() != kText && it->is_string()) {  // a part may be a note itself
      parts.push_back(
          fmt::arg(it.key().c_str(), outcome_for_reader(it->get_ref<const std::string&>())));
    }
  }
  try {
    return fmt::vformat(tr(message.c_str()), parts);
  } catch (const fmt::format_error&) {
    try {
      return fmt::vformat(message, parts);  // a translation naming a wrong part
    } catch (const fmt::format_error&) {
      return message;  // a part missing from the stored note
    }
  }
}

}  // namespace printline::model
