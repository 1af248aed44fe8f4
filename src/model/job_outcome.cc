#include "model/job_outcome.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/i18n.h"

namespace printline::model {
namespace {

constexpr const char* kText = "text";
constexpr int kMostNested = 4;  // notes the server builds go two deep

bool is_note(const nlohmann::json& note) {
  return note.is_object() && note.contains(kText) && note[kText].is_string();
}

std::string word(const nlohmann::json& note, int depth) {
  const auto& message = note[kText].get_ref<const std::string&>();
  // The names point into `note`, which outlives the store; the values are copied.
  fmt::dynamic_format_arg_store<fmt::format_context> parts;
  for (auto it = note.begin(); it != note.end(); ++it) {
    if (it.key() == kText) continue;
    if (it->is_string()) {
      parts.push_back(fmt::arg(it.key().c_str(), it->get_ref<const std::string&>()));
    } else if (is_note(*it) && depth < kMostNested) {
      parts.push_back(fmt::arg(it.key().c_str(), word(*it, depth + 1)));
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

}  // namespace

std::string outcome_note(const char* message, const OutcomeParts& parts) {
  nlohmann::json note = nlohmann::json::object();
  note[kText] = message;
  for (const auto& part : parts) {
    auto nested = part.is_note ? nlohmann::json::parse(part.value, nullptr, false)
                               : nlohmann::json();
    if (is_note(nested)) {
      note[part.name] = std::move(nested);
    } else {
      note[part.name] = part.value;  // a plain sentence where a note was expected
    }
  }
  return note.dump();
}

std::string outcome_for_reader(std::string_view stored) {
  if (!stored.starts_with('{')) return std::string(stored);
  const auto note = nlohmann::json::parse(stored, nullptr, /*allow_exceptions=*/false);
  return is_note(note) ? word(note, 0) : std::string(stored);
}

}  // namespace printline::model
