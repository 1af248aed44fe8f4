#pragma once
// Range-checked reading of JSON numbers into C++ integers. nlohmann's own conversion
// static_casts whatever the document holds: a float beyond the target's range is undefined
// behaviour (a control request with copies 8.2e57 was one), and a large integer silently
// wraps. Every integer read from JSON — network input, the client's cache, configuration —
// goes through here, so a number that does not fit is an error with the field's name, not a
// crash or a wrong value.

#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

namespace printline::model {

// Thrown for a number that does not fit, or a value that is not an integer. It is a
// nlohmann::json::exception, so every caller that already turns JSON type errors into a message
// (parse_json, the API's error answers, the control protocol) handles it unchanged.
class JsonNumberError : public nlohmann::json::exception {
 public:
  explicit JsonNumberError(const std::string& message)
      : nlohmann::json::exception(406, message.c_str()) {}
};

// The integer held by `value`, or JsonNumberError when it is not an integer (a float with no
// fraction counts as one) or lies outside T's range. `what` names the field in the message.
template <std::integral T>
  requires(!std::same_as<T, bool>)
T checked_integer(const nlohmann::json& value, const char* what = "number") {
  using Limits = std::numeric_limits<T>;
  if (value.is_number_unsigned()) {
    const auto n = value.get<std::uint64_t>();
    if (n <= static_cast<std::uint64_t>(Limits::max())) return static_cast<T>(n);
  } else if (value.is_number_integer()) {
    const auto n = value.get<std::int64_t>();
    const bool fits = std::is_signed_v<T>
                          ? n >= static_cast<std::int64_t>(Limits::min()) &&
                                n <= static_cast<std::int64_t>(Limits::max())
                          : n >= 0 && static_cast<std::uint64_t>(n) <= Limits::max();
    if (fits) return static_cast<T>(n);
  } else if (value.is_number_float()) {
    const double n = value.get<double>();
    // Compared as a double before converting: the conversion itself must not overflow.
    // 2^digits is one past the largest value, exact in a double; min() is -2^digits or 0.
    const double above_max = std::ldexp(1.0, Limits::digits);
    if (std::isfinite(n) && std::trunc(n) == n && n >= static_cast<double>(Limits::min()) &&
        n < above_max) {
      return static_cast<T>(n);
    }
  } else {
    throw JsonNumberError(std::string(what) + " must be a number, not " + value.type_name());
  }
  throw JsonNumberError(std::string(what) + " is " + value.dump() + "; it must be a whole " +
                        "number from " + std::to_string(Limits::min()) + " to " +
                        std::to_string(Limits::max()));
}

// object[key] as an integer when present and not null, else `fallback`; the range-checked
// counterpart of nlohmann's object.value(key, fallback).
template <std::integral T>
T integer_or(const nlohmann::json& object, const char* key, T fallback) {
  if (!object.is_object()) return fallback;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  return checked_integer<T>(*it, key);
}

template <typename T>
inline constexpr bool kIsJsonInteger = std::is_integral_v<T> && !std::is_same_v<T, bool>;
template <typename T>
inline constexpr bool kIsOptionalInteger = false;
template <typename I>
inline constexpr bool kIsOptionalInteger<std::optional<I>> = kIsJsonInteger<I>;
template <typename T>
inline constexpr bool kIsIntegerVector = false;
template <typename I, typename A>
inline constexpr bool kIsIntegerVector<std::vector<I, A>> = kIsJsonInteger<I>;

// Reads any JSON value into `out`: integers (also in std::optional or a vector) through
// checked_integer, everything else through nlohmann's own conversion (strings, booleans,
// doubles, model types whose from_json reads their own integers with checked_integer).
template <typename T>
void get_checked(const nlohmann::json& value, T& out, const char* what = "value") {
  if constexpr (kIsJsonInteger<T>) {
    out = checked_integer<T>(value, what);
  } else if constexpr (kIsOptionalInteger<T>) {
    if (value.is_null()) {
      out.reset();
    } else {
      out = checked_integer<typename T::value_type>(value, what);
    }
  } else if constexpr (kIsIntegerVector<T>) {
    if (!value.is_array()) {
      throw JsonNumberError(std::string(what) + " must be an array, not " + value.type_name());
    }
    out.clear();
    for (const auto& item : value) {
      out.push_back(checked_integer<typename T::value_type>(item, what));
    }
  } else {
    value.get_to(out);
  }
}

}  // namespace printline::model
