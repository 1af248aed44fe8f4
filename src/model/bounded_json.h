#pragma once
// Parsing JSON that came over the network with a nesting limit (D12, D13). nlohmann's parser
// itself is iterative, but dumping, comparing or converting a value recurses once per level:
// a `printer` nested a million levels deep crashed the server while it echoed it. Every parse
// of network input goes through here, so such a document is refused before anything walks it.

#include <nlohmann/json.hpp>
#include <string_view>

namespace printline::model {

// Deep enough for every document Printline exchanges (its deepest is about 5 levels).
inline constexpr int kMaxJsonDepth = 64;

enum class JsonProblem { kNone, kSyntax, kTooDeep };

struct BoundedJson {
  nlohmann::json value;  // discarded unless problem is kNone
  JsonProblem problem = JsonProblem::kNone;
  bool ok() const { return problem == JsonProblem::kNone; }
};

// Parses `text`; a syntax error or a value nested deeper than max_depth is a problem, never
// an exception or a crash.
inline BoundedJson parse_bounded_json(std::string_view text, int max_depth = kMaxJsonDepth) {
  struct TooDeep {};
  BoundedJson out;
  try {
    // The callback sees each value's depth as it starts; throwing stops the parse at once,
    // before the over-deep part is built.
    out.value = nlohmann::json::parse(
        text,
        [max_depth](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
          if (depth >= max_depth && (event == nlohmann::json::parse_event_t::object_start ||
                                     event == nlohmann::json::parse_event_t::array_start)) {
            throw TooDeep{};
          }
          return true;
        },
        /*allow_exceptions=*/false);
  } catch (const TooDeep&) {
    out.value = nlohmann::json(nlohmann::json::value_t::discarded);
    out.problem = JsonProblem::kTooDeep;
    return out;
  }
  if (out.value.is_discarded()) out.problem = JsonProblem::kSyntax;
  return out;
}

}  // namespace printline::model
